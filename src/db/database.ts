// Opens the database the configuration names: embedded PostgreSQL (PGlite) in a data directory, or a PostgreSQL
// server through node-postgres. Nothing outside src/db/ knows which one is behind the Prisma client.
import { createHash } from 'node:crypto';
import { PGlite, type Extension, type PGliteOptions } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseConfig } from '../config';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import { acquireDataDirLock } from './data-dir-lock';
import { withMigrationLock } from './migration-lock';
import { createPgPool, type DatabaseLogger } from './pg-pool';

export type { PrismaClient };

/** A statement with $1… placeholders and their values: a Prisma.Sql, or a query built with sql-builder.ts. */
export interface SqlQuery {
  readonly text: string;
  readonly values: readonly unknown[];
  /**
   * Marks a statement sent again and again with other values (the planned reads): on a PostgreSQL server it is
   * prepared once per connection under a name derived from its text, so later runs send only the values and reuse
   * the server's parse (and, for most, its plan). Up to MAX_PREPARED_STATEMENTS texts are prepared; others go
   * unnamed.
   */
  readonly prepare?: boolean;
}

/**
 * Distinct statement texts prepared on the server's connections. Each connection keeps every statement it has
 * prepared until it closes, and the texts come from clients' documents: the cap bounds what a stream of new
 * documents can make a connection hold.
 */
export const MAX_PREPARED_STATEMENTS = 200;

/** Runs a hand-written query and returns its rows as objects keyed by column name, dates and timestamps as Date. */
export type QueryRows = <T>(query: SqlQuery) => Promise<T[]>;

/** What services and loaders read and write through: the client itself, or one of its transactions. */
export type DbClient = Prisma.TransactionClient;

/** The client and the hand-written query path, both bound to the database or both to one transaction. */
export interface DataAccess {
  readonly prisma: DbClient;
  readonly queryRows: QueryRows;
}

/** Both paths inside the transaction `tx` (hand-written queries through Prisma there: the pool's own path is outside it). */
export function transactionDataAccess(tx: DbClient): DataAccess {
  return { prisma: tx, queryRows: <T>(query: SqlQuery) => tx.$queryRawUnsafe<T[]>(query.text, ...query.values) };
}

export interface Database extends DataAccess {
  readonly kind: DatabaseConfig['kind'];
  readonly prisma: PrismaClient;
  /**
   * Hand-written queries straight through the driver under Prisma (the pool it uses, or the embedded database), for
   * the hot paths that return thousands of rows (the trace): Prisma's own $queryRaw maps each value twice, and even its
   * driver adapter turns every date into text and back, which together cost as much as the query itself there.
   */
  readonly queryRows: QueryRows;
  /** The adapter factory the schema engine migrates through (see migrator.ts). */
  readonly migrationAdapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * Runs `work` (migrations, and at start-up the first seed) so that of several processes doing it on one database,
   * one at a time does (migration-lock.ts). Nested calls run under the lock already held.
   */
  withMigrationLock<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** The PostgreSQL server pool's connections now (for metrics); undefined on the embedded database, which has no pool. */
  poolStats(): PoolStats | undefined;
  /**
   * SQL statements sent so far, through Prisma (in transactions or not; the BEGIN and COMMIT its adapter sends are
   * not counted) or queryRows, for metrics: how many statements an operation costs.
   */
  statementsSent(): number;
  close(): Promise<void>;
}

export interface PoolStats {
  /** Connections open, idle or in use. */
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

export interface OpenDatabaseOptions {
  /** Called with the text of every SQL statement sent, through Prisma or queryRows (tests count them). */
  onQuery?: (sql: string) => void;
  /** Start the embedded database from a dump made by PGlite's dumpDataDir (tests start from a migrated template). */
  loadDataDir?: Blob;
  /** Where connection faults (and waits for another instance's migrations) are logged. */
  logger?: DatabaseLogger;
}

// PGlite ships contrib extensions as separate modules, typed for ESM only but built for CommonJS too: required, as
// this CommonJS build cannot `import` their ESM typings.
/* eslint-disable @typescript-eslint/no-require-imports */
const extensions = {
  pg_trgm: (require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension }).pg_trgm,
  unaccent: (require('@electric-sql/pglite/contrib/unaccent') as { unaccent: Extension }).unaccent,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** An embedded database with the extensions the migrations create. */
export function createPGlite(options: PGliteOptions = {}): Promise<PGlite> {
  return PGlite.create({ ...options, extensions });
}

/**
 * The schema engine applies each migration through the adapter's executeScript. @prisma/adapter-pg splits the script
 * on every semicolon, which cuts dollar-quoted function bodies apart, and pglite-prisma-adapter does not await it, so a
 * failing migration would be recorded as applied. Both drivers take a whole script as one simple query, which
 * PostgreSQL runs in one implicit transaction, as the native schema engine does: this sends it that way.
 */
function runScriptsWhole(adapter: SqlDriverAdapter, run: (script: string) => Promise<unknown>): SqlDriverAdapter {
  return Object.assign(adapter, {
    async executeScript(script: string) {
      try {
        await run(script);
      } catch (error) {
        const failure = error as { code?: string; severity?: string; message?: string; detail?: string; column?: string; hint?: string };
        if (failure.code === undefined) throw error;
        const message = failure.message ?? String(error);
        throw new DriverAdapterError({
          kind: 'postgres',
          code: failure.code,
          severity: failure.severity ?? 'ERROR',
          message,
          detail: failure.detail,
          column: failure.column,
          hint: failure.hint,
          originalCode: failure.code,
          originalMessage: message,
        });
      }
    },
  });
}

// The adapter is typed against an older @prisma/driver-adapter-utils; the runtime contract is the same.
const pgliteFactory = (pglite: PGlite) => new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;

/** The adapter factory the schema engine migrates an embedded database through. */
export function pgliteMigrationFactory(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const factory = pgliteFactory(pglite);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => runScriptsWhole(await factory.connect(), (script) => pglite.exec(script)),
    // The adapter's own shadow database (used by db:migrate:create to replay the migrations) lacks the extensions.
    async connectToShadowDb() {
      const shadow = await createPGlite();
      const adapter = runScriptsWhole(await pgliteFactory(shadow).connect(), (script) => shadow.exec(script));
      // The engine disposes it too: close once.
      return Object.assign(adapter, { dispose: async () => (shadow.closed ? undefined : shadow.close()) });
    },
  };
}

/**
 * The embedded database's transactions for Prisma, hand-written over PGlite's own transaction(): those of
 * pglite-prisma-adapter report a COMMIT that fails (a deferred constraint, a failed write to disk) as a success, since
 * it swallows the failure after handing out the transaction, so Prisma would answer "saved" for writes PGlite rolled
 * back; and they lack savepoints, which Prisma needs for a $transaction inside another (an idempotent mutation runs
 * the services' own transactions inside its own). Statements still go through the adapter, bound to PGlite's
 * transaction, so rows and errors read exactly as they do outside one.
 */
function pgliteRuntimeFactory(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const factory = pgliteFactory(pglite);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connectToShadowDb: () => factory.connectToShadowDb(),
    async connect() {
      const adapter = await factory.connect();
      return Object.assign(adapter, {
        startTransaction: (isolationLevel?: IsolationLevel) =>
          new Promise<Transaction>((started, failedToStart) => {
            let decide: (commit: boolean) => void = () => undefined;
            const decided = new Promise<boolean>((resolve) => (decide = resolve));
            const outcome = pglite.transaction(async (tx) => {
              if (isolationLevel) await tx.exec(`SET TRANSACTION ISOLATION LEVEL ${isolationLevel}`);
              const statements = await pgliteFactory(tx as unknown as PGlite).connect();
              const run = async (sql: string) => void (await statements.executeRaw({ sql, args: [], argTypes: [] }));
              started({
                provider: statements.provider,
                adapterName: statements.adapterName,
                // PGlite's transaction() sends BEGIN and COMMIT, not Prisma.
                options: { usePhantomQuery: true },
                queryRaw: (query) => statements.queryRaw(query),
                executeRaw: (query) => statements.executeRaw(query),
                async commit() {
                  decide(true);
                  await outcome;
                },
                async rollback() {
                  decide(false);
                  await outcome;
                },
                createSavepoint: (name) => run(`SAVEPOINT ${name}`),
                rollbackToSavepoint: (name) => run(`ROLLBACK TO SAVEPOINT ${name}`),
                releaseSavepoint: (name) => run(`RELEASE SAVEPOINT ${name}`),
              });
              if (!(await decided)) await tx.rollback();
            });
            // Before `started`: the transaction could not begin. After: commit() and rollback() report it.
            outcome.catch(failedToStart);
          }),
      });
    },
  };
}

export async function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): Promise<Database> {
  if (config.kind === 'postgres') {
    // One pool for Prisma and queryRows alike.
    const pool = createPgPool(config, options.logger);
    const factory = new PrismaPg(pool);
    // Migrations run on one connection of their own, opened for the run and closed after it. The schema engine takes
    // its advisory lock and leaves it to the session's end to release: on a connection of the app's pool it would
    // stay held as long as the pool kept that connection busy, and another instance's migration would time out on
    // it. No statement_timeout there either: a migration may rightly take long.
    const migrationFactory: SqlMigrationAwareDriverAdapterFactory = {
      provider: factory.provider,
      adapterName: factory.adapterName,
      async connect() {
        const migrationPool = createPgPool({ ...config, poolSize: 1, statementTimeoutMs: 0 }, options.logger);
        const adapter = await new PrismaPg(migrationPool).connect();
        Object.assign(adapter, { dispose: () => migrationPool.end() });
        return runScriptsWhole(adapter, (script) => migrationPool.query(script));
      },
      connectToShadowDb: () => factory.connectToShadowDb(),
    };
    const statementNames = new Map<string, string>();
    const nameOf = (text: string): string | undefined => {
      let name = statementNames.get(text);
      if (name === undefined && statementNames.size < MAX_PREPARED_STATEMENTS) {
        name = `ct_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
        statementNames.set(text, name);
      }
      return name;
    };
    const queryRows = async (query: SqlQuery) =>
      // node-postgres's rows are untyped; QueryRows' caller names the row type (from the model's table-columns).
      // eslint-disable-next-line @typescript-eslint/no-unsafe-return
      (await pool.query({ text: query.text, values: [...query.values], ...(query.prepare ? { name: nameOf(query.text) } : {}) })).rows;
    return wrap('postgres', factory, migrationFactory, queryRows, options, {
      withMigrationLock: (work) => withMigrationLock(config.url, work, options.logger),
      closeDriver: () => pool.end(),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    });
  }

  const inMemory = config.dataDir.startsWith('memory://');
  const lock = inMemory ? undefined : acquireDataDirLock(config.dataDir);
  try {
    const pglite = await createPGlite({
      ...(inMemory ? {} : { dataDir: config.dataDir }),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    const queryRows = async (query: SqlQuery) => (await pglite.query(query.text, [...query.values])).rows;
    return wrap('pglite', pgliteRuntimeFactory(pglite), pgliteMigrationFactory(pglite), queryRows, options, {
      // One process owns the data directory (data-dir-lock.ts): there is nobody to wait for.
      withMigrationLock: (work) => work(),
      async closeDriver() {
        try {
          await pglite.close();
        } finally {
          lock?.release();
        }
      },
      poolStats: () => undefined,
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** `queryable` with each statement it runs counted by `count` first. */
function countingStatements<T extends SqlQueryable>(queryable: T, count: () => void): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  return Object.assign(queryable, {
    queryRaw: (query: Parameters<SqlQueryable['queryRaw']>[0]) => (count(), queryRaw(query)),
    executeRaw: (query: Parameters<SqlQueryable['executeRaw']>[0]) => (count(), executeRaw(query)),
  });
}

/** The adapter factory with every statement the runtime sends through its adapters and their transactions counted. */
function countingFactory(factory: SqlMigrationAwareDriverAdapterFactory, count: () => void): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connectToShadowDb: () => factory.connectToShadowDb(),
    async connect() {
      const adapter = countingStatements(await factory.connect(), count);
      const startTransaction = adapter.startTransaction.bind(adapter);
      return Object.assign(adapter, {
        startTransaction: async (isolationLevel?: IsolationLevel) => countingStatements(await startTransaction(isolationLevel), count),
      });
    },
  };
}

async function wrap(
  kind: Database['kind'],
  factory: SqlMigrationAwareDriverAdapterFactory,
  migrationAdapterFactory: SqlMigrationAwareDriverAdapterFactory,
  queryRows: (query: SqlQuery) => Promise<unknown[]>,
  options: OpenDatabaseOptions,
  { withMigrationLock, closeDriver, poolStats }: Pick<Database, 'withMigrationLock' | 'poolStats'> & { closeDriver: () => Promise<void> },
): Promise<Database> {
  let statements = 0;
  const countStatement = () => void (statements += 1);
  const prisma = new PrismaClient({
    adapter: countingFactory(factory, countStatement),
    log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (prisma as unknown as PrismaClient<'query'>).$on('query', (event) => onQuery(event.query));
  }
  let closed = false;
  return {
    kind,
    prisma,
    queryRows<T>(query: SqlQuery) {
      countStatement();
      options.onQuery?.(query.text);
      return queryRows(query) as Promise<T[]>;
    },
    migrationAdapterFactory,
    withMigrationLock,
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    poolStats,
    statementsSent: () => statements,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await prisma.$disconnect();
      } finally {
        await closeDriver();
      }
    },
  };
}
