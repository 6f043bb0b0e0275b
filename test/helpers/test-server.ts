// A real server on a free port over an isolated database, and a small client that sends GraphQL over HTTP.
import { seedDatabase } from '../../prisma/seed/seed';
import { createLogger, type Logger } from '../../src/logger';
import { createServer, type AppServer, type ServerOptions } from '../../src/server';
import { createTestDatabase, type TestDatabase, type TestPostgresOptions } from './test-database';

export interface GraphQLResponse<TData = Record<string, any>> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestServer {
  url: string;
  db: TestDatabase;
  server: AppServer;
  /** SQL statements Prisma has sent since the last reset. */
  statements: string[];
  gql<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<TData>>;
  /** The same POST with extra request headers, answered with the response's headers too. */
  post<TData = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData> & { headers: Headers }>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  seed?: boolean;
  config?: Partial<ServerOptions['config']>;
  /** Where the server and its database log (silent by default); see log-capture.ts. */
  logger?: Logger;
  postgres?: TestPostgresOptions;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const statements: string[] = [];
  // What it leaves out, createServer takes from loadConfig's defaults.
  const config = { nodeEnv: 'test' as const, exposeSchema: true, ...options.config };
  const logger = options.logger ?? createLogger({ logLevel: 'silent', nodeEnv: config.nodeEnv });
  const db = await createTestDatabase({ onQuery: (sql) => statements.push(sql), logger, postgres: options.postgres });
  if (options.seed) await seedDatabase(db.prisma);
  const server = await createServer({ config, db, logger });
  const url = await server.listen(0, '127.0.0.1');
  statements.length = 0;
  return {
    url,
    db,
    server,
    statements,
    async gql(query, variables) {
      const response = await fetch(`${url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async post(query, variables, headers = {}) {
      const response = await fetch(`${url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
    },
    async close() {
      await server.stop();
      await db.destroy();
    },
  };
}

/** The codes of a response's errors, in order. */
export function errorCodes(response: GraphQLResponse): unknown[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<TData>(response: GraphQLResponse<TData>): TData {
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}
