// What the benchmarks (bench:trace, bench:load) share: their command lines, their own database on the PostgreSQL
// server of DATABASE_URL, the server started as `npm start` starts it in a process of its own, an HTTP client over
// keep-alive sockets, nearest-rank percentiles, tables, and where results are written.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Client } from 'pg';
import { UsageError } from '../src/cli/run-cli';
import { loadConfig, projectRoot } from '../src/config';
import { openDatabase } from '../src/db/database';
import type { Role } from '../src/auth/roles';
import { ApiKeyService } from '../src/modules/api-keys/api-key.service';
import { applyMigrations } from '../src/db/migrator';
import { withDatabaseName, withPgClient } from '../src/db/pg-client';
import { GRAPH, holdsGraph, loadGraph, type GraphSpec } from './trace-graph';

const SERVER_START_TIMEOUT_MS = 60_000;
/** Lines of the server's stderr kept, to show why it died. */
const STDERR_TAIL_LINES = 40;

/** A whole-number option within bounds, or a usage error naming it. */
export function integerOption(name: string, value: string | undefined, min: number, max: number): number {
  const parsed = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${value ?? ''}")`);
  }
  return parsed;
}

/** A plain lowercase PostgreSQL database name, or a usage error. */
export function databaseNameOption(value: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) throw new UsageError(`--database must be a plain lowercase name, got "${value}"`);
  return value;
}

/** The PostgreSQL server of DATABASE_URL; a benchmark refuses to run on the embedded database. */
export function postgresServerUrl(command: string, defaultDatabase: string): string {
  const config = loadConfig();
  if (config.database.kind !== 'postgres') {
    throw new UsageError(
      `${command} needs a PostgreSQL server: set DATABASE_URL, e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres ${command}.\n` +
        `It works in a database of its own on that server (${defaultDatabase}, or --database NAME) and leaves yours alone.`,
    );
  }
  return config.database.url;
}

export interface BenchDatabaseOptions {
  name: string;
  /** Marks the database as the benchmark's own: one without this comment is never dropped. */
  comment: string;
  spec?: GraphSpec;
  /** Keep a database that already holds this very graph (else it is dropped and loaded afresh). */
  reuse: boolean;
}

/**
 * The benchmark's own database on the server of `serverUrl`: created (and marked as ours) when missing, recreated
 * when it holds no complete graph or `reuse` is off, refused when it exists without our mark (someone else's); then
 * migrated and filled with the generated graph.
 */
export async function prepareBenchDatabase(
  serverUrl: string,
  options: BenchDatabaseOptions,
): Promise<{ url: string; loadedNow: boolean; loadSeconds: number }> {
  const { name, comment, spec = GRAPH, reuse } = options;
  const url = withDatabaseName(serverUrl, name);
  const adminUrl = new URL(serverUrl).pathname === `/${name}` ? withDatabaseName(serverUrl, 'postgres') : serverUrl;
  const existing = await withPgClient(adminUrl, async (admin) => {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    );
    return rows[0];
  });
  if (existing && existing.comment !== comment) {
    throw new UsageError(`Database "${name}" exists but was not created by this benchmark; it is left alone. Pass --database OTHER_NAME.`);
  }
  const complete = existing !== undefined && reuse && (await withPgClient(url, (client) => holdsGraph(client, spec)));
  if (!complete) {
    await withPgClient(adminUrl, async (admin) => {
      if (existing) await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.query(`COMMENT ON DATABASE "${name}" IS '${comment.replace(/'/g, "''")}'`);
    });
  }
  const db = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
  try {
    await applyMigrations(db);
  } finally {
    await db.close();
  }
  if (complete) return { url, loadedNow: false, loadSeconds: 0 };
  console.error(
    `Loading ${spec.claims.toLocaleString('en-US')} claims and ${spec.rebuttals.toLocaleString('en-US')} rebuttals into "${name}"…`,
  );
  const started = Date.now();
  await withPgClient(url, (client) => loadGraph(client, spec));
  return { url, loadedNow: true, loadSeconds: (Date.now() - started) / 1000 };
}

/** A new API key on the benchmark's database (expiring in a day), for requests sent as a client with a key sends them. */
export async function createBenchApiKey(url: string, name: string, role: Role = 'VIEWER'): Promise<string> {
  const db = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  try {
    const { key } = await new ApiKeyService(db.prisma).create({ name, role, expiresAt: new Date(Date.now() + 86_400_000) }, name);
    return key;
  } finally {
    await db.close();
  }
}

/** Whether `port` (0: any) can be listened on at the loopback interface: the port taken, or undefined. */
function probePort(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(undefined));
    probe.listen(port, '127.0.0.1', () => {
      const { port: taken } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(taken));
    });
  });
}

/**
 * A free TCP port on the loopback interface: the first free one of BENCH_PORTS (FROM-TO) when set, as on a machine
 * whose ports are shared out between users, else any. A caller starts what listens on it before asking for another.
 */
export async function freePort(): Promise<number> {
  const range = process.env.BENCH_PORTS?.trim();
  if (!range) {
    const port = await probePort(0);
    if (port === undefined) throw new Error('No free TCP port on 127.0.0.1');
    return port;
  }
  const match = /^(\d+)-(\d+)$/.exec(range);
  const [from, to] = match ? [Number(match[1]), Number(match[2])] : [0, -1];
  if (!match || from < 1 || to > 65_535 || from > to)
    throw new UsageError(`BENCH_PORTS must be a range FROM-TO of TCP ports, e.g. 4500-4599 (got "${range}")`);
  for (let port = from; port <= to; port += 1) if ((await probePort(port)) !== undefined) return port;
  throw new UsageError(`No free port in BENCH_PORTS=${range}`);
}

/** The status of GET /health, or undefined when the server does not answer. */
export function healthStatus(url: string, timeoutMs = 5_000): Promise<number | undefined> {
  return new Promise((resolve) => {
    http
      .get(new URL('health', url), { signal: AbortSignal.timeout(timeoutMs) }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
      .on('error', () => resolve(undefined));
  });
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** When it exited (Date.now()). */
  at: number;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Resolves when the process exits, whoever ended it. */
  readonly exit: Promise<ServerExit>;
  /** How it exited, once it has. */
  exited(): ServerExit | undefined;
  /** The last lines it wrote to stderr (a crash's stack trace ends up here). */
  stderrTail(): string[];
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** More environment for the server (e.g. its DATABASE_POOL_SIZE). */
  env?: Record<string, string>;
  /** Each line of the server's stdout (its JSON log); without it, stdout goes to ours. */
  onLogLine?: (line: string) => void;
}

function eachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (rest) onLine(rest);
  });
}

/**
 * The server as `npm start` runs it (this build's dist/src/index.js, production mode, logging warnings only), in a
 * process of its own as it is deployed: the benchmark's client and its garbage stay out of the server's event loop and
 * heap, and the server's out of theirs. The process is node itself (no npm or shell between), so `pid` is the
 * server's. Its stderr is passed on and its tail kept.
 */
export async function startServer(databaseUrl: string, options: StartServerOptions = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'src', 'index.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', options.onLogLine ? 'pipe' : 'inherit', 'pipe'],
  });
  const tail: string[] = [];
  eachLine(child.stderr!, (line) => {
    process.stderr.write(`[server] ${line}\n`);
    tail.push(line);
    if (tail.length > STDERR_TAIL_LINES) tail.shift();
  });
  if (options.onLogLine) eachLine(child.stdout!, options.onLogLine);
  let exitedAs: ServerExit | undefined;
  const exit = new Promise<ServerExit>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedAs = { code, signal, at: Date.now() };
      resolve(exitedAs);
    }),
  );
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (!exitedAs) child.kill('SIGTERM');
    await exit;
  };
  // The database is migrated and not empty, so start-up neither migrates nor seeds: it is up once /health answers.
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while ((await healthStatus(url)) !== 200) {
    if (exitedAs) throw new Error(`The server exited (${exitedAs.code ?? exitedAs.signal}) before serving`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer ${url}health within ${SERVER_START_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, pid: child.pid!, exit, exited: () => exitedAs, stderrTail: () => [...tail], stop };
}

export interface HttpAnswer {
  status: number;
  body: Buffer;
  /** From sending the request to the last byte of the response. */
  ms: number;
}

/**
 * Requests over at most `sockets` keep-alive connections (node:http's Agent: a fixed pool, reused, as a client of an
 * API keeps them). A request is timed as HTTP load tools time it: from sending it to the last byte of the response.
 */
export function httpClient(baseUrl: string, sockets: number, headers: Readonly<Record<string, string>> = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const send = (target: URL, options: http.RequestOptions, body?: string) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const request = http.request(target, { ...options, agent }, (response) => {
        const received: Buffer[] = [];
        response.on('data', (chunk: Buffer) => received.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(received), ms: Number(process.hrtime.bigint() - started) / 1e6 }),
        );
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body);
    });
  return {
    /** POST a JSON body; with `timeoutMs`, a request still unanswered by then fails with an AbortError. */
    postJson(pathname: string, body: string, timeoutMs?: number): Promise<HttpAnswer> {
      return send(
        new URL(pathname, baseUrl),
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
        },
        body,
      );
    },
    get(pathname: string): Promise<HttpAnswer> {
      return send(new URL(pathname, baseUrl), { method: 'GET' });
    },
    close: () => agent.destroy(),
  };
}

/** The nearest-rank percentile (as latency percentiles are usually read) of ascending samples; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const roundMs = (ms: number): number => Math.round(ms * 100) / 100;

export interface Summary {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: roundMs(percentile(sorted, 0.5)),
    p95: roundMs(percentile(sorted, 0.95)),
    p99: roundMs(percentile(sorted, 0.99)),
    mean: roundMs(sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length),
  };
}

/** A Markdown table: the first column left-aligned, the others right-aligned. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** The machine a run was taken on, for its report. */
export async function benchEnvironment(sql: Client) {
  const { rows } = await sql.query<{ server_version: string }>('SHOW server_version');
  return {
    node: process.version,
    postgres: rows[0]!.server_version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Writes a run's report to bench/results/<prefix>-<startedAt>.json (gitignored) and returns the file's path. */
export function writeResult(prefix: string, report: { startedAt: string }): string {
  const dir = path.join(projectRoot, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${prefix}-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
