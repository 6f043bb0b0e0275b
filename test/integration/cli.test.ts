// The database commands as a user runs them: migrate, seed (twice), keys, and the refusal to open an embedded database
// that another process holds. On PostgreSQL runs they target a fresh database of their own.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/database';
import { withDatabaseName } from '../../src/db/pg-client';
import { builtModule, runCli, runScript } from '../helpers/run-built';
import { adminQuery, serverUrl } from '../helpers/test-database';

const MIGRATIONS = path.resolve(__dirname, '..', '..', 'prisma', 'migrations');
/** Tests of commands that run the schema engine (WebAssembly): seconds each, many more on a loaded machine. */
const SCHEMA_ENGINE_TIMEOUT = 120_000;

describe('database commands', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-cli-'));
  const dataDir = path.join(workDir, 'pglite');
  const database = `claimtrace_cli_${process.pid}`;
  let env: Record<string, string | undefined>;

  const open = (): Promise<Database> => {
    const url = serverUrl();
    if (!url) return openDatabase({ kind: 'pglite', dataDir });
    return openDatabase({ kind: 'postgres', url: withDatabaseName(url, database), poolSize: 1 });
  };

  beforeAll(async () => {
    const url = serverUrl();
    if (url) {
      await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await adminQuery(`CREATE DATABASE ${database}`);
      env = { DATABASE_URL: withDatabaseName(url, database) };
    } else {
      env = { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir };
    }
  });
  afterAll(async () => {
    if (serverUrl()) await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it(
    'db:migrate applies every migration once and records it as prisma migrate deploy does',
    async () => {
      const folders = fs
        .readdirSync(MIGRATIONS)
        .filter((name) => fs.statSync(path.join(MIGRATIONS, name)).isDirectory())
        .sort();
      const first = await runCli('migrate', [], env);
      expect(first).toMatchObject({ code: 0 });
      expect(first.stdout).toContain(`Applied ${folders.length} migration(s)`);
      const second = await runCli('migrate', [], env);
      expect(second.stdout).toMatch(/up to date/);

      const db = await open();
      try {
        const rows = await db.prisma.$queryRaw<
          { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number }[]
        >`
        SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`;
        expect(rows.map((row) => row.migration_name)).toEqual(folders);
        for (const row of rows) {
          const sql = fs.readFileSync(path.join(MIGRATIONS, row.migration_name, 'migration.sql'));
          expect(row.checksum).toBe(crypto.createHash('sha256').update(sql).digest('hex'));
          expect(row.finished_at).not.toBeNull();
          expect(row.rolled_back_at).toBeNull();
          expect(row.applied_steps_count).toBe(1);
        }
      } finally {
        await db.close();
      }
    },
    SCHEMA_ENGINE_TIMEOUT,
  );

  it(
    'db:seed fills the database once; a second run creates nothing',
    async () => {
      const first = await runCli('seed', [], env);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Created \d+ speaker\(s\), \d+ source\(s\), \d+ claim\(s\) and \d+ rebuttal\(s\)/);
      const second = await runCli('seed', [], env);
      expect(second).toMatchObject({ code: 0 });
      expect(second.stdout).toMatch(/nothing created/);
    },
    SCHEMA_ENGINE_TIMEOUT,
  );

  it('keys creates a key (printed once, alone on the last line), lists it without its secret, and revokes it once', async () => {
    const created = await runCli(
      'keys',
      ['create', '--name', 'Jane Doe (desk)', '--role', 'reviewer', '--expires', '2099-01-01T00:00:00Z'],
      env,
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const lines = created.stdout.trimEnd().split('\n');
    const key = lines.at(-1)!;
    expect(key).toMatch(/^ctk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const id = /^Created API key (\S+)$/m.exec(created.stdout)![1]!;
    expect(lines.slice(0, -1).join('\n')).toMatch(
      /name: +Jane Doe \(desk\)\n +role: +REVIEWER\n +expires: +2099-01-01T00:00:00Z\n.*Authorization: Bearer/,
    );
    expect(lines.slice(0, -1).join('\n')).not.toContain(key.slice(21));

    const listed = await runCli('keys', ['list'], env);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const [header, row] = listed.stdout.trimEnd().split('\n');
    expect(header!.split(/\s{2,}/)).toEqual(['ID', 'PREFIX', 'NAME', 'ROLE', 'CREATED', 'EXPIRES', 'LAST USED', 'REVOKED']);
    expect(row!.split(/\s{2,}/)).toEqual([
      id,
      `${key.slice(0, 21)}…`,
      'Jane Doe (desk)',
      'REVIEWER',
      expect.stringMatching(/^\d{4}-/),
      '2099-01-01T00:00:00Z',
      'never',
      'no',
    ]);
    expect(listed.stdout).not.toContain(key.slice(21));

    const revoked = await runCli('keys', ['revoke', id], env);
    expect(revoked).toMatchObject({ code: 0, stderr: '' });
    expect(revoked.stdout).toMatch(new RegExp(`^Revoked API key ${id} \\("Jane Doe \\(desk\\)", REVIEWER\\)`));
    const again = await runCli('keys', ['revoke', id], env);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toMatch(/was already revoked, on \d{4}-\S+ by cli keys revoke \(.+@.+\): nothing changed/);
    expect((await runCli('keys', ['list'], env)).stdout).toMatch(/ \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n?$/);
    // Six runs of the command, each compiling its TypeScript afresh: more than the default 30 s on a busy machine.
  }, 120_000);

  it('keys refuses an unknown id, a role that is none and an expiry in the past, with a message and exit 1', async () => {
    const unknown = await runCli('keys', ['revoke', '01a234c6-1883-7350-9e66-7a352d8e2d0d'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^API key 01a234c6-1883-7350-9e66-7a352d8e2d0d does not exist: npm run keys -- list/);
    const role = await runCli('keys', ['create', '--name', 'x', '--role', 'chief'], env);
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/^--role must be one of VIEWER, EDITOR, REVIEWER, PUBLISHER, ADMIN \(got "chief"\)\nUsage: npm run keys/);
    const past = await runCli('keys', ['create', '--name', 'x', '--role', 'VIEWER', '--expires', '2001-01-01T00:00:00Z'], env);
    expect(past.code).toBe(1);
    expect(past.stderr).toMatch(/^expiresAt is in the past/);
    for (const result of [unknown, role, past]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to open an embedded database that another process holds, and leaves it intact', async () => {
    if (serverUrl()) return; // a server takes many clients: nothing to refuse
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: process.pid, command: 'npm start', startedAt: new Date().toISOString() }));
    try {
      const refused = await runCli('seed', [], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/in use by another claimtrace process \(pid \d+, "npm start"/);
      expect(refused.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    } finally {
      fs.rmSync(`${dataDir}.lock`);
    }
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: process.pid, command: 'npm start', startedAt: new Date().toISOString() }));
    try {
      // Beside a running server, keys are managed through its API: the refusal says so.
      const refused = await runCli('keys', ['create', '--name', 'x', '--role', 'ADMIN'], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/in use by another claimtrace process[\s\S]*createApiKey and revokeApiKey mutations/);
      expect(refused.stdout).toBe('');
    } finally {
      fs.rmSync(`${dataDir}.lock`);
    }
    // A lock left behind by a process that has died is taken over.
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 1, command: 'gone', startedAt: new Date().toISOString() }));
    const after = await runCli('migrate', [], env);
    expect(after).toMatchObject({ code: 0 });
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});

describe('db:migrate:create', () => {
  it(
    'finds prisma/schema.prisma and prisma/migrations in agreement (no migration is missing)',
    async () => {
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-migrations-'));
      try {
        fs.cpSync(MIGRATIONS, scratch, { recursive: true });
        const script = `require(${JSON.stringify(builtModule('src/db/migrator'))})
        .createMigration('drift_check', ${JSON.stringify(scratch)})
        .then((created) => { console.log(created ? 'DRIFT\\n' + created.sql : 'IN SYNC'); process.exit(0); }, (e) => { console.error(e); process.exit(1); });`;
        const result = await runScript(script);
        expect(result.stderr).toBe('');
        expect(result.stdout.trim()).toBe('IN SYNC');
      } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
      }
    },
    SCHEMA_ENGINE_TIMEOUT,
  );

  describe('--help and unknown options', () => {
    // A data directory that must not appear: --help and a refused option never open the database.
    const untouched = path.join(os.tmpdir(), `claimtrace-never-opened-${process.pid}`);
    const commands: [command: string, script: string][] = [
      ['migrate', 'db:migrate'],
      ['seed', 'db:seed'],
      ['import', 'import'],
      ['export', 'export'],
      ['keys', 'keys'],
      ['create-migration', 'db:migrate:create'],
      ['emit-schema', 'schema:emit'],
    ];

    it.each(commands)('%s --help prints its usage and touches nothing', async (command, script) => {
      const result = await runCli(command, ['--help'], { DATABASE_URL: '', PGLITE_DATA_DIR: untouched });
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(new RegExp(`^Usage: npm run ${script}\\b`));
      expect(fs.existsSync(untouched)).toBe(false);
    });

    it('refuses an unknown option or a missing argument with the usage and exit 1, before opening the database', async () => {
      const unknown = await runCli('seed', ['--nope'], { DATABASE_URL: '', PGLITE_DATA_DIR: untouched });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/Unknown option '--nope'[\s\S]*Usage: npm run db:seed/);
      const missing = await runCli('import', [], { DATABASE_URL: '', PGLITE_DATA_DIR: untouched });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/Missing argument\nUsage: npm run import -- FILE/);
      expect(fs.existsSync(untouched)).toBe(false);
    });
  });
});
