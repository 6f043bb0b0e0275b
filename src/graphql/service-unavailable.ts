// HTTP 503 for a response that is nothing but SERVICE_UNAVAILABLE errors (the database could not be reached for any
// of it), so that load balancers, retrying clients and dashboards see an outage as one. A response that carries some
// data stays 200, as GraphQL partial results do.
import type { ApolloServerPlugin, GraphQLRequestListener, GraphQLResponse } from '@apollo/server';
import type { Context } from '../context';
import { ErrorCode } from '../errors/app-errors';

/** Sets 503 (and a Retry-After) on `response` when every error in it is SERVICE_UNAVAILABLE and it holds no data. */
export function markServiceUnavailable(response: GraphQLResponse): void {
  if (response.body.kind !== 'single') return;
  const { data, errors } = response.body.singleResult;
  if (!errors?.length || !errors.every((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
  if (data && Object.values(data).some((value) => value !== null)) return;
  response.http.status = 503;
  response.http.headers.set('retry-after', '1');
}

// One listener for every request: nothing is allocated per request.
const listener: GraphQLRequestListener<Context> = {
  async willSendResponse({ response }) {
    markServiceUnavailable(response);
  },
};

export function serviceUnavailablePlugin(): ApolloServerPlugin<Context> {
  return { requestDidStart: async () => listener };
}
