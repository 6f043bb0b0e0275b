// npm run bench:trace [-- --reload] [--database NAME] [--iterations N]
//
// Latency of `trace` on a generated graph of a million claims: through the real server (HTTP POST to GraphQL; the
// server as `npm start` runs it, in production mode and a process of its own, as deployed) next to the same SQL
// statements run bare through pg, for roots of small, medium and large neighbourhoods and a hub, at depths 2 to 8.
// Each cell first runs its own requests for 8 s (the server settles into that workload), then is sampled up to N
// times (200 by default) or for 20 s, GraphQL and SQL interleaved; a GraphQL sample runs to the last byte of the
// response. The floors under any trace are timed in the same rhythm: HTTP alone (the server's 404) and HTTP with
// Apollo's pipeline but no resolver or database (`{ __typename }`), anonymous and with an API key. Every trace is
// sent with the key (authentication on, as a client with a key sends it); the two `{ __typename }` floors give what
// the key costs a request.
// Needs DATABASE_URL (a PostgreSQL server); works in its own database on that server (claimtrace_bench by default),
// which it creates, migrates and fills once, and reuses on later runs. Prints a table and writes
// bench/results/trace-<timestamp>.json.
import path from 'node:path';
import { Client } from 'pg';
import { runCli } from '../src/cli/run-cli';
import { speakersByIdQuery } from '../src/modules/speakers/speaker.loaders';
import { MAX_TRACE_MAX_NODES, cutTrace, maxTraceEdges, traceOptions, type TraceOptions } from '../src/modules/tracing/trace.options';
import { traceEdgesQuery, traceNodesQuery } from '../src/modules/tracing/trace.sql';
import { readCommandLine } from '../src/cli/command-line';
import {
  benchEnvironment,
  createBenchApiKey,
  databaseNameOption,
  httpClient,
  integerOption,
  markdownTable,
  postgresServerUrl,
  prepareBenchDatabase,
  startServer,
  summarise,
  writeResult,
  type Summary,
} from './bench-kit';
import { BENCH_DATABASE, BENCH_DATABASE_COMMENT, GRAPH, claimIdOf, graphStats } from './trace-graph';

const DEPTHS = [2, 4, 6, 8];
const SIZE_DEPTH = 6;
/**
 * A running server has optimised its code long before: the whole run starts with SERVER_WARMUP_MS of every root at
 * every depth (unmeasured), so that V8 has seen every shape of trace. Then each cell (and each floor) runs rounds of
 * its own for CELL_WARMUP_MS (at least MIN_WARMUP_ROUNDS) before it is sampled, because the server takes seconds to
 * settle after a change of workload: right after a stretch of 5,000-claim traces, a 10-claim trace costs its main
 * thread 1.0 ms of CPU instead of 0.6 ms, and its background threads 0.3 ms more, easing off over some 10 s. Sampled
 * in that wake, a cell would time the one before it (see docs/benchmarks.md).
 */
const SERVER_WARMUP_MS = 10_000;
const CELL_WARMUP_MS = 8_000;
const MIN_WARMUP_ROUNDS = 3;
/** A cell stops early once it has taken this long (with at least MIN_SAMPLES), to bound the whole run. */
const CELL_BUDGET_MS = 20_000;
const MIN_SAMPLES = 10;
const TARGET_RATIO = 1.5;
const TARGET_NODES = 500;
const TARGET_P50_MS = 50;
const TARGET_KEY_COST_MS = 0.1;
/** `{ __typename }` sent this many times with the key and as many without, alternately (after as many unmeasured). */
const KEY_COST_PAIRS = 2_000;

const GRAPHQL_QUERY = `query Trace($claimId: ID!, $depth: Int!, $maxNodes: Int!) {
  trace(claimId: $claimId, depth: $depth, maxNodes: $maxNodes) {
    truncated
    nodes { depth claim { id text statedAt speaker { name } } }
    edges { id stance claim { id } counterclaim { id } }
  }
}`;

const TYPENAME_QUERY = '{ __typename }';

type RootKind = 'small' | 'medium' | 'large' | 'hub';

interface Root {
  kind: RootKind;
  claimNumber: number;
  claimId: string;
  /** Claims within SIZE_DEPTH steps (capped at MAX_TRACE_MAX_NODES). */
  size: number;
}

interface Cell {
  root: RootKind;
  claimId: string;
  depth: number;
  nodes: number;
  edges: number;
  truncated: boolean;
  graphqlMs: Summary;
  sqlMs: Summary;
  /** GraphQL p50 over bare SQL p50. */
  ratioP50: number;
  ratioP95: number;
}

interface TraceShape {
  nodes: number;
  edges: number;
  truncated: boolean;
}

/**
 * The statements the server sends for GRAPHQL_QUERY, run bare: the walk and the edges among the claims kept, exactly
 * as TraceService sends them, then the nodes' speakers (the speakers DataLoader's one statement).
 */
async function bareTrace(client: Client, options: TraceOptions): Promise<TraceShape> {
  const walk = traceNodesQuery(options);
  const { rows } = await client.query<{ id: string; depth: number; speakerId: string }>(walk.text, walk.values);
  const { nodes, truncated } = cutTrace(rows, options);
  const speakers = speakersByIdQuery([...new Set(nodes.map((node) => node.speakerId))]);
  await client.query(speakers.text, speakers.values);
  if (nodes.length <= 1) return { nodes: nodes.length, edges: 0, truncated };
  const edges = traceEdgesQuery(
    nodes.map((node) => node.id),
    options.stances,
    maxTraceEdges(options.maxNodes),
  );
  return { nodes: nodes.length, edges: (await client.query(edges.text, edges.values)).rowCount ?? 0, truncated };
}

function graphqlClient(url: string, apiKey: string) {
  const http = httpClient(url, 1, { authorization: `Bearer ${apiKey}` });
  const anonymous = httpClient(url, 1);
  const postJson = (body: string) => http.postJson('graphql', body);
  return {
    /** One trace. The response is decoded and checked after the clock stops (a 2 MB JSON.parse is the client's work). */
    async trace(claimId: string, depth: number): Promise<{ ms: number; shape: TraceShape }> {
      const body = JSON.stringify({ query: GRAPHQL_QUERY, variables: { claimId, depth, maxNodes: MAX_TRACE_MAX_NODES } });
      const { body: answer, ms } = await postJson(body);
      const result = JSON.parse(answer.toString('utf8')) as {
        data?: { trace: { nodes: unknown[]; edges: unknown[]; truncated: boolean } };
        errors?: unknown[];
      };
      if (!result.data || result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return {
        ms,
        shape: { nodes: result.data.trace.nodes.length, edges: result.data.trace.edges.length, truncated: result.data.trace.truncated },
      };
    },
    /** The server's cheapest answer, a 404 for an unknown path: HTTP alone, without GraphQL or the database. */
    async httpOnly(): Promise<number> {
      const { status, ms } = await http.get('no-such-path');
      if (status !== 404) throw new Error(`Expected 404 from ${url}no-such-path, got ${status}`);
      return ms;
    },
    /** The cheapest operation: HTTP and Apollo's whole pipeline, without a resolver or the database; with the key or without. */
    async typenameOnly(withKey: boolean): Promise<number> {
      const { status, body, ms } = await (withKey ? http : anonymous).postJson('graphql', JSON.stringify({ query: TYPENAME_QUERY }));
      const text = body.toString('utf8');
      if (status !== 200 || (JSON.parse(text) as { data?: { __typename?: string } }).data?.__typename !== 'Query')
        throw new Error(`Unexpected answer to ${TYPENAME_QUERY}: ${status} ${text}`);
      return ms;
    },
    close: () => {
      http.close();
      anonymous.close();
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

/** Deterministic candidate roots: hubs by rank, and a spread of targets drawn by a fixed linear congruential sequence. */
function candidateNumbers(): number[] {
  const numbers = new Set([1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 150_000, 199_000]);
  let state = 12345;
  while (numbers.size < 120) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    numbers.add(1 + (state % GRAPH.targets));
  }
  return [...numbers];
}

/** Measures the neighbourhood of each candidate at SIZE_DEPTH and picks the roots of each size. */
async function pickRoots(client: Client): Promise<Root[]> {
  const sized: Root[] = [];
  for (const claimNumber of candidateNumbers()) {
    const claimId = claimIdOf(claimNumber);
    const walk = traceNodesQuery(traceOptions({ claimId, depth: SIZE_DEPTH, maxNodes: MAX_TRACE_MAX_NODES }));
    const { rows } = await client.query<{ depth: number }>(walk.text, walk.values);
    sized.push({
      kind: 'small',
      claimNumber,
      claimId,
      size: cutTrace(rows, { depth: SIZE_DEPTH, maxNodes: MAX_TRACE_MAX_NODES }).nodes.length,
    });
  }
  const closest = (target: number, pool: Root[]) =>
    pool.reduce((best, root) => (Math.abs(Math.log(root.size / target)) < Math.abs(Math.log(best.size / target)) ? root : best));
  const spread = sized.filter((root) => root.size > 1);
  const small = closest(30, spread);
  const medium = closest(TARGET_NODES, spread);
  // Large: the least hub-like root that still fills the cap by SIZE_DEPTH, so the table shows the trace growing with depth.
  const largest = Math.max(...sized.map((root) => root.size));
  const large = sized.filter((root) => root.size === largest).reduce((best, root) => (root.claimNumber > best.claimNumber ? root : best));
  const hub = sized.find((root) => root.claimNumber === 1)!;
  return [
    { ...small, kind: 'small' },
    { ...medium, kind: 'medium' },
    { ...large, kind: 'large' },
    { ...hub, kind: 'hub' },
  ];
}

/**
 * What an API key costs a request: the cheapest operation sent alternately with the key and without, so that both
 * meet the same machine; a difference of a few microseconds needs thousands of samples to stand out of the noise.
 */
async function measureKeyCost(graphql: ReturnType<typeof graphqlClient>): Promise<{ anonymous: Summary; withKey: Summary }> {
  const anonymous: number[] = [];
  const withKey: number[] = [];
  for (let round = 0; round < 2 * KEY_COST_PAIRS; round += 1) {
    const [first, second] = round % 2 === 0 ? [false, true] : [true, false];
    const a = await graphql.typenameOnly(first);
    const b = await graphql.typenameOnly(second);
    if (round < KEY_COST_PAIRS) continue;
    (first ? withKey : anonymous).push(a);
    (second ? withKey : anonymous).push(b);
  }
  return { anonymous: summarise(anonymous), withKey: summarise(withKey) };
}

/** Unmeasured rounds for CELL_WARMUP_MS, and at least MIN_WARMUP_ROUNDS. */
async function warmUp(round: () => Promise<void>): Promise<void> {
  const started = Date.now();
  for (let i = 0; i < MIN_WARMUP_ROUNDS || Date.now() - started < CELL_WARMUP_MS; i += 1) await round();
}

/**
 * What a request costs before any trace in the benchmark's rhythm: `request` (a 404, `{ __typename }`) interleaved with
 * the smallest trace's bare statements as the cells interleave GraphQL and SQL (so the server has sat idle as long
 * before each).
 */
async function measureFloor(root: Root, iterations: number, request: () => Promise<number>, sql: Client): Promise<Summary> {
  const options = traceOptions({ claimId: root.claimId, depth: DEPTHS[0]!, maxNodes: MAX_TRACE_MAX_NODES });
  await warmUp(async () => {
    await request();
    await bareTrace(sql, options);
  });
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    samples.push(await request());
    await bareTrace(sql, options);
  }
  return summarise(samples);
}

async function measureCell(
  root: Root,
  depth: number,
  iterations: number,
  graphql: ReturnType<typeof graphqlClient>,
  sql: Client,
): Promise<Cell> {
  const options = traceOptions({ claimId: root.claimId, depth, maxNodes: MAX_TRACE_MAX_NODES });
  const expected = await bareTrace(sql, options);
  // Every GraphQL response, timed or not, must match the bare trace.
  const sampleGraphql = async () => {
    const { ms, shape } = await graphql.trace(root.claimId, depth);
    if (JSON.stringify(shape) !== JSON.stringify(expected)) {
      throw new Error(
        `GraphQL and SQL disagree for ${root.kind} at depth ${depth}: ${JSON.stringify(shape)} vs ${JSON.stringify(expected)}`,
      );
    }
    return ms;
  };
  await warmUp(async () => {
    await sampleGraphql();
    await bareTrace(sql, options);
  });
  const graphqlSamples: number[] = [];
  const sqlSamples: number[] = [];
  const started = Date.now();
  // Interleaved, so that both see the same cache and load.
  for (let i = 0; i < iterations; i += 1) {
    graphqlSamples.push(await sampleGraphql());
    sqlSamples.push((await timed(() => bareTrace(sql, options))).ms);
    if (i + 1 >= MIN_SAMPLES && Date.now() - started > CELL_BUDGET_MS) break;
  }
  const graphqlMs = summarise(graphqlSamples);
  const sqlMs = summarise(sqlSamples);
  return {
    root: root.kind,
    claimId: root.claimId,
    depth,
    ...expected,
    graphqlMs,
    sqlMs,
    ratioP50: Math.round((graphqlMs.p50 / sqlMs.p50) * 100) / 100,
    ratioP95: Math.round((graphqlMs.p95 / sqlMs.p95) * 100) / 100,
  };
}

function table(cells: Cell[], roots: Root[]): string {
  const header = [
    'root',
    `size@${SIZE_DEPTH}`,
    'depth',
    'nodes',
    'edges',
    'cut',
    'samples',
    'GraphQL p50',
    'p95',
    'SQL p50',
    'p95',
    'ratio p50',
    'p95',
  ];
  const rows = cells.map((cell) => [
    cell.root,
    String(roots.find((root) => root.kind === cell.root)!.size),
    String(cell.depth),
    String(cell.nodes),
    String(cell.edges),
    cell.truncated ? 'yes' : 'no',
    String(cell.graphqlMs.samples),
    cell.graphqlMs.p50.toFixed(2),
    cell.graphqlMs.p95.toFixed(2),
    cell.sqlMs.p50.toFixed(2),
    cell.sqlMs.p95.toFixed(2),
    `${cell.ratioP50.toFixed(2)}x`,
    `${cell.ratioP95.toFixed(2)}x`,
  ]);
  return markdownTable(header, rows);
}

const USAGE = 'Usage: npm run bench:trace [-- --reload] [--database NAME] [--iterations N]';

runCli(async () => {
  const { values } = readCommandLine(USAGE, {
    reload: { type: 'boolean', default: false },
    database: { type: 'string', default: BENCH_DATABASE },
    iterations: { type: 'string', default: '200' },
  });
  const serverUrl = postgresServerUrl('npm run bench:trace', BENCH_DATABASE);
  const database = databaseNameOption(values.database);
  const iterations = integerOption('iterations', values.iterations, MIN_SAMPLES, 500);

  const runStarted = Date.now();
  const prepared = await prepareBenchDatabase(serverUrl, { name: database, comment: BENCH_DATABASE_COMMENT, reuse: !values.reload });
  if (!prepared.loadedNow)
    console.error(`Database "${database}" already holds the generated graph: not reloading (pass --reload to force).`);
  const sql = new Client({ connectionString: prepared.url });
  await sql.connect();
  const server = await startServer(prepared.url);
  const graphql = graphqlClient(server.url, await createBenchApiKey(prepared.url, 'bench:trace'));
  try {
    const [stats, environment] = await Promise.all([graphStats(sql), benchEnvironment(sql)]);
    console.error(`Graph: ${JSON.stringify(stats)}`);
    console.error(`Measuring neighbourhoods of ${candidateNumbers().length} candidate roots at depth ${SIZE_DEPTH}…`);
    const roots = await pickRoots(sql);
    console.error(`Roots: ${roots.map((root) => `${root.kind} #${root.claimNumber} (${root.size} claims)`).join(', ')}`);

    console.error(`Warming the server up for ${SERVER_WARMUP_MS / 1000} s…`);
    const warmupStarted = Date.now();
    while (Date.now() - warmupStarted < SERVER_WARMUP_MS) {
      for (const root of roots) for (const depth of DEPTHS) await graphql.trace(root.claimId, depth);
    }

    const cells: Cell[] = [];
    for (const root of roots) {
      for (const depth of DEPTHS) {
        const cell = await measureCell(root, depth, iterations, graphql, sql);
        cells.push(cell);
        console.error(
          `  ${root.kind} depth ${depth}: ${cell.nodes} nodes, GraphQL p50 ${cell.graphqlMs.p50} ms, SQL p50 ${cell.sqlMs.p50} ms (${cell.ratioP50}x)`,
        );
      }
    }

    const smallest = roots.reduce((best, root) => (root.size < best.size ? root : best));
    const floors = {
      http: {
        what: `the server's 404 for an unknown path (HTTP alone: no GraphQL, no database), interleaved with the ${smallest.kind} root's bare statements at depth ${DEPTHS[0]}`,
        ms: await measureFloor(smallest, iterations, () => graphql.httpOnly(), sql),
      },
      graphql: {
        what: `${TYPENAME_QUERY} (HTTP and Apollo's pipeline, no resolver, no database), anonymous, interleaved in the same way`,
        ms: await measureFloor(smallest, iterations, () => graphql.typenameOnly(false), sql),
      },
    };
    const keyCost = await measureKeyCost(graphql);
    const keyCostMs = Math.round((keyCost.withKey.p50 - keyCost.anonymous.p50) * 1000) / 1000;
    console.error(`  HTTP alone (the server's 404): p50 ${floors.http.ms.p50} ms; ${TYPENAME_QUERY}: p50 ${floors.graphql.ms.p50} ms`);
    console.error(
      `  ${TYPENAME_QUERY} in ${KEY_COST_PAIRS} alternating pairs: anonymous p50 ${keyCost.anonymous.p50} ms, with a key p50 ${keyCost.withKey.p50} ms`,
    );

    const depth6 = cells
      .filter((cell) => cell.depth === 6)
      .reduce((best, cell) => (Math.abs(cell.nodes - TARGET_NODES) < Math.abs(best.nodes - TARGET_NODES) ? cell : best));
    const targets = {
      ratio: {
        target: `GraphQL p50 within ${TARGET_RATIO}x of bare SQL p50`,
        worst: Math.max(...cells.map((cell) => cell.ratioP50)),
        met: cells.every((cell) => cell.ratioP50 <= TARGET_RATIO),
      },
      keyCost: {
        target: `a request with an API key costs at most ${TARGET_KEY_COST_MS} ms more than an anonymous one (${TYPENAME_QUERY} p50, alternating pairs)`,
        ms: keyCostMs,
        anonymous: keyCost.anonymous,
        withKey: keyCost.withKey,
        met: keyCostMs <= TARGET_KEY_COST_MS,
      },
      depth6: {
        target: `a depth-6 trace of about ${TARGET_NODES} nodes under ${TARGET_P50_MS} ms p50 through GraphQL`,
        root: depth6.root,
        nodes: depth6.nodes,
        p50: depth6.graphqlMs.p50,
        met: depth6.graphqlMs.p50 < TARGET_P50_MS,
      },
    };
    const report = {
      command: `npm run bench:trace${values.reload ? ' -- --reload' : ''}`,
      startedAt: new Date(runStarted).toISOString(),
      environment,
      database,
      graph: { spec: GRAPH, ...stats, loadedNow: prepared.loadedNow, loadSeconds: Math.round(prepared.loadSeconds) },
      method: {
        graphqlQuery: GRAPHQL_QUERY,
        maxNodes: MAX_TRACE_MAX_NODES,
        direction: 'REBUTTALS',
        warmup: { serverMs: SERVER_WARMUP_MS, cellMs: CELL_WARMUP_MS, cellMinRounds: MIN_WARMUP_ROUNDS },
        iterations,
        server: 'dist/src/index.js (as npm start runs it) in a process of its own, NODE_ENV=production, LOG_LEVEL=warn',
        graphql:
          'from sending the request to the last byte of the response (the response is then decoded and checked against the bare trace, off the clock), with a VIEWER API key in its Authorization header',
        sql: 'the statements the server sends for the query (the walk, the speakers batch and the edges, as TraceService and the speakers DataLoader send them), one after the other through pg',
      },
      roots,
      cells,
      floors,
      targets,
      seconds: Math.round((Date.now() - runStarted) / 1000),
    };
    const file = writeResult('trace', report);

    console.log(
      `\ntrace latency in ms (maxNodes ${MAX_TRACE_MAX_NODES}, REBUTTALS), GraphQL over HTTP vs the same SQL bare through pg, up to ${iterations} samples a cell`,
    );
    console.log(table(cells, roots));
    console.log(
      `Floors in the same rhythm: HTTP alone (the server's 404) p50 ${floors.http.ms.p50} ms, p95 ${floors.http.ms.p95} ms; ${TYPENAME_QUERY} ` +
        `p50 ${floors.graphql.ms.p50} ms, p95 ${floors.graphql.ms.p95} ms; in ${KEY_COST_PAIRS} alternating pairs, anonymous p50 ${keyCost.anonymous.p50} ms, ` +
        `with a key p50 ${keyCost.withKey.p50} ms`,
    );
    console.log(`\n${targets.ratio.met ? 'met' : 'MISSED'}: ${targets.ratio.target} (worst ${targets.ratio.worst}x)`);
    console.log(
      `${targets.depth6.met ? 'met' : 'MISSED'}: ${targets.depth6.target} (${targets.depth6.root}: ${targets.depth6.nodes} nodes, ${targets.depth6.p50} ms)`,
    );
    console.log(`${targets.keyCost.met ? 'met' : 'MISSED'}: ${targets.keyCost.target} (${targets.keyCost.ms} ms)`);
    console.log(`\nWrote ${path.relative(process.cwd(), file)} in ${report.seconds}s`);
  } finally {
    graphql.close();
    await server.stop();
    await sql.end();
  }
});
