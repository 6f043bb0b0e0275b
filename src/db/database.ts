// Opens the database the configuration names: embedded PostgreSQL (PGlite) in a data directory, or a PostgreSQL
// server through node-postgres. Nothing outside src/db/ knows which one is behind the Prisma client.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseConfig } from '../config';
import { PrismaClient } from '../generated/prisma/client';
import { acquireDataDirLock } from './data-dir-lock';

export type { PrismaClient };

export interface Database {
  readonly kind: DatabaseConfig['kind'];
  readonly prisma: PrismaClient;
  /** The adapter factory the schema engine migrates through (see migrator.ts). */
  readonly migrationAdapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Called with the text of every SQL statement Prisma sends (tests count them). */
  onQuery?: (sql: string) => void;
  /** Start the embedded database from a dump made by PGlite's dumpDataDir (tests start from a migrated template). */
  loadDataDir?: Blob;
}

export async function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): Promise<Database> {
  if (config.kind === 'postgres') {
    const factory = new PrismaPg({ connectionString: config.url, max: config.poolSize });
    return wrap('postgres', factory, options, async () => undefined);
  }

  const inMemory = config.dataDir.startsWith('memory://');
  const lock = inMemory ? undefined : acquireDataDirLock(config.dataDir);
  try {
    const pglite = await PGlite.create({
      ...(inMemory ? {} : { dataDir: config.dataDir }),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    // The adapter is typed against an older @prisma/driver-adapter-utils; the runtime contract is the same.
    const factory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
    return wrap('pglite', factory, options, async () => {
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function wrap(
  kind: Database['kind'],
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: OpenDatabaseOptions,
  closeDriver: () => Promise<void>,
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
    migrationAdapterFactory: factory,
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
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
