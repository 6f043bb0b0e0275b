// Reads what a failed Prisma call tells about the database rule it broke, so that services can turn it into an error
// the client can act on. Knows Prisma's error shape; knows nothing of GraphQL.
import { Prisma } from '../generated/prisma/client';

export type DatabaseViolation =
  | { kind: 'unique'; fields: string[]; constraint: string }
  | { kind: 'foreign-key'; constraint: string }
  | { kind: 'restricted-delete'; constraint: string }
  | { kind: 'check'; constraint: string }
  | { kind: 'record-not-found' };

interface DriverCause {
  originalCode?: string;
  originalMessage?: string;
  kind?: string;
  constraint?: { fields?: string[]; index?: string };
}

const constraintName = (message: string | undefined): string => /constraint "([^"]+)"/.exec(message ?? '')?.[1] ?? '';

export function databaseViolation(error: unknown): DatabaseViolation | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  if (error.code === 'P2025') return { kind: 'record-not-found' };
  const cause: DriverCause = (error.meta?.driverAdapterError as { cause?: DriverCause } | undefined)?.cause ?? {};
  switch (cause.originalCode) {
    case '23505':
      // Fields come with Prisma's own writes; a raw statement's error names only the constraint, in its message.
      return { kind: 'unique', fields: cause.constraint?.fields ?? [], constraint: constraintName(cause.originalMessage) };
    case '23503':
      // Raised on insert/update (a missing parent) and on delete with NO ACTION (existing children).
      return /update or delete on table/.test(cause.originalMessage ?? '')
        ? { kind: 'restricted-delete', constraint: constraintName(cause.originalMessage) }
        : { kind: 'foreign-key', constraint: cause.constraint?.index ?? constraintName(cause.originalMessage) };
    case '23001':
      return { kind: 'restricted-delete', constraint: constraintName(cause.originalMessage) };
    case '23514':
      return { kind: 'check', constraint: constraintName(cause.originalMessage) };
    default:
      return undefined;
  }
}

/**
 * What a failure says about the database itself rather than the request: `unavailable` when it cannot be reached or
 * the session was lost (the server down or restarting, the network cut, no connection free in time), `timeout` when
 * PostgreSQL cancelled a statement (statement_timeout, or a cancel request). The same fault reaches us in several
 * wrappings: node-postgres's own errors (socket errors with a code, PostgreSQL errors with a SQLSTATE, and a few with
 * a message only), Prisma's errors around @prisma/adapter-pg's mapping of them, and errors that carry another as
 * their cause; all are looked through.
 */
export type DatabaseFault = 'unavailable' | 'timeout';

// Class 08 is "connection exception"; 57P01-57P03 are an administrator's shutdown or termination, a crash, and a server
// that cannot take connections yet; 53300 is too many connections.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
const TIMEOUT_SQLSTATE = '57014';
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// node-postgres raises these without a code: a session that ended, a pool that could not connect or hand out a
// connection within connectionTimeoutMillis, a server that did not answer within query_timeout, a client already
// broken by an earlier fault.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Query read timeout$/,
  /^Client has encountered a connection error and is not queryable$/,
];
// @prisma/adapter-pg's names for socket faults, and Prisma's codes for them (P1001 cannot reach the server, P1002 and
// P1008 timed out, P1017 the server closed the connection, P2024 no pool connection in time, P2037 too many connections).
const UNAVAILABLE_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
const UNAVAILABLE_TRANSACTION_START = /Unable to start a transaction in the given time/;
const EXPIRED_TRANSACTION = /cannot be executed on an expired transaction/;

interface FaultShape {
  code?: unknown;
  errorCode?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: unknown };
}

export function databaseFault(error: unknown, depth = 0): DatabaseFault | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const shape = error as FaultShape;
  for (const code of [shape.code, shape.originalCode, shape.errorCode]) {
    if (typeof code !== 'string') continue;
    if (code === TIMEOUT_SQLSTATE) return 'timeout';
    if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET_CODES.has(code) || UNAVAILABLE_PRISMA_CODES.has(code)) return 'unavailable';
  }
  if (shape.code === 'P2028' && typeof shape.message === 'string') {
    // Prisma's transaction manager: no connection came free within the transaction's maxWait (the pool's P2024, for
    // a transaction), or the transaction outlived its timeout (an overloaded server or database).
    if (UNAVAILABLE_TRANSACTION_START.test(shape.message)) return 'unavailable';
    if (EXPIRED_TRANSACTION.test(shape.message)) return 'timeout';
  }
  if (typeof shape.kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(shape.kind)) return 'unavailable';
  if (typeof shape.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(shape.message as string)))
    return 'unavailable';
  // Node's connect to a name with several addresses fails with an AggregateError of one error per address.
  const nested = [
    shape.cause,
    shape.originalError,
    shape.meta?.driverAdapterError,
    ...(Array.isArray(shape.errors) ? (shape.errors as unknown[]) : []),
  ];
  for (const inner of nested) {
    const fault = databaseFault(inner, depth + 1);
    if (fault) return fault;
  }
  return undefined;
}
