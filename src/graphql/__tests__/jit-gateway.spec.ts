import { ApolloServer, HeaderMap } from '@apollo/server';
import type { GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { buildSchema, GraphQLError, printSchema, type GraphQLFormattedError } from 'graphql';
import { detachGatewayStatusAccessors, jitGateway } from '../jit-gateway';

const schema = buildSchema('type Query { greeting(name: String!): String! }');

/** A gateway whose executor answers from the variables, sets the HTTP status and a header, and keeps what it got. */
function recordingGateway(received: GatewayGraphQLRequestContext[]): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return {
        async executor(request) {
          received.push(request);
          request.response?.http?.headers.set('x-served-by', 'gateway');
          request.response!.http!.status = 202;
          return { data: { greeting: `hello ${String(request.request.variables?.name)}` } };
        },
      };
    },
    async stop() {},
  };
}

describe('detachGatewayStatusAccessors', () => {
  it("finds Apollo's gateway request context builder (and is idempotent)", () => {
    expect(detachGatewayStatusAccessors()).toBe(true);
    expect(detachGatewayStatusAccessors()).toBe(true);
  });

  it('reports a module that is not there, or does not export the builder, as not patched', () => {
    expect(detachGatewayStatusAccessors('/nonexistent/makeGatewayGraphQLRequestContext.js')).toBe(false);
    expect(detachGatewayStatusAccessors(require.resolve('graphql'))).toBe(false);
  });

  it('leaves the context an executor gets whole: variables, context value, operation, and a working HTTP status and headers', async () => {
    detachGatewayStatusAccessors();
    const received: GatewayGraphQLRequestContext[] = [];
    const apollo = new ApolloServer<{ requestId: string }>({ gateway: recordingGateway(received) });
    await apollo.start();
    try {
      const headers = new HeaderMap([['content-type', 'application/json']]);
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: 'POST',
          headers,
          search: '',
          body: { query: 'query Greet($name: String!) { greeting(name: $name) }', variables: { name: 'Maas' } },
        },
        context: async () => ({ requestId: 'r1' }),
      });

      expect(result.status).toBe(202);
      expect(result.headers.get('x-served-by')).toBe('gateway');
      expect(result.body.kind === 'complete' && JSON.parse(result.body.string)).toEqual({ data: { greeting: 'hello Maas' } });
      const [request] = received;
      expect(request!.context).toEqual({ requestId: 'r1' });
      expect(request!.operationName).toBe('Greet');
      expect(request!.operation?.operation).toBe('query');
      expect(request!.request.variables).toEqual({ name: 'Maas' });
      expect(request!.request.http?.method).toBe('POST');
      expect(request!.queryHash).toMatch(/^[0-9a-f]{64}$/);
      // The accessors still reach the response's HTTP head after the request.
      expect(request!.response?.http?.status).toBe(202);
    } finally {
      await apollo.stop();
    }
  });
});

describe('jitGateway', () => {
  it('hands formatError an error a resolver threw, with its path, locations and the original error', async () => {
    const failing = buildSchema('type Query { ok: String, broken: String }');
    const thrown = new Error('connection lost');
    failing.getQueryType()!.getFields().broken!.resolve = () => {
      throw thrown;
    };
    const seen: { formatted: GraphQLFormattedError; error: unknown }[] = [];
    const apollo = new ApolloServer({
      gateway: jitGateway(failing),
      formatError: (formatted, error) => {
        seen.push({ formatted, error });
        return { message: 'masked', path: formatted.path, locations: formatted.locations, extensions: { code: 'MAPPED' } };
      },
    });
    await apollo.start();
    try {
      const result = await apollo.executeOperation({ query: '{ ok broken }' });
      expect(result.body.kind === 'single' && result.body.singleResult).toEqual({
        data: { ok: null, broken: null },
        errors: [{ message: 'masked', path: ['broken'], locations: [{ line: 1, column: 6 }], extensions: { code: 'MAPPED' } }],
      });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.error).toBeInstanceOf(GraphQLError);
      expect((seen[0]!.error as GraphQLError).originalError).toBe(thrown);
    } finally {
      await apollo.stop();
    }
  });
});
