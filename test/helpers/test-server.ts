// A real server on a free port over an isolated database, and a small client that sends GraphQL over HTTP.
import { seedDatabase } from '../../prisma/seed/seed';
import { createLogger, type Logger } from '../../src/logger';
import { createServer, type AppServer, type ServerOptions } from '../../src/server';
import { createTestDatabase, type TestDatabase } from './test-database';

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
  close(): Promise<void>;
}

export interface TestServerOptions {
  seed?: boolean;
  config?: Partial<ServerOptions['config']>;
  /** Where the server logs (silent by default); see log-capture.ts. */
  logger?: Logger;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const statements: string[] = [];
  const db = await createTestDatabase({ onQuery: (sql) => statements.push(sql) });
  if (options.seed) await seedDatabase(db.prisma);
  const config = { nodeEnv: 'test' as const, exposeSchema: true, ...options.config };
  const server = await createServer({ config, db, logger: options.logger ?? createLogger({ logLevel: 'silent', nodeEnv: config.nodeEnv }) });
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
    async close() {
      await server.stop();
      await db.destroy();
    },
  };
}

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<TData>(response: GraphQLResponse<TData>): TData {
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}
