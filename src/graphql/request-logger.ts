import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';

/** One structured log line per GraphQL operation: name, type, duration and how many errors it returned. */
export function requestLoggerPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, operation, errors }) {
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
