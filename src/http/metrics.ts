// Prometheus metrics with prom-client, served at /metrics (METRICS_ENABLED): GraphQL requests by operation and
// outcome, their latency, operations refused by limit, SQL statements sent, the PostgreSQL pool, and prom-client's
// process metrics.
//
// Label values are bounded: an operation is labelled with its name only when the document resolved one (a GraphQL
// name, not whatever a client sent as operationName), at most MAX_OPERATION_NAME_LENGTH characters, and only the
// first MAX_OPERATION_NAMES distinct names get a label of their own; later ones, and longer ones, are "(other)".
// Error codes and limits come from the server's own errors (a fixed set).
import type { GraphQLFormattedError } from 'graphql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OperationReport } from '../context';
import type { Database } from '../db/database';

export const MAX_OPERATION_NAMES = 100;
export const MAX_OPERATION_NAME_LENGTH = 64;

/** Labels that no GraphQL name can take (names have no parentheses). */
const ANONYMOUS = '(anonymous)';
const NO_OPERATION = '(none)';
const OTHER = '(other)';

/** The limits other parts of the server refuse operations for (errors coded OPERATION_TOO_COMPLEX, `extensions.limit`). */
const LIMITS = new Set(['depth', 'aliases', 'tokens', 'directives', 'fieldRepeats', 'cost']);

/** Error codes that say the server, not the request, failed (even in a response that has data). */
const SERVER_ERROR_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'OPERATION_TIMEOUT']);

export type Outcome = 'ok' | 'client_error' | 'server_error';

export interface Metrics {
  /**
   * Counts one request to the GraphQL endpoint once answered: `report` is what the GraphQL pipeline found (undefined
   * when the request failed before reaching it: unreadable body, bad JSON), `status` the HTTP status sent.
   */
  observe(report: OperationReport | undefined, status: number, seconds: number): void;
  /** The exposition text, and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

// prom-client's default metrics describe the process, so they are collected once per process, whatever the number of
// servers in it (the tests run several).
let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createMetrics(db: Pick<Database, 'poolStats' | 'statementsSent'>): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'claimtrace_graphql_requests_total',
    help: 'GraphQL requests answered, by operation name, outcome (ok, client_error, server_error) and error code',
    labelNames: ['operation', 'outcome', 'code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'claimtrace_graphql_request_duration_seconds',
    help: 'Time from the request to its response, by operation name',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'claimtrace_graphql_operations_refused_total',
    help: 'Operations refused before execution (OPERATION_TOO_COMPLEX), by the limit they exceeded',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  new Counter({
    name: 'claimtrace_sql_statements_total',
    help: 'SQL statements sent to the database (through Prisma or straight through the driver; BEGIN and COMMIT left out)',
    registers: [registry],
    // The database counts them where they are sent (a plain number on the hot path); read at each scrape.
    collect() {
      this.reset();
      this.inc(db.statementsSent());
    },
  });
  if (db.poolStats() !== undefined) {
    // The embedded database has no pool: no series rather than a pool of zero connections.
    const poolGauge = (name: string, help: string, read: (stats: NonNullable<ReturnType<Database['poolStats']>>) => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          const stats = db.poolStats();
          if (stats) this.set(read(stats));
        },
      });
    poolGauge('claimtrace_db_pool_connections', 'Connections open in the PostgreSQL pool, idle or in use', (stats) => stats.total);
    poolGauge('claimtrace_db_pool_idle_connections', 'Connections of the PostgreSQL pool not in use', (stats) => stats.idle);
    poolGauge('claimtrace_db_pool_waiting_queries', 'Queries waiting for a connection of the PostgreSQL pool', (stats) => stats.waiting);
  }

  const operationNames = new Set<string>();
  const operationLabel = (report: OperationReport | undefined): string => {
    if (!report?.resolved) return NO_OPERATION;
    const name = report.operationName;
    if (name === null) return ANONYMOUS;
    if (operationNames.has(name)) return name;
    if (name.length > MAX_OPERATION_NAME_LENGTH || operationNames.size >= MAX_OPERATION_NAMES) return OTHER;
    operationNames.add(name);
    return name;
  };

  return {
    observe(report, status, seconds) {
      const operation = operationLabel(report);
      const errors = report?.errors;
      const { outcome, code } = outcomeOf(status, errors);
      requests.inc({ operation, outcome, code });
      duration.observe({ operation }, seconds);
      if (errors) {
        for (const error of errors) {
          if (error.extensions?.code !== 'OPERATION_TOO_COMPLEX') continue;
          const limit = error.extensions.limit;
          refused.inc({ limit: typeof limit === 'string' && LIMITS.has(limit) ? limit : OTHER });
        }
      }
    },
    async render() {
      const merged = Registry.merge([processMetrics(), registry]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}

/** The outcome of a response, and the code that decided it ('' for ok; HTTP_<status> for a failure with no GraphQL error). */
export function outcomeOf(status: number, errors: readonly GraphQLFormattedError[] | undefined): { outcome: Outcome; code: string } {
  if (status < 400 && !errors?.length) return { outcome: 'ok', code: '' };
  const codes = (errors ?? []).map((error) =>
    typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR',
  );
  const serverCode = codes.find((code) => SERVER_ERROR_CODES.has(code));
  if (status >= 500 || serverCode !== undefined) return { outcome: 'server_error', code: serverCode ?? codes[0] ?? `HTTP_${status}` };
  return { outcome: 'client_error', code: codes[0] ?? `HTTP_${status}` };
}
