// npm run bench:api [-- --concurrency 1,8,32,64] [--seconds S] [--rounds N] [--postgraphile PATH] [--soak] ...
//
// The everyday reads under load: the claim page (a claim by id with its speaker, source, and its rebuttals with
// stance, counterclaim and the counterclaim's speaker) and the list page (`claims(first: 50)` with speaker name and
// source title), sent by autocannon to claimtrace (this build's dist/src/index.js as `npm start` runs it, production
// mode, a process of its own), to a hand-written ceiling (api-ceiling.ts: node:http + pg, one SQL statement building
// the same JSON) and, with --postgraphile, to PostGraphile 4 on the same database. Each cell (page x connections) runs
// rounds alternating between the servers, the first server of each round rotating, after an unmeasured warm-up of
// each. Every response is checked against the ceiling's answer to the same request (same data). Per cell and server:
// req/s (min/median/max of the rounds), p50/p99 (medians), server CPU ms per request (/proc/<pid>/stat of the server
// process), SQL statements per request (claimtrace's claimtrace_sql_statements_total; the ceiling sends one by
// construction) and the ratio of the median req/s to the ceiling's. --soak instead runs claimtrace alone under both
// pages for --soak-seconds at the highest concurrency and samples its RSS every second, before, during and after.
// Needs DATABASE_URL (a PostgreSQL server) and reads bench:trace's database (claimtrace_bench, created and filled as
// bench:trace does when missing). Prints a table and writes bench/results/api-<timestamp>.json; exits 1 when a
// response was wrong or failed.
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { CommandFailure, HelpRequested, runCli } from '../src/cli/run-cli';
import { loadConfig } from '../src/config';
import {
  benchEnvironment,
  httpClient,
  markdownTable,
  postgresServerUrl,
  prepareBenchDatabase,
  startServer,
  writeResult,
} from './bench-kit';
import { API_USAGE, TINY_DATABASE_COMMENT, TINY_GRAPH, readApiOptions, type ApiOptions } from './api-options';
import { PAGES, type Page } from './api-pages';
import { startCeiling, startPostGraphile } from './api-servers';
import { cpuSeconds, residentMb } from './load-metrics';
import { BENCH_DATABASE_COMMENT, GRAPH, graphStats } from './trace-graph';

/** Distinct claims the claim page cycles through (each answer checked against the ceiling's for the same claim). */
const CLAIM_PAGE_VARIETY = 200;
const REQUEST_TIMEOUT_S = 10;
/** Wrong answers kept, to show what went wrong. */
const KEPT_MISMATCHES = 3;

type ServerName = 'claimtrace' | 'ceiling' | 'postgraphile';

interface Target {
  name: ServerName;
  url: string;
  pid: number;
  /** The query text this server is sent for a page. */
  query(page: Page): string;
  /** SQL statements sent so far, when the server tells. */
  statements(): Promise<number | undefined>;
}

/** The requests a page is sent as, and the answer each must get (the ceiling's data, as compact JSON). */
interface PageLoad {
  page: Page;
  variables: Record<string, string>[];
  expected: string[];
}

interface Round {
  requests: number;
  seconds: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number | null;
  statementsPerRequest: number | null;
}

interface Tally {
  checked: number;
  wrong: number;
  failed: number;
  samples: string[];
}

const canonical = (body: string): string => {
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    return body;
  }
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round2 = (value: number) => Math.round(value * 100) / 100;

/** claimtrace's SQL statements so far, from its /metrics. */
async function scrapeStatements(url: string): Promise<number | undefined> {
  const client = httpClient(url, 1);
  try {
    const { body } = await client.get('metrics');
    const match = /^claimtrace_sql_statements_total (\S+)$/m.exec(body.toString('utf8'));
    return match ? Number(match[1]) : undefined;
  } finally {
    client.close();
  }
}

/** The request bodies of a page on a server, in the order of `load.variables`. */
const bodiesFor = (target: Target, load: PageLoad) =>
  load.variables.map((variables) => JSON.stringify({ operationName: load.page.operationName, query: target.query(load.page), variables }));

/** One load of `seconds` on one server, cycling through `loads` (each client its own way through them), every answer checked. */
async function runLoad(target: Target, loads: readonly PageLoad[], connections: number, seconds: number, tally: Tally): Promise<Round> {
  const requests = loads.map((load) => {
    const bodies = bodiesFor(target, load);
    let next = 0;
    return {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      setupRequest(request: { body?: string }, context: Record<string, unknown>) {
        const index = next++ % bodies.length;
        context[load.page.name] = index;
        return { ...request, body: bodies[index] };
      },
      onResponse(status: number, body: string, context: Record<string, unknown>) {
        tally.checked += 1;
        const expected = load.expected[context[load.page.name] as number]!;
        if (status === 200 && (body === expected || canonical(body) === expected)) return;
        if (status === 200) tally.wrong += 1;
        else tally.failed += 1;
        if (tally.samples.length < KEPT_MISMATCHES)
          tally.samples.push(`${target.name} ${load.page.name} HTTP ${status}: ${body.slice(0, 400)} (expected ${expected.slice(0, 400)})`);
      },
    };
  });
  const cpuBefore = cpuSeconds(target.pid);
  const statementsBefore = await target.statements();
  const result = await autocannon({ url: target.url, connections, duration: seconds, requests, timeout: REQUEST_TIMEOUT_S });
  const cpuAfter = cpuSeconds(target.pid);
  const statementsAfter = await target.statements();
  tally.failed += result.errors + result.timeouts;
  const total = result.requests.total;
  return {
    requests: total,
    seconds: result.duration,
    reqPerSec: Math.round(total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined && total > 0 ? round2(((cpuAfter - cpuBefore) * 1000) / total) : null,
    statementsPerRequest:
      statementsBefore !== undefined && statementsAfter !== undefined && total > 0
        ? round2((statementsAfter - statementsBefore) / total)
        : null,
  };
}

interface Cell {
  page: Page['name'];
  connections: number;
  server: ServerName;
  rounds: Round[];
  reqPerSec: { min: number; median: number; max: number };
  p50: number;
  p99: number;
  cpuMsPerRequest: number | null;
  statementsPerRequest: number | null;
  /** Median req/s over the ceiling's median req/s in the same cell. */
  ratioToCeiling: number;
}

function summariseCell(page: Page, connections: number, server: ServerName, rounds: Round[]): Omit<Cell, 'ratioToCeiling'> {
  const requests = rounds.reduce((sum, round) => sum + round.requests, 0);
  // Per request over all the rounds together: a short round weighs no more than its requests.
  const perRequest = (read: (round: Round) => number | null) =>
    rounds.every((round) => read(round) !== null) && requests > 0
      ? round2(rounds.reduce((sum, round) => sum + read(round)! * round.requests, 0) / requests)
      : null;
  const rates = rounds.map((round) => round.reqPerSec);
  return {
    page: page.name,
    connections,
    server,
    rounds,
    reqPerSec: { min: Math.min(...rates), median: median(rates), max: Math.max(...rates) },
    p50: median(rounds.map((round) => round.p50)),
    p99: median(rounds.map((round) => round.p99)),
    cpuMsPerRequest: perRequest((round) => round.cpuMsPerRequest),
    statementsPerRequest: server === 'ceiling' ? 1 : perRequest((round) => round.statementsPerRequest),
  };
}

async function measureCells(targets: Target[], loads: PageLoad[], options: ApiOptions, tally: Tally): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const load of loads) {
    for (const connections of options.concurrency) {
      console.error(
        `${load.page.name} at ${connections} connections: ${options.warmupSeconds} s warm-up each, then ${options.rounds} rounds of ${options.roundSeconds} s…`,
      );
      if (options.warmupSeconds > 0) for (const target of targets) await runLoad(target, [load], connections, options.warmupSeconds, tally);
      const rounds = new Map<ServerName, Round[]>(targets.map((target) => [target.name, []]));
      for (let index = 0; index < options.rounds; index += 1) {
        // Alternating, and the first of a round rotating, so that no server always follows the same one.
        for (let turn = 0; turn < targets.length; turn += 1) {
          const target = targets[(index + turn) % targets.length]!;
          rounds.get(target.name)!.push(await runLoad(target, [load], connections, options.roundSeconds, tally));
        }
      }
      const summaries = targets.map((target) => summariseCell(load.page, connections, target.name, rounds.get(target.name)!));
      const ceiling = summaries.find((summary) => summary.server === 'ceiling')!.reqPerSec.median;
      for (const summary of summaries) cells.push({ ...summary, ratioToCeiling: round2(summary.reqPerSec.median / ceiling) });
    }
  }
  return cells;
}

interface Soak {
  connections: number;
  seconds: number;
  requests: number;
  reqPerSec: number;
  idleMb: number | null;
  peakMb: number | null;
  /** RSS once the load has stopped and the server has sat idle for settleSeconds. */
  afterMb: number | null;
  settleSeconds: number;
  samples: { t: number; mb: number }[];
}

/** claimtrace alone under both pages, its RSS sampled every second, then left idle for a quarter of the soak. */
async function soak(target: Target, loads: PageLoad[], connections: number, seconds: number, tally: Tally): Promise<Soak> {
  const started = Date.now();
  const samples: { t: number; mb: number }[] = [];
  const sample = () => {
    const mb = residentMb(target.pid);
    if (mb !== undefined) samples.push({ t: Math.round((Date.now() - started) / 100) / 10, mb });
    return mb;
  };
  const idleMb = sample() ?? null;
  const sampler = setInterval(sample, 1_000);
  try {
    console.error(`Soak: claimtrace under both pages at ${connections} connections for ${seconds} s (RSS idle ${idleMb} MB)…`);
    const round = await runLoad(target, loads, connections, seconds, tally);
    const loadedUntil = samples.length;
    const settleSeconds = Math.max(2, Math.round(seconds / 4));
    await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1_000));
    const during = samples.slice(0, loadedUntil).map((entry) => entry.mb);
    return {
      connections,
      seconds,
      requests: round.requests,
      reqPerSec: round.reqPerSec,
      idleMb,
      peakMb: during.length ? Math.max(...during) : null,
      afterMb: sample() ?? null,
      settleSeconds,
      samples,
    };
  } finally {
    clearInterval(sampler);
  }
}

function cellTable(cells: readonly Cell[]): string {
  const header = ['page', 'conn', 'server', 'req/s min', 'median', 'max', 'p50 ms', 'p99 ms', 'CPU ms/req', 'SQL/req', 'x ceiling'];
  const rows = cells.map((cell) => [
    cell.page,
    String(cell.connections),
    cell.server,
    String(cell.reqPerSec.min),
    String(cell.reqPerSec.median),
    String(cell.reqPerSec.max),
    String(cell.p50),
    String(cell.p99),
    cell.cpuMsPerRequest === null ? '-' : cell.cpuMsPerRequest.toFixed(2),
    cell.statementsPerRequest === null ? '-' : String(cell.statementsPerRequest),
    `${cell.ratioToCeiling.toFixed(2)}x`,
  ]);
  return markdownTable(header, rows);
}

runCli(async () => {
  const options = readApiOptions(process.argv.slice(2));
  if (options === 'help') throw new HelpRequested(API_USAGE);
  const serverUrl = postgresServerUrl('npm run bench:api', options.database);
  const spec = options.graph === 'tiny' ? TINY_GRAPH : GRAPH;
  const runStarted = Date.now();
  const prepared = await prepareBenchDatabase(serverUrl, {
    name: options.database,
    comment: options.graph === 'tiny' ? TINY_DATABASE_COMMENT : BENCH_DATABASE_COMMENT,
    spec,
    reuse: true,
  });
  const sql = new Client({ connectionString: prepared.url });
  await sql.connect();
  const { database } = loadConfig();
  // The ceiling gets as many connections as claimtrace's pool (DATABASE_POOL_SIZE).
  const poolSize = database.kind === 'postgres' ? database.poolSize : 1;
  const ceiling = await startCeiling(prepared.url, poolSize);
  const stopping: (() => Promise<void>)[] = [() => ceiling.stop()];
  try {
    const claimtrace = await startServer(prepared.url);
    stopping.push(() => claimtrace.stop());
    const targets: Target[] = [
      {
        name: 'claimtrace',
        url: claimtrace.url,
        pid: claimtrace.pid,
        query: (page) => page.claimtrace,
        statements: () => scrapeStatements(claimtrace.url),
      },
      { name: 'ceiling', url: ceiling.url, pid: ceiling.pid, query: (page) => page.claimtrace, statements: async () => undefined },
    ];
    if (options.postgraphile !== undefined) {
      const postgraphile = await startPostGraphile(options.postgraphile, prepared.url);
      stopping.push(() => postgraphile.stop());
      targets.push({
        name: 'postgraphile',
        url: postgraphile.url,
        pid: postgraphile.pid,
        query: (page) => page.postgraphile,
        statements: async () => undefined,
      });
    }

    // The answers every server must give: the ceiling's, one request at a time; each server is checked once before the load.
    const loads: PageLoad[] = [];
    for (const page of PAGES) {
      const variables = page.variables(spec, CLAIM_PAGE_VARIETY);
      const ceilingTarget = targets.find((target) => target.name === 'ceiling')!;
      const client = httpClient(ceiling.url, 1);
      const expected = await Promise.all(
        bodiesFor(ceilingTarget, { page, variables, expected: [] }).map(async (body) =>
          canonical((await client.postJson('graphql', body)).body.toString('utf8')),
        ),
      );
      client.close();
      const load = { page, variables, expected };
      const nothing = expected.find((answer) => !answer.startsWith('{"data":{') || answer.includes(':null}}'));
      if (nothing) throw new CommandFailure(`The ceiling found no data for ${page.name}: ${nothing}`);
      loads.push(load);
    }
    const tally: Tally = { checked: 0, wrong: 0, failed: 0, samples: [] };
    for (const target of targets) await runLoad(target, loads, 1, 1, tally);
    if (tally.wrong + tally.failed > 0)
      throw new CommandFailure(`A server's answers differ from the ceiling's before the load:\n${tally.samples.join('\n')}`);

    const [stats, environment] = await Promise.all([graphStats(sql), benchEnvironment(sql)]);
    const connections = Math.max(...options.concurrency);
    const cells = options.soakSeconds === undefined ? await measureCells(targets, loads, options, tally) : [];
    const soaked = options.soakSeconds === undefined ? undefined : await soak(targets[0]!, loads, connections, options.soakSeconds, tally);
    const report = {
      command: `npm run bench:api -- ${process.argv.slice(2).join(' ')}`.trim(),
      startedAt: new Date(runStarted).toISOString(),
      environment,
      database: options.database,
      graph: { spec, ...stats },
      method: {
        pages: PAGES.map((page) => ({
          name: page.name,
          claimtrace: page.claimtrace,
          postgraphile: page.postgraphile,
          ceilingSql: page.ceilingSql,
        })),
        options,
        poolSize,
        claimtrace:
          'dist/src/index.js (as npm start runs it) in a process of its own, NODE_ENV=production, LOG_LEVEL=warn, anonymous requests',
        ceiling: 'bench/api-ceiling.ts: node:http + a pg pool of the same size, one statement per request, its JSON text passed through',
        load: `autocannon, keep-alive connections, rounds alternating between the servers; the claim page cycles through ${CLAIM_PAGE_VARIETY} claims`,
        check: "every response's data against the ceiling's answer to the same request",
      },
      cells,
      soak: soaked,
      checks: { checked: tally.checked, wrong: tally.wrong, failed: tally.failed, samples: tally.samples },
      rssMb: Object.fromEntries(targets.map((target) => [target.name, residentMb(target.pid) ?? null])),
      seconds: Math.round((Date.now() - runStarted) / 1000),
    };
    const file = writeResult('api', report);
    if (cells.length) console.log(`\n${cellTable(cells)}`);
    if (soaked)
      console.log(
        `\nSoak, claimtrace at ${soaked.connections} connections for ${soaked.seconds} s (${soaked.reqPerSec} req/s): RSS idle ${soaked.idleMb} MB, peak ${soaked.peakMb} MB, ${soaked.settleSeconds} s after ${soaked.afterMb} MB`,
      );
    console.log(
      `\nServer RSS at the end: ${Object.entries(report.rssMb)
        .map(([name, mb]) => `${name} ${mb} MB`)
        .join(', ')}`,
    );
    console.log(`Responses checked: ${tally.checked}, wrong ${tally.wrong}, failed ${tally.failed}`);
    console.log(`Wrote ${path.relative(process.cwd(), file)} in ${report.seconds}s`);
    if (tally.wrong + tally.failed > 0) throw new CommandFailure(`Some responses were wrong or failed:\n${tally.samples.join('\n')}`);
  } finally {
    for (const stop of stopping.reverse()) await stop();
    await sql.end();
  }
});
