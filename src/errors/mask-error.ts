// Apollo's formatError: errors the client can act on pass through with their code and the field at fault; a database
// that cannot be reached or a statement it cancelled becomes SERVICE_UNAVAILABLE or OPERATION_TIMEOUT (the one place
// those faults are mapped); anything else unexpected (a bug, SQL text) reaches the client as INTERNAL_SERVER_ERROR with
// no detail, except in development. The request logger (graphql/request-logger.ts) logs the faults and the unexpected
// errors, where the request id and operation are known.
import { ApolloServerValidationErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { tokenLimitRefusal } from '../graphql/token-limit';
import { AppError, ErrorCode, OperationTimeoutError, ServiceUnavailableError } from './app-errors';
import { databaseFault } from './database-errors';
import { DomainError } from './domain-errors';
import { toGraphQLError } from './graphql-edge';

/** The client's error for a database fault, or undefined when `error` is none (see databaseFault). */
export function databaseFaultError(error: unknown): ServiceUnavailableError | OperationTimeoutError | undefined {
  const fault = databaseFault(error);
  if (fault === 'unavailable') return new ServiceUnavailableError();
  if (fault === 'timeout') return new OperationTimeoutError();
  return undefined;
}

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

/** An error neither the client's doing, nor a coded domain error, nor a database fault: a bug, to log and to mask. */
export function isUnexpectedError(error: GraphQLError): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof AppError || original instanceof DomainError || isRequestErrorCode(error.extensions?.code)) return false;
  if (original instanceof GraphQLError && original.originalError instanceof AppError) return false;
  return databaseFault(original) === undefined;
}

export function createErrorFormatter(options: { exposeDetails: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) return formatted;
    // From a field without arguments (graphql-edge.ts maps the others): its code, and the field as the domain names it.
    if (original instanceof DomainError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: toGraphQLError(original).extensions,
      };
    }
    // Apollo codes whatever a validation rule reports GRAPHQL_VALIDATION_FAILED; an AppError (an operation limit) keeps its own.
    const cause = original instanceof GraphQLError ? original.originalError : undefined;
    if (cause instanceof AppError) return { ...formatted, extensions: { ...formatted.extensions, code: cause.code } };
    const tooManyTokens = tokenLimitRefusal(original);
    if (tooManyTokens) return { message: tooManyTokens.message, locations: formatted.locations, extensions: tooManyTokens.extensions };
    // Apollo's own refusal tells the client how to configure the server ("pass introspection: true to ApolloServer").
    if (formatted.extensions?.validationErrorCode === ApolloServerValidationErrorCode.INTROSPECTION_DISABLED) {
      return {
        message: 'Introspection is disabled on this server',
        locations: formatted.locations,
        extensions: { code: ErrorCode.INTROSPECTION_DISABLED },
      };
    }

    const code = formatted.extensions?.code;
    if (isRequestErrorCode(code)) {
      const field = code === ErrorCode.BAD_USER_INPUT ? fieldOfVariableError(formatted.message) : undefined;
      return field && formatted.extensions?.field === undefined
        ? { ...formatted, extensions: { ...formatted.extensions, field } }
        : formatted;
    }

    const fault = databaseFaultError(original);
    if (fault) return { message: fault.message, locations: formatted.locations, path: formatted.path, extensions: { code: fault.code } };

    return {
      message: options.exposeDetails ? formatted.message : 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
