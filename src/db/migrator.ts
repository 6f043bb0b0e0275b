// Migrations in Prisma's own format (prisma/migrations/<timestamp>_<name>/migration.sql + migration_lock.toml),
// applied by Prisma's schema engine. The engine records them in `_prisma_migrations` exactly as
// `prisma migrate deploy` does, so a user with the native Prisma CLI can take over the same database.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm' with { 'resolution-mode': 'import' };
import { migrationsDir } from '../config';
import { createPGlite, pgliteMigrationFactory, type Database } from './database';
import { withSchemaEngine } from './schema-engine';

/**
 * What the schema engine needs of a database: its migration-aware adapter factory, and the lock under which one
 * process at a time migrates it (every Database has one; a scratch database nobody else sees needs none).
 */
export type MigrationTarget = Pick<Database, 'migrationAdapterFactory'> & Partial<Pick<Database, 'withMigrationLock'>>;

const NO_FILTERS = { externalTables: [], externalEnums: [] };
const LOCKFILE = 'migration_lock.toml';

export function readMigrations(dir: string = migrationsDir): MigrationList {
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : [];
  const lockfilePath = path.join(dir, LOCKFILE);
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE, content: fs.existsSync(lockfilePath) ? fs.readFileSync(lockfilePath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
      .map((name) => {
        const file = path.join(dir, name, 'migration.sql');
        return {
          path: name,
          migrationFile: {
            path: 'migration.sql',
            content: fs.existsSync(file)
              ? { tag: 'ok' as const, value: fs.readFileSync(file, 'utf8') }
              : { tag: 'error' as const, value: `${file} is missing` },
          },
        };
      }),
  };
}

/**
 * Whether the database records every migration of the folder as applied and unchanged (the checksum the engine
 * writes: the SHA-256 of its migration.sql), and no other migration as live or failed. Then the schema engine need
 * not be loaded at all: its WebAssembly memory (some 60 MB once it has checked a database) is never given back to the
 * system, and a server would carry it for its whole life. Anything else (no table yet, a migration pending, failed,
 * edited or unknown) is left to the engine, which applies or reports it as it always has.
 */
async function recordsEveryMigration(db: MigrationTarget, migrations: MigrationList): Promise<boolean> {
  const adapter = await db.migrationAdapterFactory.connect();
  try {
    const query = (sql: string) => adapter.queryRaw({ sql, args: [], argTypes: [] });
    const present = await query(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`);
    if (present.rows[0]?.[0] !== true) return false;
    const { rows } = await query(
      'SELECT migration_name, checksum, finished_at IS NOT NULL FROM _prisma_migrations WHERE rolled_back_at IS NULL',
    );
    const recorded = new Map(rows.map(([name, checksum, finished]) => [name, finished === true ? checksum : undefined]));
    return (
      recorded.size === migrations.migrationDirectories.length &&
      migrations.migrationDirectories.every(({ path: name, migrationFile }) => {
        const checksum =
          migrationFile.content.tag === 'ok' ? createHash('sha256').update(migrationFile.content.value).digest('hex') : undefined;
        return checksum !== undefined && recorded.get(name) === checksum;
      })
    );
  } finally {
    await adapter.dispose();
  }
}

/** Applies every migration the database has not seen yet; returns the names applied. */
export async function applyMigrations(db: MigrationTarget, dir: string = migrationsDir): Promise<string[]> {
  if (await recordsEveryMigration(db, readMigrations(dir))) return [];
  const run = () =>
    withSchemaEngine(db.migrationAdapterFactory, async (engine) => {
      const result = await engine.applyMigrations({ migrationsList: readMigrations(dir), filters: NO_FILTERS });
      return result.appliedMigrationNames;
    });
  return db.withMigrationLock ? db.withMigrationLock(run) : run();
}

/** Names of migrations in the folder that the database has not applied (empty when up to date). */
export async function pendingMigrations(db: MigrationTarget, dir: string = migrationsDir): Promise<string[]> {
  // Up to date, the usual case (export, keys list): known without loading the schema engine, as applyMigrations does.
  if (await recordsEveryMigration(db, readMigrations(dir))) return [];
  return withSchemaEngine(db.migrationAdapterFactory, async (engine) => {
    const { history } = await engine.diagnoseMigrationHistory({
      migrationsList: readMigrations(dir),
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    });
    return history?.diagnostic === 'databaseIsBehind' ? history.unappliedMigrationNames : [];
  });
}

export interface CreatedMigration {
  name: string;
  file: string;
  sql: string;
}

/**
 * Writes a new migration holding the SQL that takes the migrations folder to the current prisma/schema.prisma, or
 * returns undefined when they already agree. The engine replays the existing migrations on a throwaway in-memory
 * PGlite, so no database (and no shadow database) is needed.
 */
export async function createMigration(name: string, dir: string = migrationsDir, now = new Date()): Promise<CreatedMigration | undefined> {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug === '') throw new Error('A migration needs a name made of letters or digits, e.g. "add_claim_language"');

  const scratch = await createPGlite();
  try {
    const sql = await withSchemaEngine(pgliteMigrationFactory(scratch), async (engine, schema) => {
      const migrations = readMigrations(dir);
      const result = await engine.diff({
        from: migrations.migrationDirectories.length > 0 ? { tag: 'migrations', ...migrations } : { tag: 'empty' },
        to: { tag: 'schemaDatamodel', files: [schema] },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      });
      return result.stdout ?? '';
    });
    if (!/^\s*[A-Za-z]/m.test(sql.replace(/^\s*--.*$/gm, ''))) return undefined;

    const timestamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
    const migrationName = `${timestamp}_${slug}`;
    const file = path.join(dir, migrationName, 'migration.sql');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, sql);
    const lockfile = path.join(dir, LOCKFILE);
    if (!fs.existsSync(lockfile)) {
      fs.writeFileSync(
        lockfile,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
      );
    }
    return { name: migrationName, file, sql };
  } finally {
    await scratch.close();
  }
}
