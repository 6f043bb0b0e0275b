// The errors a client can act on. Each carries a stable `extensions.code`; input errors also name the field at fault
// (`extensions.field`, a path such as "input.speakerId"). Anything else that escapes a resolver is masked by
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

  protected constructor(message: string, code: ErrorCode, options: AppErrorOptions | OperationLimitDetails = {}) {
    super(message, { extensions: { code, ...options } });
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
  constructor(entity: string, id: string, options: AppErrorOptions = {}) {
    super(`${entity} ${id} does not exist`, ErrorCode.NOT_FOUND, options);
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
    super(`Operation too complex: ${measured}, over the ${details.limit} limit of ${details.max}`, ErrorCode.OPERATION_TOO_COMPLEX, details);
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

/** The operation ran out of its time (on the database: its statement timeout). */
export class OperationTimeoutError extends AppError {
  readonly code = ErrorCode.OPERATION_TIMEOUT;
  constructor(message = 'The operation took longer than allowed and was stopped.') {
    super(message, ErrorCode.OPERATION_TIMEOUT);
  }
}
