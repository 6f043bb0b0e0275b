// Several instances started at once against one PostgreSQL database, each migrating at start as `npm start` does:
// exactly one applies the migrations, the others wait for it and find nothing to do. (The embedded database has one
// process by construction: its data directory is locked, see data-dir-lock.ts.)
import { randomBytes } from 'node:crypto';
import { MIGRATION_LOCK_KEY } from '../../src/db/migration-lock';
import { withDatabaseName, withPgClient } from '../../src/db/pg-client';
import { readMigrations } from '../../src/db/migrator';
import { runTs } from '../helpers/run-ts';
import { adminQuery, serverUrl } from '../helpers/test-database';
import { until } from '../helpers/wait';

const onPostgres = serverUrl() ? describe : describe.skip;

/** pg_locks shows a bigint advisory key as its high and low 32 bits (classid, objid), objsubid 1. */
const KEY_HIGH = (BigInt(MIGRATION_LOCK_KEY) >> 32n).toString();
const KEY_LOW = (BigInt(MIGRATION_LOCK_KEY) & 0xffffffffn).toString();
/** Prisma's schema engine's own advisory lock key. */
const ENGINE_LOCK_KEY = 72707369;

onPostgres('migrating one database from several processes at once', () => {
  const database = `claimtrace_migrate_${process.pid}_${randomBytes(3).toString('hex')}`;
  let url: string;
  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${database}`);
    url = withDatabaseName(serverUrl()!, database);
  });
  afterAll(() => adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

  it('applies every migration exactly once: one process migrates, the others wait for it, then find nothing to do', async () => {
    const migrations = readMigrations().migrationDirectories.map((directory) => directory.path);
    const results = await withPgClient(url, async (holder) => {
      // Taken first here, so that all three are seen waiting before any of them may start.
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      const runs = Array.from({ length: 3 }, () => runTs('src/cli/migrate.ts', [], { DATABASE_URL: url }));
      await until(async () => {
        const { rows } = await holder.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_locks
           WHERE locktype = 'advisory' AND NOT granted AND classid::bigint = $1 AND objid::bigint = $2 AND objsubid = 1`,
          [KEY_HIGH, KEY_LOW],
        );
        return rows[0]!.waiting === 3;
      }, 60_000);
      const { rows } = await holder.query<{ table: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS table`);
      expect(rows[0]!.table).toBeNull();
      await holder.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
      return Promise.all(runs);
    });

    for (const result of results) expect(result).toMatchObject({ code: 0, stderr: '' });
    const outputs = results.map((result) => result.stdout.trim()).sort();
    expect(outputs).toEqual([
      `Applied ${migrations.length} migration(s):\n  ${migrations.join('\n  ')}`,
      'The database is up to date: no migration to apply.',
      'The database is up to date: no migration to apply.',
    ]);
    const applied = await withPgClient(url, (client) =>
      client.query<{ migration_name: string; finished: boolean; rolled_back: boolean }>(
        'SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations ORDER BY migration_name',
      ),
    );
    expect(applied.rows).toEqual(migrations.map((name) => ({ migration_name: name, finished: true, rolled_back: false })));
  }, 120_000);

  it('leaves no advisory lock held by a process that migrated and goes on running', async () => {
    // A running server keeps its pool open after migrating at start; the schema engine's lock must not stay with it,
    // or the next instance's migration times out on it.
    const script = `
      const { openDatabase } = require(${JSON.stringify(require.resolve('../../src/db/database'))});
      const { applyMigrations } = require(${JSON.stringify(require.resolve('../../src/db/migrator'))});
      const { withPgClient } = require(${JSON.stringify(require.resolve('../../src/db/pg-client'))});
      (async () => {
        const db = await openDatabase({ kind: 'postgres', url: ${JSON.stringify(url)}, poolSize: 4 });
        await applyMigrations(db);
        await db.queryRows({ text: 'SELECT 1', values: [] });
        const { rows } = await withPgClient(${JSON.stringify(url)}, (client) => client.query(
          "SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
        console.log(JSON.stringify({ held: rows[0].held }));
        await db.close();
        process.exit(0);
      })().catch((error) => { console.error(error); process.exit(1); });`;
    const result = await runTs('test/helpers/eval.ts', [script]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({ held: 0 });
  }, 60_000);
});
