// A real server on a free port over an isolated database, and a small client that sends GraphQL over HTTP.
import { seedDatabase } from '../../src/modules/corpus/seed';
import type { Role } from '../../src/auth/roles';
import { openDatabase } from '../../src/db/database';
import { ApiKeyService } from '../../src/modules/api-keys/api-key.service';
import { createLogger, type Logger } from '../../src/logger';
import { createServer, type AppServer, type ServerOptions } from '../../src/server';
import type { ApiData } from './api-shapes';
import { createTestDatabase, type TestDatabase, type TestPostgresOptions } from './test-database';

export interface GraphQLResponse<TData = ApiData> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestServer {
  url: string;
  db: TestDatabase;
  server: AppServer;
  /** SQL statements Prisma has sent since the last reset. */
  statements: string[];
  /** The ADMIN key gql and post send unless told otherwise. */
  adminKey: string;
  /** A new API key of `role`. */
  createKey(role: Role, name?: string): Promise<string>;
  /** `key`: the API key to send (the admin key when omitted); null sends none (anonymous). */
  gql<TData = ApiData>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GraphQLResponse<TData>>;
  /**
   * The same POST with extra request headers, answered with the response's headers too. It sends the admin key unless
   * the headers give an authorization of their own ('' for none).
   */
  post<TData = ApiData>(
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
  // Checked keys are trusted for the whole test file, so that a slow run's statement counts never include a lookup.
  const config = {
    nodeEnv: 'test' as const,
    exposeSchema: true,
    auth: { anonymousReads: true, keyCacheSeconds: 3_600 },
    ...options.config,
  };
  const logger = options.logger ?? createLogger({ logLevel: 'silent', nodeEnv: config.nodeEnv });
  const db = await createTestDatabase({ onQuery: (sql) => statements.push(sql), logger, postgres: options.postgres });
  if (options.seed) await seedDatabase(db.prisma);
  const server = await createServer({ config, db, logger });
  const url = await server.listen(0, '127.0.0.1');
  // Keys are made straight in the database, even when the app reaches it through a proxy that may be down.
  const keyDatabase = db.url ? await openDatabase({ kind: 'postgres', url: db.url, poolSize: 1 }) : db;
  const keys = new ApiKeyService(keyDatabase.prisma);
  const createKey = async (role: Role, name = `test ${role.toLowerCase()}`) => (await keys.create({ name, role }, 'test setup')).key;
  const adminKey = await createKey('ADMIN', 'test admin');
  const bearer = (key: string | null): Record<string, string> => (key === null || key === '' ? {} : { authorization: `Bearer ${key}` });
  // The key's first use looks it up (and notes its use): done here, so that tests counting statements do not see it;
  // through the authenticator, not a request, whose keep-alive connection would count against HTTP_MAX_CONNECTIONS.
  // Where the app cannot reach the database (the test's subject), it stays unchecked.
  await server.authenticator.authenticate(`Bearer ${adminKey}`).catch(() => undefined);
  statements.length = 0;
  return {
    url,
    db,
    server,
    statements,
    adminKey,
    createKey,
    async gql(query, variables, key = adminKey) {
      const response = await fetch(`${url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(key) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async post(query, variables, headers = {}) {
      const { authorization = `Bearer ${adminKey}`, ...others } = headers;
      const response = await fetch(`${url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...others, ...(authorization === '' ? {} : { authorization }) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
    },
    async close() {
      await server.stop();
      if (keyDatabase !== db) await keyDatabase.close();
      await db.destroy();
    },
  };
}

/** The codes of a response's errors, in order. */
export function errorCodes(response: Pick<GraphQLResponse<unknown>, 'errors'>): unknown[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<TData>(response: GraphQLResponse<TData>): TData {
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}
