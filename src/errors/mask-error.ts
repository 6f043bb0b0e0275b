// Apollo's formatError: errors the client can act on pass through with their code and the field at fault; anything
// unexpected (a bug, a lost database connection, SQL text) reaches the client as INTERNAL_SERVER_ERROR with no
// detail, except in development. The request logger (graphql/request-logger.ts) logs the unexpected ones, where the
// request id and operation are known.
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from './app-errors';

/** Codes Apollo and graphql-js give to errors in the request itself (syntax, validation, variables). */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

// 'Variable "$input" got invalid value "x" at "input.statedAt"; ...' and 'Field "text" of required type ...'.
const VARIABLE_PATH = /^Variable "\$(\w+)" got invalid value .*? at "([^"]+)"/;
const VARIABLE_NAME = /^Variable "\$(\w+)"/;
const MISSING_FIELD = /Field "(\w+)" of required type "[^"]+" was not provided/;

function fieldOfVariableError(message: string): string | undefined {
  const at = VARIABLE_PATH.exec(message)?.[2];
  const variable = VARIABLE_NAME.exec(message)?.[1];
  const missing = MISSING_FIELD.exec(message)?.[1];
  const base = at ?? variable;
  if (base === undefined) return undefined;
  return missing && !base.endsWith(missing) ? `${base}.${missing}` : base;
}

const isRequestErrorCode = (code: unknown): code is string => typeof code === 'string' && REQUEST_ERROR_CODES.has(code);

/** An error neither the client's doing nor a coded domain error: a bug or a fault, to log and to mask. */
export function isUnexpectedError(error: GraphQLError): boolean {
  return !(unwrapResolverError(error) instanceof AppError) && !isRequestErrorCode(error.extensions?.code);
}

export function createErrorFormatter(options: { exposeDetails: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (unwrapResolverError(error) instanceof AppError) return formatted;

    const code = formatted.extensions?.code;
    if (isRequestErrorCode(code)) {
      const field = code === ErrorCode.BAD_USER_INPUT ? fieldOfVariableError(formatted.message) : undefined;
      return field && formatted.extensions?.field === undefined ? { ...formatted, extensions: { ...formatted.extensions, field } } : formatted;
    }

    return {
      message: options.exposeDetails ? formatted.message : 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
