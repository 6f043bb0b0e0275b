// npm run bench:load [-- --connections N] [--duration SECONDS] [--fault db-outage] [--outage-seconds S] [--database NAME]
//
// A busy desk's load on the server as it is deployed (this build's dist/src/index.js started as `npm start` starts it,
// production mode, a process of its own): N clients (64), each on a keep-alive connection of its own, for T seconds
// (60), sending a mix of reads (the claim page, the list page, search, trace) and writes (new claims, some with the
// rebuttal they make; new rebuttals; review-status moves), see load-operations.ts. Every answer is checked (HTTP
// status, JSON, no errors, the data the operation must return). Every write the server acknowledged is recorded and,
// once the load has stopped, looked up in the database directly: a write acknowledged but not there is a lost write.
// The server's RSS is sampled every second. With --fault db-outage the server reaches PostgreSQL through a TCP proxy
// (bench/tcp-proxy.ts) that cuts every connection a third into the run for --outage-seconds (5) and then lets them
// through again; the report then gives the errors by phase and the time the server took to recover.
// A server that exits at any time (a crash) ends the run and fails it.
//
// Needs DATABASE_URL (a PostgreSQL server); works in a database of its own on it (claimtrace_load), dropped and
// filled afresh on every run with a generated graph of 20,000 claims and 60,000 rebuttals. Prints the figures and
// writes bench/results/load-<timestamp>.json; exits 1 when a check fails (server exited, lost writes, failed
// requests outside an outage, no recovery within RECOVERY_TARGET_MS).
//
// The load generator is a loop per client over node:http's keep-alive Agent rather than autocannon: autocannon sends
// fixed requests and cannot check each answer's body or take the ids a write returned.
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { CommandFailure, UsageError, runCli } from '../src/cli/run-cli';
import { openDatabase } from '../src/db/database';
import type { ReviewStatus } from '../src/generated/prisma/enums';
import {
  benchEnvironment,
  createBenchApiKey,
  healthStatus,
  httpClient,
  markdownTable,
  postgresServerUrl,
  prepareBenchDatabase,
  startServer,
  summarise,
  writeResult,
  type HttpAnswer,
  type ServerExit,
  type ServerProcess,
} from './bench-kit';
import { OPERATIONS, operationAt, type Operation, type PreparedOperation, type WorkerState } from './load-operations';
import {
  STEADY_SHARE,
  buckets,
  countErrors,
  cpuSeconds,
  errorKey,
  phaseOf,
  recovery,
  residentMb,
  summariseOperations,
  type OutageWindow,
  type Phase,
  type RequestRecord,
} from './load-metrics';
import { DEFAULT_LOAD_DATABASE, LOAD_GRAPH, LOAD_USAGE, readLoadOptions, type LoadOptions } from './load-options';
import { findLostWrites, WriteLog } from './load-writes';
import { startTcpProxy, urlThroughProxy, type TcpProxy } from './tcp-proxy';
import { claimIdOf, graphStats } from './trace-graph';

/** The bench's own connection to its database, told apart from the server's. */
const BENCH_APPLICATION_NAME = 'claimtrace-bench-load';
const DATABASE_COMMENT = 'claimtrace load benchmark database (npm run bench:load): generated data only, safe to drop';
/** A request still unanswered after this long counts as failed ("TIMEOUT"), so that no client waits forever. */
const REQUEST_TIMEOUT_MS = 10_000;
/** At most this many requests in one run, whatever its length: the records stay within memory. */
const MAX_REQUESTS = 5_000_000;
const RSS_EVERY_MS = 1_000;
const HEALTH_EVERY_MS = 500;
const PROGRESS_EVERY_MS = 5_000;
/** The issue's target: serving normally again within 5 s of the database's return. */
const RECOVERY_TARGET_MS = 5_000;
/** Error messages and wrong data kept per error key, to show what went wrong. */
const SAMPLES_PER_KEY = 3;

interface RssSample {
  t: number;
  mb: number;
}

/** The server's log lines (JSON, pino) by level, with the first few of each. */
function logTally() {
  const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
  const counts: Record<string, number> = {};
  const samples: Record<string, string[]> = {};
  return {
    add(line: string) {
      let level = 'unparsed';
      let text = line;
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { type?: string; message?: string; code?: string } };
        level = LEVELS[entry.level ?? 0] ?? String(entry.level);
        text = [entry.msg, entry.err && `${entry.err.type ?? 'Error'}${entry.err.code ? ` ${entry.err.code}` : ''}: ${entry.err.message}`]
          .filter(Boolean)
          .join(' | ');
      } catch {
        // not a JSON line: counted as it is
      }
      counts[level] = (counts[level] ?? 0) + 1;
      const kept = (samples[level] ??= []);
      if (kept.length < 5) kept.push(text.slice(0, 300));
    },
    counts,
    samples,
  };
}

/** A seeded generator (mulberry32), one per client, so that a run's mix can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** What a response says: its data, or the error it counts as (extensions.code with the HTTP status). */
function readAnswer(answer: HttpAnswer): { data: unknown } | { error: string; detail: string } {
  let result: { data?: unknown; errors?: { message?: string; extensions?: { code?: unknown } }[] };
  try {
    result = JSON.parse(answer.body.toString('utf8')) as typeof result;
  } catch {
    return { error: errorKey({ status: answer.status, code: 'NOT_JSON' }), detail: answer.body.toString('utf8').slice(0, 200) };
  }
  const first = result.errors?.[0];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'NO_CODE';
    return { error: errorKey({ status: answer.status, code }), detail: String(first.message).slice(0, 200) };
  }
  if (answer.status !== 200 || result.data === undefined || result.data === null) {
    return { error: errorKey({ status: answer.status, code: 'NO_DATA' }), detail: answer.body.toString('utf8').slice(0, 200) };
  }
  return { data: result.data };
}

function transportError(error: unknown): string {
  const { code, name } = error as { code?: string; name?: string };
  if (code === 'ABORT_ERR' || name === 'AbortError' || name === 'TimeoutError')
    return `TIMEOUT (no answer in ${REQUEST_TIMEOUT_MS / 1000} s)`;
  return errorKey({ transport: `TRANSPORT ${code ?? name ?? 'error'}` });
}

interface RunResult {
  records: RequestRecord[];
  writes: WriteLog;
  errorSamples: Record<string, string[]>;
  rss: RssSample[];
  health: { t: number; status: number | null }[];
  /** When the load stopped sending (ms since it started), and why. */
  endedAt: number;
  stoppedBy: 'duration' | 'server exit' | 'request cap';
  /** The outage as it happened, ms since the load started. */
  outage?: { cutAt: number; restoredAt: number };
  /** The server's exit, if it exited during the load, in ms since the load started. */
  serverExit?: ServerExit & { atMs: number };
  /** CPU seconds the server and this load generator used during the load, and the machine's load average around it. */
  cpu: { serverSeconds: number | null; benchSeconds: number; loadAverage1m: { start: number; end: number } };
}

/** `apiKey`: sent with every request, as the desk's clients send theirs (the writes need a REVIEWER's). */
async function runLoad(server: ServerProcess, options: LoadOptions, proxy: TcpProxy | undefined, apiKey: string): Promise<RunResult> {
  const client = httpClient(server.url, options.connections, { authorization: `Bearer ${apiKey}` });
  const records: RequestRecord[] = [];
  const writes = new WriteLog();
  const usedPairs = new Set<string>();
  const errorSamples: Record<string, string[]> = {};
  const rss: RssSample[] = [];
  const health: RunResult['health'] = [];
  const started = performance.now();
  const startedAtEpoch = Date.now();
  const serverCpuAtStart = cpuSeconds(server.pid);
  const benchCpuAtStart = process.cpuUsage();
  const loadAtStart = os.loadavg()[0]!;
  const now = () => performance.now() - started;
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  let stoppedBy: RunResult['stoppedBy'] | undefined;
  let endedAt = 0;
  const stop = (reason: RunResult['stoppedBy']) => {
    if (stoppedBy) return;
    stoppedBy = reason;
    endedAt = now();
  };
  let serverExit: RunResult['serverExit'];
  void server.exit.then((exit) => {
    if (stoppedBy) return;
    serverExit = { ...exit, atMs: Math.round(exit.at - startedAtEpoch) };
    console.error(
      `The server exited at ${seconds(serverExit.atMs)} s (${exit.code === null ? `signal ${exit.signal}` : `code ${exit.code}`}): stopping the load.`,
    );
    stop('server exit');
  });
  const timers: NodeJS.Timeout[] = [setTimeout(() => stop('duration'), options.durationSeconds * 1000)];

  const sampleRss = () => {
    const mb = residentMb(server.pid);
    if (mb !== undefined) rss.push({ t: seconds(now()), mb });
  };
  sampleRss();
  timers.push(setInterval(sampleRss, RSS_EVERY_MS));
  timers.push(
    setInterval(() => {
      const recent = records.filter((record) => record.end > now() - PROGRESS_EVERY_MS);
      console.error(
        `  ${seconds(now()).toFixed(0).padStart(4)} s: ${Math.round(recent.length / (PROGRESS_EVERY_MS / 1000))} req/s, ${recent.filter((record) => record.error).length} failed` +
          `, RSS ${rss[rss.length - 1]?.mb ?? '?'} MB${proxy?.isCut ? ', DATABASE CUT' : ''}`,
      );
    }, PROGRESS_EVERY_MS),
  );
  let outage: RunResult['outage'];
  if (proxy && options.outage) {
    const { atSeconds, seconds: length } = options.outage;
    timers.push(
      setTimeout(() => {
        proxy.cut();
        outage = { cutAt: now(), restoredAt: Number.NaN };
        console.error(`  cut the server off PostgreSQL at ${seconds(outage.cutAt)} s`);
        timers.push(
          setTimeout(() => {
            proxy.restore();
            outage!.restoredAt = now();
            console.error(`  restored the connection to PostgreSQL at ${seconds(outage!.restoredAt)} s`);
          }, length * 1000),
        );
      }, atSeconds * 1000),
    );
  }
  // /health on a connection of its own, not counted in the load: what it says through the run (and that the server answers).
  const probe = (async () => {
    while (!stoppedBy) {
      const t = seconds(now());
      health.push({ t, status: (await healthStatus(server.url, 2_000)) ?? null });
      await new Promise((resolve) => setTimeout(resolve, HEALTH_EVERY_MS));
    }
  })();

  const worker = async (index: number) => {
    let writeNumber = 0;
    const state: WorkerState = {
      index,
      graph: LOAD_GRAPH,
      random: seededRandom(index + 1),
      ownClaims: [],
      statusClaims: new Map<string, ReviewStatus>(),
      usedPairs,
      writes,
      nextWrite: () => (writeNumber += 1),
    };
    // The generated claims beyond the targets whose review status only this client moves (all start UNREVIEWED).
    for (let number = LOAD_GRAPH.targets + 1 + index; number <= LOAD_GRAPH.claims; number += options.connections)
      state.statusClaims.set(claimIdOf(number), 'UNREVIEWED');
    while (!stoppedBy) {
      let operation: Operation;
      let prepared: PreparedOperation | undefined;
      do {
        operation = operationAt(state.random());
        prepared = operation.prepare(state);
      } while (!prepared);
      const body = JSON.stringify({ query: operation.query, variables: prepared.variables });
      const start = now();
      let outcome: { data: unknown } | { error: string; detail: string };
      try {
        outcome = readAnswer(await client.postJson('graphql', body, REQUEST_TIMEOUT_MS));
        if ('data' in outcome) {
          const problem = prepared.check(outcome.data);
          if (problem)
            outcome = { error: errorKey({ status: 200, code: 'UNEXPECTED_DATA' }), detail: `${operation.name}: ${problem}`.slice(0, 300) };
        }
      } catch (error) {
        outcome = { error: transportError(error), detail: String((error as Error).message) };
      }
      const error = 'error' in outcome ? outcome.error : undefined;
      records.push({ operation: operation.name, start, end: now(), error });
      if ('error' in outcome) {
        const kept = (errorSamples[outcome.error] ??= []);
        if (kept.length < SAMPLES_PER_KEY && !kept.includes(outcome.detail)) kept.push(outcome.detail);
        prepared.unacknowledged?.();
      } else {
        prepared.acknowledged?.(outcome.data);
      }
      if (records.length >= MAX_REQUESTS) stop('request cap');
    }
  };
  console.error(
    `Load: ${options.connections} connections for ${options.durationSeconds} s${options.outage ? `, the database cut at ${options.outage.atSeconds} s for ${options.outage.seconds} s` : ''}…`,
  );
  await Promise.all(Array.from({ length: options.connections }, (_, index) => worker(index)));
  const serverCpuAtEnd = cpuSeconds(server.pid);
  const benchCpu = process.cpuUsage(benchCpuAtStart);
  const cpu = {
    serverSeconds:
      serverCpuAtStart === undefined || serverCpuAtEnd === undefined ? null : Math.round((serverCpuAtEnd - serverCpuAtStart) * 10) / 10,
    benchSeconds: Math.round((benchCpu.user + benchCpu.system) / 1e5) / 10,
    loadAverage1m: { start: loadAtStart, end: os.loadavg()[0]! },
  };
  for (const timer of timers) clearTimeout(timer);
  await probe;
  if (proxy?.isCut) proxy.restore();
  client.close();
  return { records, writes, errorSamples, rss, health, endedAt, stoppedBy: stoppedBy!, outage, serverExit, cpu };
}

const PHASES: readonly Phase[] = ['before', 'outage', 'recovery', 'after'];

function analyse(run: RunResult) {
  const seconds = run.endedAt / 1000;
  const operations = summariseOperations(run.records, seconds);
  const failed = run.records.filter((record) => record.error !== undefined).length;
  const mbs = run.rss.map((sample) => sample.mb);
  const window: OutageWindow | undefined = run.outage && {
    cutAt: run.outage.cutAt,
    restoredAt: Number.isNaN(run.outage.restoredAt) ? run.endedAt : run.outage.restoredAt,
    endedAt: run.endedAt,
  };
  const recovered = window && recovery(run.records, window);
  const steadyAt = recovered?.steadyMs === null || recovered?.steadyMs === undefined ? null : window!.restoredAt + recovered.steadyMs;
  const byPhase =
    window &&
    Object.fromEntries(
      PHASES.map((phase) => {
        const records = run.records.filter((record) => phaseOf(record, window, steadyAt) === phase);
        const failures = records.filter((record) => record.error !== undefined);
        // How long a failure took to come: fast, or a hang until the request timeout.
        const failedMs = failures.length ? summarise(failures.map((record) => record.end - record.start)) : null;
        return [phase, { requests: records.length, failed: failures.length, failedMs, errors: countErrors(records) }];
      }),
    );
  const healthBy = (from: number, to: number) => {
    const statuses: Record<string, number> = {};
    for (const probe of run.health)
      if (probe.t * 1000 >= from && probe.t * 1000 < to)
        statuses[String(probe.status ?? 'no answer')] = (statuses[String(probe.status ?? 'no answer')] ?? 0) + 1;
    return statuses;
  };
  return {
    seconds: Math.round(seconds * 10) / 10,
    requests: run.records.length,
    failed,
    perSecond: Math.round(run.records.length / seconds),
    okPerSecond: Math.round((run.records.length - failed) / seconds),
    operations,
    errors: countErrors(run.records),
    rss: { minMb: Math.min(...mbs), peakMb: Math.max(...mbs), endMb: mbs[mbs.length - 1] ?? null, samples: mbs.length },
    timeline: buckets(run.records, 0, run.endedAt),
    outage: window && {
      cutAtS: Math.round(window.cutAt / 100) / 10,
      restoredAtS: Math.round(window.restoredAt / 100) / 10,
      ...recovered!,
      byPhase: byPhase!,
      health: {
        before: healthBy(0, window.cutAt),
        outage: healthBy(window.cutAt, window.restoredAt),
        after: healthBy(window.restoredAt, Number.POSITIVE_INFINITY),
      },
    },
    health: healthBy(0, Number.POSITIVE_INFINITY),
    cpu: run.cpu,
  };
}

const fixed = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits);

runCli(async () => {
  const options = readLoadOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(LOAD_USAGE);
    return;
  }
  const serverUrl = postgresServerUrl('npm run bench:load', DEFAULT_LOAD_DATABASE);
  if (options.outage && !new URL(serverUrl).hostname)
    throw new UsageError('--fault db-outage needs DATABASE_URL to name a TCP host (the proxy forwards TCP), not a socket directory');
  const startedAt = new Date().toISOString();
  const prepared = await prepareBenchDatabase(serverUrl, {
    name: options.database,
    comment: DATABASE_COMMENT,
    spec: LOAD_GRAPH,
    reuse: false,
  });
  const sql = new Client({ connectionString: prepared.url, application_name: BENCH_APPLICATION_NAME });
  await sql.connect();
  let proxy: TcpProxy | undefined;
  let server: ServerProcess | undefined;
  const logs = logTally();
  try {
    const [stats, environment] = await Promise.all([graphStats(sql), benchEnvironment(sql)]);
    console.error(`Graph: ${JSON.stringify(stats)} (loaded in ${prepared.loadSeconds.toFixed(1)} s)`);
    const target = new URL(prepared.url);
    if (options.outage) proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    server = await startServer(proxy ? urlThroughProxy(prepared.url, proxy) : prepared.url, { onLogLine: (line) => logs.add(line) });
    const run = await runLoad(server, options, proxy, await createBenchApiKey(prepared.url, 'bench:load', 'REVIEWER'));
    const serverAlive = server.exited() === undefined;
    const healthAtEnd = serverAlive ? ((await healthStatus(server.url)) ?? null) : null;
    await server.stop();

    // Straight from the database, not through the server or the proxy.
    const db = await openDatabase({ kind: 'postgres', url: prepared.url, poolSize: 2 });
    const lost = await findLostWrites(db, run.writes).finally(() => db.close());
    const figures = analyse(run);

    const checks = [
      { check: 'the server ran throughout (no crash, no exit)', met: serverAlive && run.serverExit === undefined },
      { check: 'every acknowledged write is in the database (0 lost writes)', met: lost.length === 0 },
      figures.outage
        ? {
            check: 'no failed request before the cut or after steady state',
            met: figures.outage.byPhase.before!.failed === 0 && figures.outage.byPhase.after!.failed === 0,
          }
        : { check: 'no failed request', met: figures.failed === 0 },
      ...(figures.outage
        ? [
            {
              check: `a successful request within ${RECOVERY_TARGET_MS / 1000} s of the restore`,
              met: figures.outage.firstSuccessMs !== null && figures.outage.firstSuccessMs <= RECOVERY_TARGET_MS,
            },
            {
              check: `steady state within ${RECOVERY_TARGET_MS / 1000} s of the restore`,
              met: figures.outage.steadyMs !== null && figures.outage.steadyMs <= RECOVERY_TARGET_MS,
            },
          ]
        : []),
    ];
    const report = {
      command: `npm run bench:load -- ${process.argv.slice(2).join(' ')}`.trim(),
      startedAt,
      environment,
      database: options.database,
      graph: { spec: LOAD_GRAPH, ...stats, loadSeconds: Math.round(prepared.loadSeconds * 10) / 10 },
      method: {
        connections: options.connections,
        durationSeconds: options.durationSeconds,
        outage: options.outage ?? null,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        server:
          'dist/src/index.js (as npm start runs it) in a process of its own, NODE_ENV=production, LOG_LEVEL=warn, default DATABASE_POOL_SIZE',
        latency: 'from sending the request to the last byte of the response, successful requests only',
        operations: OPERATIONS.map((operation) => ({
          name: operation.name,
          write: operation.write,
          weight: operation.weight,
          query: operation.query,
        })),
      },
      stoppedBy: run.stoppedBy,
      ...figures,
      errorSamples: run.errorSamples,
      writes: { acknowledged: run.writes.counts, lost: lost.length, lostWrites: lost.slice(0, 100) },
      server: {
        pid: server.pid,
        alive: serverAlive,
        exit: run.serverExit ?? null,
        healthAtEnd,
        stderrTail: server.stderrTail(),
        log: { counts: logs.counts, samples: logs.samples },
      },
      rssSeries: run.rss,
      checks,
    };
    const file = writeResult('load', report);

    console.log(
      `\nbench:load: ${options.connections} connections, ${figures.seconds} s, ${LOAD_GRAPH.claims.toLocaleString('en-US')} claims / ${LOAD_GRAPH.rebuttals.toLocaleString('en-US')} rebuttals` +
        `${options.outage ? `, database cut at ${figures.outage?.cutAtS} s for ${options.outage.seconds} s` : ''}`,
    );
    console.log(
      `${figures.requests.toLocaleString('en-US')} requests, ${figures.perSecond.toLocaleString('en-US')} req/s (${figures.okPerSecond.toLocaleString('en-US')} successful), ${figures.failed.toLocaleString('en-US')} failed (stopped by ${run.stoppedBy})\n`,
    );
    console.log(
      markdownTable(
        ['operation', 'requests', 'req/s', 'failed', 'p50 ms', 'p99 ms'],
        OPERATIONS.filter((operation) => figures.operations[operation.name]).map(({ name }) => {
          const summary = figures.operations[name]!;
          return [
            name,
            String(summary.requests),
            fixed(summary.perSecond),
            String(summary.failed),
            fixed(summary.ms?.p50, 2),
            fixed(summary.ms?.p99, 2),
          ];
        }),
      ),
    );
    if (figures.failed > 0) {
      console.log('\nErrors by code (HTTP status):');
      const phases = figures.outage?.byPhase;
      console.log(
        markdownTable(
          ['error', 'count', ...(phases ? PHASES : [])],
          Object.entries(figures.errors).map(([key, count]) => [
            key,
            String(count),
            ...(phases ? PHASES.map((phase) => String(phases[phase]!.errors[key] ?? 0)) : []),
          ]),
        ),
      );
      for (const [key, samples] of Object.entries(run.errorSamples))
        console.log(`  ${key}: ${samples.map((sample) => JSON.stringify(sample)).join('; ')}`);
    }
    const acknowledged = run.writes.counts;
    console.log(
      `\nAcknowledged writes: ${acknowledged.claims} claims, ${acknowledged.rebuttals} rebuttals, ${acknowledged.statusMoves} status moves (the last on each of ${acknowledged.statusClaims} claims checked); lost: ${lost.length}`,
    );
    for (const write of lost.slice(0, 10))
      console.log(`  lost ${write.kind} ${write.id}: expected ${write.expected}, found ${write.found ?? 'nothing'}`);
    console.log(
      `Server RSS: min ${figures.rss.minMb} MB, peak ${figures.rss.peakMb} MB, end ${figures.rss.endMb} MB (${figures.rss.samples} samples, one a second)`,
    );
    console.log(
      `CPU during the load: server ${figures.cpu.serverSeconds ?? '?'} s, load generator ${figures.cpu.benchSeconds} s (of ${(os.cpus().length * figures.seconds).toFixed(0)} core-seconds on ${os.cpus().length} cores); ` +
        `load average ${figures.cpu.loadAverage1m.start.toFixed(2)} at the start, ${figures.cpu.loadAverage1m.end.toFixed(2)} at the end`,
    );
    console.log(
      `Server log lines (LOG_LEVEL=warn): ${JSON.stringify(logs.counts)}; /health during the run: ${JSON.stringify(figures.health)}`,
    );
    if (figures.outage) {
      const o = figures.outage;
      console.log(
        `\nOutage: cut at ${o.cutAtS} s, restored at ${o.restoredAtS} s; first successful request ${o.firstSuccessMs === null ? 'never' : `${(o.firstSuccessMs / 1000).toFixed(2)} s`} after the restore, ` +
          `steady state ${o.steadyMs === null ? 'never' : `${(o.steadyMs / 1000).toFixed(0)} s`} after it (1-s windows with no failed request and at least ${STEADY_SHARE * 100}% of the ${o.baselinePerWindow ?? '?'} req/s before the cut)`,
      );
      console.log(
        `Requests by phase: ${PHASES.map((phase) => {
          const { requests, failed, failedMs } = o.byPhase[phase]!;
          return `${phase} ${requests} (${failed} failed${failedMs ? `, in ${failedMs.p50} ms p50, ${failedMs.p99} ms p99` : ''})`;
        }).join(', ')}`,
      );
      console.log(
        `/health: before ${JSON.stringify(o.health.before)}, during ${JSON.stringify(o.health.outage)}, after ${JSON.stringify(o.health.after)}`,
      );
    }
    if (run.serverExit) {
      console.log(
        `\nTHE SERVER EXITED at ${(run.serverExit.atMs / 1000).toFixed(1)} s (${run.serverExit.code === null ? `signal ${run.serverExit.signal}` : `code ${run.serverExit.code}`}). Its last stderr lines:`,
      );
      for (const line of server.stderrTail().slice(-15)) console.log(`  ${line}`);
    }
    console.log('');
    for (const { check, met } of checks) console.log(`${met ? 'met' : 'FAILED'}: ${check}`);
    console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
    const failedChecks = checks.filter((check) => !check.met);
    if (failedChecks.length > 0) throw new CommandFailure(`bench:load failed: ${failedChecks.map((check) => check.check).join('; ')}`);
  } finally {
    await server?.stop();
    await proxy?.close();
    await sql.end();
  }
});
