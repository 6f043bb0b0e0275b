// AUTH_ANONYMOUS_READS=false: every operation needs an API key, reads included. Checked once the operation is known,
// so that the explorer's page itself still loads (its requests then carry the key from its headers pane).
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { UnauthenticatedError } from '../errors/app-errors';

export function anonymousReadsPlugin(allowed: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      if (allowed || contextValue.viewer) return undefined;
      return {
        async didResolveOperation() {
          throw new UnauthenticatedError('This server answers only requests with an API key: send Authorization: Bearer <key>');
        },
      };
    },
  };
}
