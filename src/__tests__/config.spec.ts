import path from 'node:path';
import { APOLLO_STUDIO_ORIGIN, ConfigError, DEFAULT_OPERATION_LIMITS, loadConfig, projectRoot } from '../config';

describe('loadConfig', () => {
  it('defaults to development on the embedded database under the project, port 4000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 4000,
      host: 'localhost',
      exposeSchema: true,
      seedOnStart: true,
      logLevel: 'info',
    });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.join(projectRoot, 'data', 'pglite') });
  });

  it('uses a PostgreSQL server when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test' }).database).toEqual({
      kind: 'postgres',
      url: 'postgresql://postgres@127.0.0.1:5432/test',
      poolSize: 10,
      connectTimeoutMs: 3_000,
      statementTimeoutMs: 10_000,
    });
    const tuned = loadConfig({ DATABASE_URL: 'postgresql://h/db', DATABASE_CONNECT_TIMEOUT_MS: '500', DATABASE_STATEMENT_TIMEOUT_MS: '0' });
    expect(tuned.database).toMatchObject({ connectTimeoutMs: 500, statementTimeoutMs: 0 });
  });

  it('hides the schema in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).exposeSchema).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_EXPOSE_SCHEMA: 'true' }).exposeSchema).toBe(true);
  });

  it('reads each operation limit from its variable, with its default', () => {
    expect(loadConfig({}).operationLimits).toEqual(DEFAULT_OPERATION_LIMITS);
    const limits = loadConfig({
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_ALIASES: '30',
      GRAPHQL_MAX_TOKENS: '5000',
      GRAPHQL_MAX_DIRECTIVES: '3',
      GRAPHQL_MAX_FIELD_REPEATS: '5',
      GRAPHQL_MAX_COST: '2000000',
    }).operationLimits;
    expect(limits).toEqual({ depth: 8, aliases: 30, tokens: 5000, directives: 3, fieldRepeats: 5, cost: 2_000_000 });
    expect(() => loadConfig({ GRAPHQL_MAX_DEPTH: '0', GRAPHQL_MAX_COST: 'lots', GRAPHQL_MAX_TOKENS: '1.5' })).toThrow(
      /GRAPHQL_MAX_DEPTH[\s\S]*GRAPHQL_MAX_TOKENS[\s\S]*GRAPHQL_MAX_COST/,
    );
  });

  it('fails at once on bad values, naming every variable at fault', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging', SEED_ON_START: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const variable of ['PORT', 'DATABASE_URL', 'NODE_ENV', 'SEED_ON_START']) expect(message).toContain(variable);
  });

  it('has the edge defaults: HTTP timeouts, a 10 s operation budget, an 8 MiB response cap, metrics on', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(config.http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_000 });
    expect(config).toMatchObject({ operationTimeoutMs: 10_000, maxResponseBytes: 8 * 1024 * 1024, metricsEnabled: true });
  });

  it('allows Apollo Sandbox by CORS in development only, unless CORS_ORIGINS says otherwise', () => {
    expect(loadConfig({}).cors).toEqual({ origins: [APOLLO_STUDIO_ORIGIN], credentials: false });
    expect(loadConfig({ NODE_ENV: 'production' }).cors).toEqual({ origins: [], credentials: false });
    expect(
      loadConfig({ NODE_ENV: 'production', CORS_ORIGINS: ' https://desk.example.org , http://localhost:5173 ', CORS_CREDENTIALS: 'true' })
        .cors,
    ).toEqual({
      origins: ['https://desk.example.org', 'http://localhost:5173'],
      credentials: true,
    });
    expect(loadConfig({ CORS_ORIGINS: '*' }).cors.origins).toBe('*');
  });

  it('refuses origins that are not origins, * with credentials, and headers given longer than the whole request', () => {
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };
    expect(problemsOf({ CORS_ORIGINS: 'https://desk.example.org/' })).toEqual([expect.stringContaining('CORS_ORIGINS')]);
    expect(problemsOf({ CORS_ORIGINS: 'desk.example.org' })).toEqual([expect.stringContaining('CORS_ORIGINS')]);
    expect(problemsOf({ CORS_ORIGINS: 'ftp://desk.example.org' })).toEqual([expect.stringContaining('CORS_ORIGINS')]);
    expect(problemsOf({ CORS_ORIGINS: '*', CORS_CREDENTIALS: 'true' })).toEqual([expect.stringContaining('CORS_CREDENTIALS')]);
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toEqual([
      expect.stringContaining('HTTP_HEADERS_TIMEOUT_MS'),
    ]);
    expect(problemsOf({ OPERATION_TIMEOUT_MS: '0', MAX_RESPONSE_BYTES: 'lots', METRICS_ENABLED: 'sometimes' })).toHaveLength(3);
  });
});
