// createServer(): the schema, Apollo Server and the HTTP handler on Node's own http server, without listening, so that
// index.ts starts it and tests run it on a free port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS, type Config } from './config';
import { createLoaders, createServices, type Context } from './context';
import type { Database } from './db/database';
import { createErrorFormatter } from './errors/mask-error';
import type { Logger } from './logger';
import { idempotencyPlugin } from './graphql/idempotency';
import { jitGateway } from './graphql/jit-gateway';
import { operationLimits } from './graphql/operation-limits';
import { requestLoggerPlugin } from './graphql/request-logger';
import { buildAppSchema } from './graphql/schema';
import { serviceUnavailablePlugin } from './graphql/service-unavailable';
import { checkQueryString, readJsonBody, sendJson } from './http/body';
import { createHealthHandler, HEALTH_PATHS } from './http/health';
import { HttpError } from './http/http-error';

const GRAPHQL_PATHS = new Set(['/', '/graphql']);

export interface ServerOptions {
  config: Pick<Config, 'nodeEnv' | 'exposeSchema' | 'operationLimits'> & Partial<Pick<Config, 'idempotencyKeyTtlSeconds'>>;
  db: Database;
  logger: Logger;
}

export interface AppServer {
  httpServer: http.Server;
  /** Starts listening; resolves to the server's URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops taking requests, lets running ones finish, then stops Apollo. Does not close the database. */
  stop(): Promise<void>;
}

export async function createServer({ config, db, logger }: ServerOptions): Promise<AppServer> {
  const services = createServices(db);
  const health = createHealthHandler(db, logger);
  const httpServer = http.createServer();
  const schema = await buildAppSchema();
  const limits = operationLimits(schema, config.operationLimits);
  // Without the schema exposed, no error suggests field, argument, type or enum value names ("Did you mean …?"):
  // graphql-js's own switch, for validation and for variables alike. Apollo's hideSchemaDetailsFromClientErrors
  // strips them from validation errors only (and by a pattern, after the fact); graphql-armor's block-field-suggestions
  // pattern misses `Did you mean the enum value "…"?`.
  const hideSuggestions = !config.exposeSchema;
  const formatError = createErrorFormatter({ exposeDetails: config.nodeEnv === 'development', logger });
  const apollo = new ApolloServer<Context>({
    gateway: jitGateway(schema, { hideSuggestions }),
    introspection: config.exposeSchema,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    validationOptions: { hideSuggestions },
    // index.ts owns shutdown (stop HTTP and Apollo, then close the database); Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      config.exposeSchema ? ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }) : ApolloServerPluginLandingPageDisabled(),
      requestLoggerPlugin(),
      limits.plugin,
      // Before serviceUnavailablePlugin: it may turn a response into a database error, and sets its status itself.
      idempotencyPlugin({ prisma: db.prisma, ttlSeconds: config.idempotencyKeyTtlSeconds ?? DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS, formatError }),
      serviceUnavailablePlugin(),
      // The API sets no cache hints; left on, the plugin wraps every field resolver (a large share of a big trace's time).
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  httpServer.on('request', (request, response) => {
    handle(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) logger.error({ err: error }, 'HTTP request failed');
      sendJson(response, status, error instanceof HttpError ? error.body() : { error: 'Internal server error' });
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (HEALTH_PATHS.has(url.pathname)) return health.handle(url.pathname, response);
    if (!GRAPHQL_PATHS.has(url.pathname)) throw new HttpError(404, `Not found: GraphQL is served at /graphql, health at /health`);

    checkQueryString(url.search);
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: request.method?.toUpperCase() ?? 'GET',
      headers,
      search: url.search,
      body: request.method === 'POST' ? await readJsonBody(request) : undefined,
    };
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: async () => ({ services, loaders: createLoaders(db), logger }),
    });
    for (const [name, value] of result.headers) response.setHeader(name, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      // As a Buffer: a string body is joined to the headers and encoded again by the socket, which costs a trace of
      // megabytes several milliseconds more.
      response.end(Buffer.from(result.body.string, 'utf8'));
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }

  return {
    httpServer,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          const address = httpServer.address() as AddressInfo;
          const shownHost = host === undefined || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve(`http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}/`);
        });
      });
    },
    async stop() {
      health.stopping();
      await apollo.stop();
    },
  };
}
