// Start-up only: read config, open the database, migrate, seed an empty database, listen, and shut down cleanly.
import { isDatabaseEmpty, seedDatabase } from '../prisma/seed/seed';
import { ConfigError, loadConfig } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { openDatabase } from './db/database';
import { applyMigrations } from './db/migrator';
import { createLogger } from './logger';
import { createServer } from './server';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const logger = createLogger(config);
  const where = config.database.kind === 'pglite' ? `embedded PostgreSQL at ${config.database.dataDir}` : 'PostgreSQL server (DATABASE_URL)';

  let db;
  try {
    db = await openDatabase(config.database);
  } catch (error) {
    logger.fatal({ err: error instanceof DataDirLockedError ? undefined : error }, error instanceof Error ? error.message : String(error));
    process.exit(1);
  }

  try {
    const applied = await applyMigrations(db);
    logger.info({ database: where, applied }, applied.length > 0 ? 'migrations applied' : 'database schema is up to date');
    if (config.seedOnStart && (await isDatabaseEmpty(db.prisma))) {
      logger.info({ created: await seedDatabase(db.prisma) }, 'seeded the empty database with the INF-treaty corpus');
    }
    const server = await createServer({ config, db, logger });
    const url = await server.listen(config.port, config.host);
    logger.info({ url, graphql: `${url}graphql`, health: `${url}health`, sandbox: config.exposeSchema }, `claimtrace is serving GraphQL at ${url}`);

    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down: finishing in-flight requests');
      setTimeout(() => {
        logger.error('shutdown timed out; exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs).unref();
      server
        .stop()
        .then(() => db.close())
        .then(() => {
          logger.info('stopped');
          process.exit(0);
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'error during shutdown');
          process.exit(1);
        });
    };
    process.on('SIGTERM', shutdown);
    process.on('SIGINT', shutdown);
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    await db.close().catch(() => undefined);
    process.exit(1);
  }
}

void main();
