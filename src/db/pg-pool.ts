// The node-postgres pool behind Prisma and queryRows on a PostgreSQL server, set up so that no connection fault can end
// the process, and so that a request fails fast instead of hanging when the server is down.
import { Pool, type ClientBase } from 'pg';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS, type PostgresConfig } from '../config';
import type { Logger } from '../logger';
import { rowTypeParser } from './row-types';

/** What the database layer logs: connection faults and migration waits. */
export type DatabaseLogger = Pick<Logger, 'warn' | 'info'>;

/**
 * An 'error' event on a pg client nobody listens to is thrown, and ends the process. The pool listens only while a
 * client is idle; a checked-out client is its holder's to listen to, and there is a gap: when one message from the
 * server both ends a query (ReadyForQuery) and kills the session (an ErrorResponse such as 57P01 "terminating
 * connection due to administrator command", sent on a restart or pg_terminate_backend), node-postgres parses both in
 * one go; the first hands the client over to the next waiter (@prisma/adapter-pg starting a transaction), which attaches
 * its listener only after an `await`, and the second is emitted in between, to nobody. So every client carries a
 * listener of its own for its whole life: the fault is logged once, the client is unusable (its holder's next query
 * fails, and release() drops it from the pool), and the pool connects afresh when next asked.
 */
/** How much longer than statement_timeout the client waits for an answer before it takes the server for gone. */
export const QUERY_TIMEOUT_GRACE_MS = 2_000;

let connections = 0;

export function listenForClientErrors(client: ClientBase, logger: DatabaseLogger | undefined, what: string): void {
  // Numbered so that the log shows which connection failed, and that each says so once.
  const connection = (connections += 1);
  let reported = false;
  client.on('error', (error: Error & { code?: string }) => {
    if (reported) return;
    reported = true;
    logger?.warn({ err: error, code: error.code, connection }, `${what} failed; it is discarded and the next request connects afresh`);
  });
}

export function createPgPool(config: PostgresConfig, logger?: DatabaseLogger): Pool {
  const statementTimeout = config.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const pool = new Pool({
    connectionString: config.url,
    max: config.poolSize,
    // Both a new connection and a wait for a free one give up after this, so that requests fail fast with
    // SERVICE_UNAVAILABLE while the server is unreachable instead of queueing without end.
    connectionTimeoutMillis: config.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    // Sent in the startup packet, so it holds on every connection from its first statement (0: none). The client
    // gives up QUERY_TIMEOUT_GRACE_MS later on its own: only a server that no longer answers at all (a network
    // partition mid-query, a host gone) gets there, and the request fails instead of waiting for TCP to give up.
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout, query_timeout: statementTimeout + QUERY_TIMEOUT_GRACE_MS } : {}),
    // Lets the OS notice such a server on idle connections too (probes after 10 s of silence, then its own pace).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'claimtrace',
    types: { getTypeParser: rowTypeParser },
  });
  pool.on('connect', (client) => listenForClientErrors(client, logger, 'a PostgreSQL connection'));
  // The pool re-emits an idle client's error here after dropping the client; the client's own listener has logged it.
  pool.on('error', () => undefined);
  return pool;
}
