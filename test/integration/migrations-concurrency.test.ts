// Several instances started at once against one PostgreSQL database, each migrating (and seeding an empty database)
// at start as `npm start` does: exactly one applies the migrations, the others wait for it and find nothing to do. (The embedded database has one
// process by construction: its data directory is locked, see data-dir-lock.ts.)
import { randomBytes } from 'node:crypto';
import { MIGRATION_LOCK_KEY } from '../../src/db/migration-lock';
import { withDatabaseName, withPgClient } from '../../src/db/pg-client';
import { readMigrations } from '../../src/db/migrator';
import { readCorpus } from '../../src/modules/corpus/corpus';
import { builtModule, runCli, runScript } from '../helpers/run-built';
import { adminQuery, serverUrl, TEMPLATE_ENV } from '../helpers/test-database';
import { until } from '../helpers/wait';

const onPostgres = serverUrl() ? describe : describe.skip;

/** pg_locks shows a bigint advisory key as its high and low 32 bits (classid, objid), objsubid 1. */
const KEY_HIGH = (BigInt(MIGRATION_LOCK_KEY) >> 32n).toString();
const KEY_LOW = (BigInt(MIGRATION_LOCK_KEY) & 0xffffffffn).toString();

onPostgres('migrating one database from several processes at once', () => {
  const database = `claimtrace_migrate_${process.pid}_${randomBytes(3).toString('hex')}`;
  let url: string;
  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${database}`);
    url = withDatabaseName(serverUrl()!, database);
  });
  afterAll(() => adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

  /**
   * Starts `count` runs of a command on one database while this test holds the lock, waits until all of them are seen
   * waiting on it, then lets them go; resolves to their results.
   */
  async function startTogether(database: string, command: string, count: number, beforeRelease: () => Promise<void> = async () => {}) {
    const url = withDatabaseName(serverUrl()!, database);
    return withPgClient(url, async (holder) => {
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      const runs = Array.from({ length: count }, () => runCli(command, [], { DATABASE_URL: url }));
      await until(async () => {
        const { rows } = await holder.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_locks
           WHERE locktype = 'advisory' AND NOT granted AND classid::bigint = $1 AND objid::bigint = $2 AND objsubid = 1`,
          [KEY_HIGH, KEY_LOW],
        );
        return rows[0]!.waiting === count;
      }, 60_000);
      await beforeRelease();
      await holder.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
      return Promise.all(runs);
    });
  }

  it('applies every migration exactly once: one process migrates, the others wait for it, then find nothing to do', async () => {
    const migrations = readMigrations().migrationDirectories.map((directory) => directory.path);
    const results = await startTogether(database, 'migrate', 3, async () => {
      const { rows } = await withPgClient(url, (client) =>
        client.query<{ table: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS table`),
      );
      expect(rows[0]!.table).toBeNull();
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

  it('seeds an empty database once when several processes seed it at once: the others wait until the first is done', async () => {
    const seeded = `${database}_seed`;
    await adminQuery(`CREATE DATABASE ${seeded} TEMPLATE ${process.env[TEMPLATE_ENV]}`);
    const seededUrl = withDatabaseName(serverUrl()!, seeded);
    try {
      const results = await withPgClient(seededUrl, async (holder) => {
        // The first seed to get there stops at its rebuttals (this session holds the table) with its other rows written
        // but not committed: the others must be waiting for the lock, not seeding beside it.
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE rebuttals IN SHARE MODE');
        const runs = Array.from({ length: 3 }, () => runCli('seed', [], { DATABASE_URL: seededUrl }));
        try {
          await until(async () => {
            const { rows } = await holder.query<{ seeding: number; waiting: number }>(
              `SELECT count(*) FILTER (WHERE locktype = 'relation' AND relation = 'rebuttals'::regclass)::int AS seeding,
                      count(*) FILTER (WHERE locktype = 'advisory' AND classid::bigint = $1 AND objid::bigint = $2 AND objsubid = 1)::int AS waiting
               FROM pg_locks WHERE NOT granted`,
              [KEY_HIGH, KEY_LOW],
            );
            return rows[0]!.seeding === 1 && rows[0]!.waiting === 2;
          }, 60_000);
        } finally {
          await holder.query('ROLLBACK');
        }
        return Promise.all(runs);
      });
      for (const result of results) expect(result).toMatchObject({ code: 0, stderr: '' });
      const outputs = results.map((result) => result.stdout.trim()).sort();
      expect(outputs[0]).toMatch(/^Created \d+ speaker\(s\)/);
      expect(outputs.slice(1)).toEqual([
        'The seed corpus is already in the database: nothing created.',
        'The seed corpus is already in the database: nothing created.',
      ]);
      const corpus = readCorpus();
      const counts = await withPgClient(seededUrl, async (client) => {
        const { rows } = await client.query<{ speakers: number; sources: number; claims: number; rebuttals: number }>(
          `SELECT (SELECT count(*)::int FROM speakers) AS speakers, (SELECT count(*)::int FROM sources) AS sources,
                  (SELECT count(*)::int FROM claims) AS claims, (SELECT count(*)::int FROM rebuttals) AS rebuttals`,
        );
        return rows[0];
      });
      expect(counts).toEqual({
        speakers: corpus.speakers.length,
        sources: corpus.sources.length,
        claims: corpus.claims.length,
        rebuttals: corpus.rebuttals.length,
      });
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS ${seeded} WITH (FORCE)`);
    }
  }, 120_000);

  it('leaves no advisory lock held by a process that migrated and goes on running', async () => {
    // A running server keeps its pool open after migrating at start; the schema engine's lock must not stay with it,
    // or the next instance's migration times out on it.
    const script = `
      const { openDatabase } = require(${JSON.stringify(builtModule('src/db/database'))});
      const { applyMigrations } = require(${JSON.stringify(builtModule('src/db/migrator'))});
      const { withPgClient } = require(${JSON.stringify(builtModule('src/db/pg-client'))});
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
    const result = await runScript(script);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({ held: 0 });
  }, 60_000);
});
