// The errors a client can act on, as GraphQL errors. Each carries a stable `extensions.code`; input errors also name the
// field at fault (`extensions.field`, a path such as "input.speakerId"). Services throw domain errors instead
// (domain-errors.ts), which graphql-edge.ts maps to these; anything else that escapes a resolver is masked by
// formatError (see mask-error.ts).
import { GraphQLError } from 'graphql';
import type { OperationLimits } from '../config';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  OPERATION_TIMEOUT: 'OPERATION_TIMEOUT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** An operation over one of the operation limits, refused before it ran. */
  OPERATION_TOO_COMPLEX: 'OPERATION_TOO_COMPLEX',
  /** Introspection asked of a server that does not expose its schema. */
  INTROSPECTION_DISABLED: 'INTROSPECTION_DISABLED',
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  CLIENT_CLOSED_REQUEST: 'CLIENT_CLOSED_REQUEST',
  /** No API key where one is needed, or one that is unknown, revoked or expired. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** A valid API key whose role lacks the right; `extensions.requiredRole` names the role needed. */
  FORBIDDEN: 'FORBIDDEN',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorOptions {
  /** Path of the argument or input field at fault, e.g. "input.slug". */
  field?: string;
  /** Every problem found, when there were several (validation reports them all). */
  violations?: { field: string; message: string }[];
  /** The values that would have been accepted, when there are few (e.g. the review statuses a claim may move to). */
  allowed?: readonly string[];
  /** The request header at fault, when it is one (e.g. "Idempotency-Key"). */
  header?: string;
  /** The limit a refused operation exceeded, and what it measured when known (time budget, response size). */
  max?: number;
  value?: number;
  /** The least role that may do what was refused (FORBIDDEN). */
  requiredRole?: string;
}

/** Which operation limit an operation went over, the limit, and what the operation measured (when known). */
export interface OperationLimitDetails {
  limit: keyof OperationLimits;
  max: number;
  /** Unknown for tokens: the parser stops at the first token over the limit. */
  value?: number;
}

export abstract class AppError extends GraphQLError {
  abstract readonly code: ErrorCode;

  /**
   * `httpStatus`, `httpHeaders`: the status of a response that is only this error, and headers it must carry (Apollo
   * reads both from `extensions.http`, and drops it).
   */
  protected constructor(
    message: string,
    code: ErrorCode,
    options: AppErrorOptions | OperationLimitDetails = {},
    httpStatus?: number,
    httpHeaders: Readonly<Record<string, string>> = {},
  ) {
    const http = httpStatus === undefined ? {} : { http: { status: httpStatus, headers: new Map(Object.entries(httpHeaders)) } };
    super(message, { extensions: { code, ...options, ...http } });
    this.name = new.target.name;
  }
}

export class BadUserInputError extends AppError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(message: string, options: AppErrorOptions = {}) {
    super(message, ErrorCode.BAD_USER_INPUT, options);
  }
}

export class NotFoundError extends AppError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(message: string, options: AppErrorOptions = {}) {
    super(message, ErrorCode.NOT_FOUND, options);
  }
}

export class ConflictError extends AppError {
  readonly code = ErrorCode.CONFLICT;
  constructor(message: string, options: AppErrorOptions = {}) {
    super(message, ErrorCode.CONFLICT, options);
  }
}

export class OperationTooComplexError extends AppError {
  readonly code = ErrorCode.OPERATION_TOO_COMPLEX;
  /** `measured` says what the operation has, e.g. "it has 101 aliases". */
  constructor(measured: string, details: OperationLimitDetails) {
    super(
      `Operation too complex: ${measured}, over the ${details.limit} limit of ${details.max}`,
      ErrorCode.OPERATION_TOO_COMPLEX,
      details,
    );
  }
}

/** The database cannot be reached (down, restarting, the network cut, no connection free in time): retry later. */
export class ServiceUnavailableError extends AppError {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
  // A write whose connection was lost may or may not have committed: the message does not pretend to know.
  constructor(message = 'The database is unavailable; retry shortly (with an Idempotency-Key, a retried mutation cannot write twice).') {
    super(message, ErrorCode.SERVICE_UNAVAILABLE);
  }
}

/**
 * The operation ran out of time: its time budget (OPERATION_TIMEOUT_MS, given as `budgetMs`; what it was still doing is
 * abandoned), or on the database its statement timeout.
 */
export class OperationTimeoutError extends AppError {
  readonly code = ErrorCode.OPERATION_TIMEOUT;
  constructor(budgetMs?: number) {
    super(
      budgetMs === undefined
        ? 'The operation took longer than allowed and was stopped; ask for less (fewer items, less depth)'
        : `The operation did not finish within ${budgetMs} ms; ask for less (fewer items, less depth)`,
      ErrorCode.OPERATION_TIMEOUT,
      budgetMs === undefined ? {} : { max: budgetMs },
      504,
    );
  }
}

/** The response would be larger than MAX_RESPONSE_BYTES; it is replaced by this error. */
export class ResponseTooLargeError extends AppError {
  readonly code = ErrorCode.RESPONSE_TOO_LARGE;
  constructor(maxBytes: number, bytes: number) {
    super(`The response (${bytes} bytes) is larger than ${maxBytes} bytes; ask for fewer items or fields`, ErrorCode.RESPONSE_TOO_LARGE, {
      max: maxBytes,
      value: bytes,
    });
  }
}

/** The client closed the connection before the response; its work is abandoned. No client sees it: logs and metrics do. */
export class ClientClosedRequestError extends AppError {
  readonly code = ErrorCode.CLIENT_CLOSED_REQUEST;
  constructor() {
    // 499, as nginx logs a client gone before its response: seen only by the metrics.
    super('The client closed the connection before the response was sent', ErrorCode.CLIENT_CLOSED_REQUEST, {}, 499);
  }
}

/** The request needs an API key (Authorization: Bearer <key>) and has none, or one that does not work. */
export class UnauthenticatedError extends AppError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message: string) {
    // RFC 9110 §15.5.2: a 401 says which scheme would do.
    super(message, ErrorCode.UNAUTHENTICATED, {}, 401, { 'www-authenticate': 'Bearer' });
  }
}

/** The API key is valid but its role may not do this; the message and `extensions.requiredRole` name the role needed. */
export class ForbiddenError extends AppError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message: string, requiredRole: string, options: AppErrorOptions = {}) {
    super(message, ErrorCode.FORBIDDEN, { ...options, requiredRole }, 403);
  }
}
