// Start-up only: read config, open the database, migrate, seed an empty database, listen, print a first admin key in
// development (auth/first-admin-key.ts), and shut down cleanly.
// First: type-graphql reads decorator metadata as each type's module loads.
import 'reflect-metadata';
import { isDatabaseEmpty, seedDatabase } from './modules/corpus/seed';
import { ensureFirstAdminKey } from './auth/first-admin-key';
import { ConfigError, loadConfig, type Config } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { openDatabase, type Database } from './db/database';
import { applyMigrations } from './db/migrator';
import { checkDatabaseExists, MissingDatabaseError } from './db/missing-database';
import { checkPortFree, PortInUseError } from './http/port-check';
import { createLogger, type Logger } from './logger';
import { createServer, type AppServer } from './server';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    return process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger: Logger = createLogger(config);
  let db: Database | undefined;
  let server: AppServer | undefined;
  let stopping = false;

  const stop = (): void => {
    setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    (async () => {
      await server?.stop();
      await db?.close();
    })().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  // Registered before the database opens. A signal during start-up lets the current step finish (a migration or
  // the seed is never cut in half), then stops; once serving, it stops at once.
  let serving = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, serving ? 'shutting down: finishing in-flight requests' : 'shutting down after the current start-up step');
    if (serving) stop();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  try {
    await checkPortFree(config.port, config.host);
    db = await openDatabase(config.database, { logger });
    await checkDatabaseExists(db);
    const where =
      config.database.kind === 'pglite' ? `embedded PostgreSQL at ${config.database.dataDir}` : 'PostgreSQL server (DATABASE_URL)';
    const opened = db;
    // Under one lock: of several instances started at once on an empty database, one migrates and seeds it.
    await opened.withMigrationLock(async () => {
      // The lock is held: the migrator must not take it again (it is not reentrant).
      const applied = await applyMigrations({ migrationAdapterFactory: opened.migrationAdapterFactory });
      logger.info({ database: where, applied }, applied.length > 0 ? 'migrations applied' : 'database schema is up to date');
      if (config.seedOnStart && !stopping && (await isDatabaseEmpty(opened.prisma))) {
        logger.info(
          { created: await seedDatabase(opened.prisma, { runBy: 'npm start, first start' }) },
          'seeded the empty database with the INF-treaty corpus',
        );
      }
    });
    if (stopping) return stop();
    server = await createServer({ config, db, logger });
    const url = await server.listen(config.port, config.host);
    // Once listening, when the URL to print is known (a key created before a failed listen would never be shown),
    // and still a start-up step: a signal now lets it finish.
    if (!stopping) {
      await opened.withMigrationLock(() =>
        ensureFirstAdminKey({ prisma: opened.prisma, config, logger, url, write: (text) => process.stdout.write(text) }),
      );
    }
    serving = true;
    if (stopping) return stop();
    // Both IDEs where the schema is exposed: Sandbox (Apollo's CDN) at /, the offline explorer at /explorer.
    const ides = config.exposeSchema ? { sandbox: url, explorer: `${url}explorer` } : { sandbox: null, explorer: null };
    logger.info({ url, graphql: `${url}graphql`, health: `${url}health`, ...ides }, `claimtrace is serving GraphQL at ${url}`);
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof PortInUseError || error instanceof MissingDatabaseError)
      logger.fatal(error.message);
    else logger.fatal({ err: error }, 'start-up failed');
    await db?.close().catch(() => undefined);
    process.exit(1);
  }
}

void main();
