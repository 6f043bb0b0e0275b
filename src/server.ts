// createServer(): the schema, Apollo Server and the HTTP handler on Node's own http server, without listening, so that
// index.ts starts it and tests run it on a free port.
// First: type-graphql reads decorator metadata as each type's module loads.
import 'reflect-metadata';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { Authenticator } from './auth/authenticator';
import { loadConfig, type Config } from './config';
import { createLoaders, createServices, type Context, type OperationReport } from './context';
import type { Database } from './db/database';
import { ResponseTooLargeError, UnauthenticatedError } from './errors/app-errors';
import { createErrorFormatter, databaseFaultError } from './errors/mask-error';
import type { Logger } from './logger';
import { anonymousReadsPlugin } from './graphql/anonymous-reads';
import { idempotencyPlugin } from './graphql/idempotency';
import { jitGateway } from './graphql/jit-gateway';
import { KnownOperationTypesRule } from './graphql/known-operation-types-rule';
import { operationLimits } from './graphql/operation-limits';
import { requestLoggerPlugin } from './graphql/request-logger';
import { buildAppSchema } from './graphql/schema';
import { serviceUnavailablePlugin } from './graphql/service-unavailable';
import { checkQueryString, readJsonBody, sendJson } from './http/body';
import { createCorsHandler } from './http/cors';
import { handleExplorer, isExplorerPath } from './http/explorer';
import { createHealthHandler, HEALTH_PATHS } from './http/health';
import { HttpError } from './http/http-error';
import { legacyJsonStatus } from './http/legacy-json-status';
import { createHttpServer } from './http/http-server';
import { createMetrics } from './http/metrics';
import { operationSignal } from './http/operation-signal';
import { requestIdFrom } from './http/request-id';
import { setLandingPageSecurityHeaders, setSecurityHeaders } from './http/security-headers';

const GRAPHQL_PATHS = new Set(['/', '/graphql']);

type EdgeSettings = 'http' | 'cors' | 'operationTimeoutMs' | 'maxResponseBytes' | 'metricsEnabled' | 'auth';

export interface ServerOptions {
  /** The settings left out take their defaults for that NODE_ENV (loadConfig's). */
  config: Pick<Config, 'nodeEnv' | 'exposeSchema'> & Partial<Pick<Config, EdgeSettings | 'operationLimits' | 'idempotencyKeyTtlSeconds'>>;
  db: Database;
  logger: Logger;
}

export interface AppServer {
  httpServer: http.Server;
  /** Starts listening; resolves to the server's URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops taking requests, lets running ones finish, then stops Apollo. Does not close the database. */
  stop(): Promise<void>;
  /** Who Authorization headers name; key mutations tell it of revocations. */
  authenticator: Authenticator;
}

export async function createServer({ config: given, db, logger }: ServerOptions): Promise<AppServer> {
  const config = { ...loadConfig({ NODE_ENV: given.nodeEnv }), ...given };
  const services = createServices(db);
  const authenticator = new Authenticator(db.prisma, { cacheSeconds: config.auth.keyCacheSeconds });
  const health = createHealthHandler(db, logger);
  const httpServer = createHttpServer(config.http);
  const cors = createCorsHandler(config.cors);
  const metrics = config.metricsEnabled ? createMetrics(db) : undefined;
  const schema = await buildAppSchema();
  const limits = operationLimits(schema, config.operationLimits);
  // Without the schema exposed, no error suggests field, argument, type or enum value names ("Did you mean …?"):
  // graphql-js's own switch, for validation and for variables alike. Apollo's hideSchemaDetailsFromClientErrors
  // strips them from validation errors only (and by a pattern, after the fact); graphql-armor's block-field-suggestions
  // pattern misses `Did you mean the enum value "…"?`.
  const hideSuggestions = !config.exposeSchema;
  const formatError = createErrorFormatter({ exposeDetails: config.nodeEnv === 'development' });
  const apollo = new ApolloServer<Context>({
    gateway: jitGateway(schema, { hideSuggestions }),
    // Apollo's own messages as JSON lines of the same log.
    logger,
    introspection: config.exposeSchema,
    parseOptions: limits.parseOptions,
    validationRules: [KnownOperationTypesRule, ...limits.validationRules],
    validationOptions: { hideSuggestions },
    // index.ts owns shutdown (stop HTTP and Apollo, then close the database); Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      config.exposeSchema
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false })
        : ApolloServerPluginLandingPageDisabled(),
      requestLoggerPlugin(),
      anonymousReadsPlugin(config.auth.anonymousReads),
      limits.plugin,
      // Before serviceUnavailablePlugin: it may turn a response into a database error, and sets its status itself.
      idempotencyPlugin({ prisma: db.prisma, ttlSeconds: config.idempotencyKeyTtlSeconds, formatError }),
      serviceUnavailablePlugin(),
      // The API sets no cache hints; left on, the plugin wraps every field resolver (a large share of a big trace's time).
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  httpServer.on('request', (request, response) => {
    const requestId = requestIdFrom(request.headers['x-request-id']);
    response.setHeader('x-request-id', requestId);
    setSecurityHeaders(request, response);
    if (cors(request, response)) return;
    handle(request, response, requestId).catch((error: unknown) => {
      logger.error({ err: error, requestId }, 'HTTP request failed');
      sendJson(response, 500, { error: 'Internal server error' });
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse, requestId: string): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (GRAPHQL_PATHS.has(url.pathname)) return graphql(request, response, url, requestId);
    if (HEALTH_PATHS.has(url.pathname)) return health.handle(url.pathname, response);
    // The offline explorer shows the schema as Sandbox does: only where introspection is on.
    if (config.exposeSchema && isExplorerPath(url.pathname)) return handleExplorer(request, response, url.pathname);
    if (url.pathname === '/metrics' && metrics) {
      const { contentType, body } = await metrics.render();
      response.writeHead(200, { 'content-type': contentType });
      response.end(body);
      return;
    }
    sendJson(response, 404, {
      error: `Not found: GraphQL is served at /graphql, health at /health${metrics ? ', metrics at /metrics' : ''}`,
    });
  }

  async function graphql(request: http.IncomingMessage, response: http.ServerResponse, url: URL, requestId: string): Promise<void> {
    const started = process.hrtime.bigint();
    let report: OperationReport | undefined;
    let status: number;
    try {
      checkQueryString(url.search);
      const body = request.method === 'POST' ? await readJsonBody(request) : undefined;
      const viewer = await authenticate(request.headers.authorization);
      const signal = operationSignal(response, config.operationTimeoutMs);
      report = { operationName: null, resolved: false, errors: undefined };
      const context: Context = {
        services,
        loaders: createLoaders(db, signal),
        logger: logger.child({ requestId }),
        requestId,
        signal,
        report,
        viewer,
        authenticator,
      };
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: graphQLRequestOf(request, url, body),
        context: () => Promise.resolve(context),
      });
      status = await send(request, response, result, context);
    } catch (error) {
      status = error instanceof HttpError ? error.status : 500;
      if (status === 500) logger.error({ err: error, requestId, operationName: report?.operationName ?? null }, 'HTTP request failed');
      if (error instanceof HttpError) for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
      sendJson(response, status, error instanceof HttpError ? error.body() : { error: 'Internal server error' });
    }
    metrics?.observe(report, status, Number(process.hrtime.bigint() - started) / 1e9);
  }

  /** The request's viewer; a header naming no working key, or a database that cannot be asked, is an HttpError. */
  async function authenticate(authorization: string | undefined) {
    try {
      return await authenticator.authenticate(authorization);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw new HttpError(401, error.message, error.code, { 'www-authenticate': 'Bearer' });
      const fault = databaseFaultError(error);
      if (fault) throw new HttpError(fault.code === 'OPERATION_TIMEOUT' ? 504 : 503, fault.message, fault.code, { 'retry-after': '1' });
      throw error;
    }
  }

  /** Writes Apollo's response, or RESPONSE_TOO_LARGE in its place; returns the status sent. */
  async function send(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    result: HTTPGraphQLResponse,
    context: Context,
  ): Promise<number> {
    for (const [name, value] of result.headers) response.setHeader(name, value);
    let status = legacyJsonStatus(result.status ?? 200, context.report.errors, request.headers.accept);
    if (result.body.kind === 'chunked') {
      // Incremental delivery (@defer, @stream), which this schema does not offer.
      response.statusCode = status;
      for await (const chunk of result.body.asyncIterator) response.write(chunk);
      response.end();
      return status;
    }
    if (result.headers.get('content-type')?.startsWith('text/html')) setLandingPageSecurityHeaders(request, response);
    // As a Buffer: a string body is joined to the headers and encoded again by the socket, which costs a trace of
    // megabytes several milliseconds more. Its length is then the exact size, for free.
    let body = Buffer.from(result.body.string, 'utf8');
    if (body.length > config.maxResponseBytes) {
      const error = new ResponseTooLargeError(config.maxResponseBytes, body.length).toJSON();
      context.logger.warn(
        { operationName: context.report.operationName, bytes: body.length },
        'response too large; replaced by RESPONSE_TOO_LARGE',
      );
      context.report.errors = [error];
      body = Buffer.from(JSON.stringify({ errors: [error] }), 'utf8');
      status = 400;
    }
    response.statusCode = status;
    response.end(body);
    return status;
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
    authenticator,
  };
}

function graphQLRequestOf(request: http.IncomingMessage, url: URL, body: unknown): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return { method: request.method?.toUpperCase() ?? 'GET', headers, search: url.search, body };
}
