// Opens the database the configuration names: embedded PostgreSQL (PGlite) in a data directory, or a PostgreSQL
// server through node-postgres. Nothing outside src/db/ knows which one is behind the Prisma client.
import { PGlite, type Extension, type PGliteOptions } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { DriverAdapterError, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseConfig } from '../config';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import { acquireDataDirLock } from './data-dir-lock';
import { withPgClient } from './pg-client';
import { rowTypeParser } from './row-types';

export type { PrismaClient };

/** Runs a hand-written query and returns its rows as objects keyed by column name, dates and timestamps as Date. */
export type QueryRows = <T>(query: Prisma.Sql) => Promise<T[]>;

export interface Database {
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
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** The PostgreSQL server pool's connections now (for metrics); undefined on the embedded database, which has no pool. */
  poolStats(): PoolStats | undefined;
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
}

// PGlite ships contrib extensions as separate modules, typed for ESM only but built for CommonJS too.
const extensions = {
  pg_trgm: (require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension }).pg_trgm,
  unaccent: (require('@electric-sql/pglite/contrib/unaccent') as { unaccent: Extension }).unaccent,
};

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

export async function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): Promise<Database> {
  if (config.kind === 'postgres') {
    // One pool for Prisma and queryRows alike.
    const pool = new Pool({ connectionString: config.url, max: config.poolSize, types: { getTypeParser: rowTypeParser } });
    // An idle connection the server closes (a restart, a failover, a dropped database) errors on the pool, which
    // discards it and connects afresh when next asked; unheard, that error event would end the process.
    pool.on('error', () => undefined);
    const factory = new PrismaPg(pool);
    const migrationFactory: SqlMigrationAwareDriverAdapterFactory = {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => runScriptsWhole(await factory.connect(), (script) => withPgClient(config.url, (client) => client.query(script))),
      connectToShadowDb: () => factory.connectToShadowDb(),
    };
    const queryRows = async (query: Prisma.Sql) => (await pool.query({ text: query.text, values: query.values })).rows;
    const poolStats = (): PoolStats => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
    return wrap('postgres', factory, migrationFactory, queryRows, options, () => pool.end(), poolStats);
  }

  const inMemory = config.dataDir.startsWith('memory://');
  const lock = inMemory ? undefined : acquireDataDirLock(config.dataDir);
  try {
    const pglite = await createPGlite({
      ...(inMemory ? {} : { dataDir: config.dataDir }),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    const queryRows = async (query: Prisma.Sql) => (await pglite.query(query.text, query.values)).rows;
    return wrap('pglite', pgliteFactory(pglite), pgliteMigrationFactory(pglite), queryRows, options, async () => {
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    }, () => undefined);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function wrap(
  kind: Database['kind'],
  factory: SqlMigrationAwareDriverAdapterFactory,
  migrationAdapterFactory: SqlMigrationAwareDriverAdapterFactory,
  queryRows: (query: Prisma.Sql) => Promise<unknown[]>,
  options: OpenDatabaseOptions,
  closeDriver: () => Promise<void>,
  poolStats: Database['poolStats'],
): Promise<Database> {
  const prisma = new PrismaClient({ adapter: factory, log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [] });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (prisma as unknown as PrismaClient<'query'>).$on('query', (event) => onQuery(event.query));
  }
  let closed = false;
  return {
    kind,
    prisma,
    queryRows<T>(query: Prisma.Sql) {
      options.onQuery?.(query.text);
      return queryRows(query) as Promise<T[]>;
    },
    migrationAdapterFactory,
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    poolStats,
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
