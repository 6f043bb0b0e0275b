// `npm start` as a user or a process manager runs it: it does not rebuild an up-to-date build, and SIGTERM or SIGINT
// sent to npm's own pid (not its process group) stops the server with it, leaving no process behind and the
// embedded database's lock released. In development, its first start on a database without keys prints an admin key.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { withDatabaseName } from '../../src/db/pg-client';
import { adminQuery, serverUrl } from '../helpers/test-database';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'dist', 'src', 'index.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Every process below `pid`, read from ps: npm's shell and the server, whichever of them there are. */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  for (let queue = [pid]; queue.length > 0;) {
    const parent = queue.shift()!;
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

describe('npm start', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-start-'));
  const dataDir = path.join(workDir, 'pglite');
  const database = `claimtrace_start_${process.pid}`;
  /** Every process a test started, npm's and those below it, so that a failed test leaves none running. */
  const started: number[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    const url = serverUrl();
    if (url) {
      await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await adminQuery(`CREATE DATABASE ${database}`);
    }
    env = url ? { DATABASE_URL: withDatabaseName(url, database) } : { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir };
  });
  afterAll(async () => {
    for (const pid of started) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    if (serverUrl()) await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  /**
   * Starts `npm start` (in production, unless `overrides` say otherwise) and waits until the server answers /health;
   * resolves to npm and the server's pids.
   */
  async function start(
    overrides: Record<string, string> = {},
  ): Promise<{ npm: ChildProcess; server: number; url: string; output: () => string }> {
    const port = await freePort();
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        SEED_ON_START: 'false',
        PORT: String(port),
        HOST: '127.0.0.1',
        ...env,
        ...overrides,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(npm.pid!);
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (;;) {
      if (npm.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const runsEntry = (pid: number) =>
      fs
        .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        .split('\0')
        .some((arg) => path.resolve(ROOT, arg) === ENTRY);
    const servers = descendants(npm.pid!).filter(runsEntry);
    started.push(...descendants(npm.pid!));
    expect(servers).toHaveLength(1);
    return { npm, server: servers[0]!, url: `http://127.0.0.1:${port}/`, output: () => output };
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops, server and all, on ${signal} to npm's own pid, releasing the database`, async () => {
      const { npm, server, output } = await start();
      const below = descendants(npm.pid!);
      if (!serverUrl()) expect(JSON.parse(fs.readFileSync(`${dataDir}.lock`, 'utf8')).pid).toBe(server);

      npm.kill(signal);
      expect(await exited(npm)).toEqual({ code: 0, signal: null });
      expect(below.filter(isAlive)).toEqual([]);
      expect(output()).toMatch(/"msg":"stopped"/);
      // In production no key is made for anyone: the log says how to make one.
      expect(output()).toMatch(/"msg":"no API keys exist yet: writes need one; create an ADMIN key with npm run keys -- create/);
      expect(output()).not.toMatch(/ctk_[0-9a-f]{16}_/);
      // The lock file is gone: the next process opens the database without taking over a dead holder's lock.
      if (!serverUrl()) expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
    }, 180_000);
  }

  it('in development, the first start on a database without keys prints an ADMIN key once, which works', async () => {
    const devDatabase = `${database}_dev`;
    const url = serverUrl();
    if (url) {
      await adminQuery(`DROP DATABASE IF EXISTS ${devDatabase} WITH (FORCE)`);
      await adminQuery(`CREATE DATABASE ${devDatabase}`);
    }
    const devEnv: Record<string, string> = url
      ? { DATABASE_URL: withDatabaseName(url, devDatabase) }
      : { PGLITE_DATA_DIR: path.join(workDir, 'pglite-dev') };
    try {
      const first = await start({ NODE_ENV: 'development', ...devEnv });
      // The key is printed before the line that says the server is serving.
      while (!/claimtrace is serving/.test(first.output())) await new Promise((resolve) => setTimeout(resolve, 50));
      const key = /^ {4}(ctk_[0-9a-f]{16}_[A-Za-z0-9_-]{43})$/m.exec(first.output())?.[1];
      expect(key).toMatch(/^ctk_/);
      // Plain lines, not a JSON log line; how to send it, in the explorer and with curl against the served URL.
      expect(
        first
          .output()
          .split('\n')
          .filter((line) => line.includes(key!))
          .every((line) => !line.startsWith('{')),
      ).toBe(true);
      expect(first.output()).toContain(`curl ${first.url}graphql -H 'content-type: application/json' -H 'Authorization: Bearer ${key}'`);
      expect(first.output()).toMatch(/headers pane[\s\S]*will not be shown again|will not be shown again[\s\S]*headers pane/);
      expect(first.output()).toContain('npm run keys -- create --name NAME --role ROLE');
      const gql = async (query: string) => {
        const response = await fetch(`${first.url}graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query }),
        });
        return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      };
      expect(await gql('{ viewer { name role } }')).toEqual({
        data: { viewer: { name: 'first admin (created at first start)', role: 'ADMIN' } },
      });
      expect(await gql('mutation { createSpeaker(input: { name: "First Start" }) { name } }')).toEqual({
        data: { createSpeaker: { name: 'First Start' } },
      });
      first.npm.kill('SIGTERM');
      expect(await exited(first.npm)).toEqual({ code: 0, signal: null });

      const second = await start({ NODE_ENV: 'development', ...devEnv });
      while (!/claimtrace is serving/.test(second.output())) await new Promise((resolve) => setTimeout(resolve, 50));
      second.npm.kill('SIGTERM');
      expect(await exited(second.npm)).toEqual({ code: 0, signal: null });
      expect(second.output()).not.toMatch(/ctk_[0-9a-f]{16}_/);
      expect(second.output()).not.toMatch(/no API keys exist yet/);
    } finally {
      if (url) await adminQuery(`DROP DATABASE IF EXISTS ${devDatabase} WITH (FORCE)`);
    }
  }, 180_000);

  it('does not rebuild when the build is up to date', async () => {
    // The tests above started from this build; nothing has changed since.
    const built = [ENTRY, path.join(ROOT, 'dist', '.tsbuildinfo.build')].map((file) => fs.statSync(file).mtimeMs);
    const { npm } = await start();
    npm.kill('SIGTERM');
    await exited(npm);
    expect([ENTRY, path.join(ROOT, 'dist', '.tsbuildinfo.build')].map((file) => fs.statSync(file).mtimeMs)).toEqual(built);
  }, 180_000);

  /** The built server run straight (the build exists: the tests above made it), until it exits. */
  function runServer(overrides: Record<string, string>): Promise<{ code: number | null; output: string }> {
    const child = spawn(process.execPath, [ENTRY], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', SEED_ON_START: 'false', HOST: '127.0.0.1', ...env, ...overrides },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(child.pid!);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return exited(child).then(({ code }) => ({ code, output }));
  }

  it('says in one line that the port is in use, before it opens, migrates or seeds the database', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    const untouched = path.join(workDir, 'never-opened');
    try {
      const { code, output } = await runServer({ PORT: String(port), ...(serverUrl() ? {} : { PGLITE_DATA_DIR: untouched }) });
      expect(code).toBe(1);
      const lines = output.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({
        level: 60,
        msg: `Port ${port} on 127.0.0.1 is in use (another claimtrace, or another program): stop it, or start on another port, e.g. PORT=${port + 1} npm start`,
      });
      expect(fs.existsSync(untouched)).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 60_000);

  (serverUrl() ? it : it.skip)(
    'says in one line that the PostgreSQL database does not exist, and what to do',
    async () => {
      const missing = `claimtrace_missing_${process.pid}`;
      const { code, output } = await runServer({ PORT: String(await freePort()), DATABASE_URL: withDatabaseName(serverUrl()!, missing) });
      expect(code).toBe(1);
      const lines = output.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({
        level: 60,
        msg: expect.stringMatching(new RegExp(`^PostgreSQL has no database "${missing}" \\(DATABASE_URL\\): create it first`)),
      });
    },
    60_000,
  );
});
