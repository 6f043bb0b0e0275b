import path from 'node:path';
import { ConfigError, loadConfig, projectRoot } from '../config';

describe('loadConfig', () => {
  it('defaults to development on the embedded database under the project, port 4000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ nodeEnv: 'development', port: 4000, host: 'localhost', exposeSchema: true, seedOnStart: true, logLevel: 'info' });
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
});
