// Every environment variable the app reads, parsed and validated once at start. Bad configuration fails fast with a
// message naming the variable; nothing else in the code reads process.env.
import fs from 'node:fs';
import path from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface PostgresConfig {
  kind: 'postgres';
  url: string;
  poolSize: number;
  /** How long a request waits for a connection (a new one, or a free one of the pool) before failing. */
  connectTimeoutMs?: number;
  /** PostgreSQL's statement_timeout on the pool's connections; 0 turns it off. */
  statementTimeoutMs?: number;
}

export type DatabaseConfig = { kind: 'pglite'; dataDir: string } | PostgresConfig;

/** Defaults for the PostgreSQL settings a caller of openDatabase may leave out (tests, benchmarks). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
const DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS = 86_400;

/**
 * The most an operation may ask for, checked before it runs (src/graphql/operation-limits.ts). The defaults let every
 * query of the README and docs/api.md, the tests and a full introspection run, and refuse the abusive ones of issue 13.
 */
export interface OperationLimits {
  /** Nesting of fields (fragments flattened; introspection's __schema not counted). */
  depth: number;
  aliases: number;
  /** Lexical tokens of the document; the parser stops at the first one over. */
  tokens: number;
  directives: number;
  /** Times one selection set may select the same field (response key), fragments included. */
  fieldRepeats: number;
  /** The priced work: list sizes multiplied through the nesting (src/graphql/operation-cost.ts). */
  cost: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  depth: 12,
  aliases: 15,
  tokens: 2_000,
  directives: 8,
  fieldRepeats: 20,
  cost: 500_000,
};

export interface HttpConfig {
  /** Time for a request's headers to arrive (slowloris clients are cut). */
  headersTimeoutMs: number;
  /** Time for a whole request, headers and body, to arrive (never-ending bodies are cut). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; more are closed as they arrive. */
  maxConnections: number;
}

export interface CorsConfig {
  /** Origins browsers may call the API from, or '*' for any (then never with credentials). */
  origins: readonly string[] | '*';
  /** Whether browsers may send cookies and HTTP authentication along (Access-Control-Allow-Credentials). */
  credentials: boolean;
}

export interface AuthConfig {
  /** Whether clients without an API key may read (fact-check databases are public); writes always need a key. */
  anonymousReads: boolean;
  /** How long a checked key is trusted without asking the database again: a revoked key works at most this long. */
  keyCacheSeconds: number;
}

export interface Config {
  nodeEnv: NodeEnv;
  isProduction: boolean;
  host: string;
  port: number;
  database: DatabaseConfig;
  logLevel: LogLevel;
  /** Introspection and the Sandbox landing page; on in development, off in production unless asked for. */
  exposeSchema: boolean;
  /** Seed the INF-treaty corpus when the database holds no speakers yet. */
  seedOnStart: boolean;
  shutdownTimeoutMs: number;
  operationLimits: OperationLimits;
  /** How long a mutation's Idempotency-Key and the response it stored are kept. */
  idempotencyKeyTtlSeconds: number;
  http: HttpConfig;
  cors: CorsConfig;
  /** Time budget of one GraphQL operation; past it the client gets OPERATION_TIMEOUT and the work is abandoned. */
  operationTimeoutMs: number;
  /** Largest GraphQL response body sent; a larger one is replaced by a RESPONSE_TOO_LARGE error. */
  maxResponseBytes: number;
  /** Serve Prometheus metrics at /metrics. */
  metricsEnabled: boolean;
  auth: AuthConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const NODE_ENVS: readonly NodeEnv[] = ['development', 'production', 'test'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** Apollo's hosted Sandbox (https://studio.apollographql.com/sandbox), allowed by default in development. */
export const APOLLO_STUDIO_ORIGIN = 'https://studio.apollographql.com';

/** The folder holding package.json, whether running from src/ (ts) or dist/src/ (compiled). */
export const projectRoot: string = findProjectRoot(__dirname);

function findProjectRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');
export const prismaSchemaPath = path.join(projectRoot, 'prisma', 'schema.prisma');

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = read(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const value = read(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (Number.isInteger(parsed) && parsed >= min && parsed <= max) return parsed;
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
    return fallback;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const value = read(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  };

  const nodeEnv = oneOf('NODE_ENV', NODE_ENVS, 'development');
  const isProduction = nodeEnv === 'production';

  let database: DatabaseConfig;
  const url = read('DATABASE_URL');
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      problems.push('DATABASE_URL must be a PostgreSQL URL (postgresql://user@host:port/database); unset it to use the embedded database');
    }
    database = {
      kind: 'postgres',
      url,
      poolSize: integer('DATABASE_POOL_SIZE', 10, 1, 200),
      connectTimeoutMs: integer('DATABASE_CONNECT_TIMEOUT_MS', DEFAULT_CONNECT_TIMEOUT_MS, 100, 600_000),
      statementTimeoutMs: integer('DATABASE_STATEMENT_TIMEOUT_MS', DEFAULT_STATEMENT_TIMEOUT_MS, 0, 86_400_000),
    };
  } else {
    const dataDir = read('PGLITE_DATA_DIR') ?? path.join(projectRoot, 'data', 'pglite');
    database = { kind: 'pglite', dataDir: dataDir.startsWith('memory://') ? dataDir : path.resolve(dataDir) };
  }

  const corsOrigins = (): CorsConfig['origins'] => {
    const value = read('CORS_ORIGINS');
    if (value === undefined) return nodeEnv === 'development' ? [APOLLO_STUDIO_ORIGIN] : [];
    if (value === '*') return '*';
    const origins = value
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== '');
    for (const origin of origins) {
      if (!isOrigin(origin))
        problems.push(`CORS_ORIGINS must be * or a comma-separated list of origins such as https://app.example.org (got "${origin}")`);
    }
    return origins;
  };
  const cors: CorsConfig = { origins: corsOrigins(), credentials: boolean('CORS_CREDENTIALS', false) };
  if (cors.origins === '*' && cors.credentials) {
    problems.push(
      'CORS_CREDENTIALS cannot be true with CORS_ORIGINS=*: browsers refuse credentials from a server that allows any origin; list the origins',
    );
  }
  const http: HttpConfig = {
    headersTimeoutMs: integer('HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
    requestTimeoutMs: integer('HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    keepAliveTimeoutMs: integer('HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
    maxConnections: integer('HTTP_MAX_CONNECTIONS', 1_000, 1, 1_000_000),
  };
  if (http.headersTimeoutMs > http.requestTimeoutMs)
    problems.push('HTTP_HEADERS_TIMEOUT_MS must not be larger than HTTP_REQUEST_TIMEOUT_MS');

  const config: Config = {
    nodeEnv,
    isProduction,
    host: read('HOST') ?? 'localhost',
    port: integer('PORT', 4000, 0, 65535),
    database,
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    exposeSchema: boolean('GRAPHQL_EXPOSE_SCHEMA', !isProduction),
    seedOnStart: boolean('SEED_ON_START', true),
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    operationLimits: {
      depth: integer('GRAPHQL_MAX_DEPTH', DEFAULT_OPERATION_LIMITS.depth, 1, 1_000),
      aliases: integer('GRAPHQL_MAX_ALIASES', DEFAULT_OPERATION_LIMITS.aliases, 0, 10_000),
      tokens: integer('GRAPHQL_MAX_TOKENS', DEFAULT_OPERATION_LIMITS.tokens, 10, 1_000_000),
      directives: integer('GRAPHQL_MAX_DIRECTIVES', DEFAULT_OPERATION_LIMITS.directives, 0, 10_000),
      fieldRepeats: integer('GRAPHQL_MAX_FIELD_REPEATS', DEFAULT_OPERATION_LIMITS.fieldRepeats, 1, 10_000),
      cost: integer('GRAPHQL_MAX_COST', DEFAULT_OPERATION_LIMITS.cost, 1, 1_000_000_000),
    },
    idempotencyKeyTtlSeconds: integer('IDEMPOTENCY_KEY_TTL_SECONDS', DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS, 60, 30 * 86_400),
    http,
    cors,
    operationTimeoutMs: integer('OPERATION_TIMEOUT_MS', 10_000, 1, 600_000),
    maxResponseBytes: integer('MAX_RESPONSE_BYTES', 8 * 1024 * 1024, 1_024, 1_073_741_824),
    metricsEnabled: boolean('METRICS_ENABLED', true),
    auth: {
      anonymousReads: boolean('AUTH_ANONYMOUS_READS', true),
      keyCacheSeconds: integer('AUTH_KEY_CACHE_SECONDS', 5, 0, 3_600),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** An http(s) origin as browsers send it: scheme, host and port only (no path, no trailing slash). */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}
