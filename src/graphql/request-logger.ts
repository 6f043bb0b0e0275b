import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { getOperationAST } from 'graphql';
import type { Context } from '../context';
import { ErrorCode } from '../errors/app-errors';
import { databaseFaultError, isUnexpectedError } from '../errors/mask-error';

/** Longest client-sent operationName written to a log line (a name that resolved nothing can be any text). */
const MAX_LOGGED_NAME_LENGTH = 100;

/**
 * One structured log line per GraphQL operation (name, type, duration, how many errors), through the request's logger
 * so that it carries the request id; each unexpected error logged with its stack, time-outs and departed clients
 * noted; and the request's report filled in for the HTTP edge's metrics.
 */
export function requestLoggerPlugin(): ApolloServerPlugin<Context> {
  return {
    // A hook of the pipeline itself failed (Apollo then answers 500).
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      requestContext.contextValue.logger.error(
        { err: error, operationName: requestContext.operationName ?? null },
        'unexpected error processing a GraphQL request',
      );
    },
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors, operationName, request }) {
          const name = operationName ?? request.operationName?.slice(0, MAX_LOGGED_NAME_LENGTH) ?? null;
          for (const error of errors) {
            // graphql-jit's errors have no extensions unless their original error had some.
            const code = error.extensions?.code;
            const original = unwrapResolverError(error);
            const fault = databaseFaultError(original);
            if (code === ErrorCode.OPERATION_TIMEOUT) {
              contextValue.logger.warn(
                { operationName: name, budgetMs: error.extensions?.max },
                'operation timed out; its work is abandoned',
              );
            } else if (code === ErrorCode.CLIENT_CLOSED_REQUEST) {
              contextValue.logger.info({ operationName: name }, 'client closed the connection before the response; its work is abandoned');
            } else if (fault) {
              contextValue.logger.warn(
                { err: original, operationName: name, path: error.path, code: fault.code },
                `database fault in a GraphQL operation: ${fault.code}`,
              );
            } else if (isUnexpectedError(error)) {
              contextValue.logger.error(
                { err: original, operationName: name, path: error.path },
                'unexpected error in a GraphQL operation',
              );
            }
          }
        },
        async willSendResponse({ operationName, operation, document, request, errors, response }) {
          const { report } = contextValue;
          // Apollo names the operation only once the document is valid; an invalid one's is worth counting too.
          const identified = operation ?? (document ? getOperationAST(document, request.operationName) : null) ?? undefined;
          report.operationName = identified?.name?.value ?? null;
          report.resolved = identified !== undefined;
          report.errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          contextValue.logger.info(
            {
              operationName: operationName ?? null,
              operation: operation?.operation ?? null,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              errors: errors?.length ?? 0,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
