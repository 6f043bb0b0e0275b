// The benchmarks' graph, generated inside PostgreSQL (INSERT ... SELECT over generate_series, in chunks so that
// progress shows) into a dedicated benchmark database: bench:trace's 1,000,000 claims and 3,000,000 rebuttals (GRAPH),
// or another size of the same shape (bench:load's 20,000 and 60,000).
//
// Shape: only the first TARGETS claims ever draw counterclaims, and among them the draw is heavily skewed (the target of
// an edge is TARGETS * u^SKEW for a uniform u), so claim 1 draws some 17,000 counterclaims, claim 100 some 800, claim
// 200,000 about 5, and 80% of all claims draw none. Counterclaims are uniform over all claims. A share of edges is
// mirrored (B counters A and A counters B), and longer cycles arise by themselves. Duplicate pairs and self-rebuttals
// are dropped before the rebuttals are written, so the unique pair and no-self constraints hold.
import type { Client } from 'pg';
import { Progress } from '../src/cli/progress';

export interface GraphSpec {
  /** Bumped whenever the generator changes, so that an old graph is reloaded rather than measured. */
  readonly version: number;
  readonly claims: number;
  readonly rebuttals: number;
  readonly speakers: number;
  readonly sources: number;
  /** Only claims 1 to `targets` draw counterclaims. */
  readonly targets: number;
  readonly skew: number;
  readonly mirroredShare: number;
  readonly seed: number;
}

/** bench:trace's graph. */
export const GRAPH: GraphSpec = {
  version: 1,
  claims: 1_000_000,
  rebuttals: 3_000_000,
  speakers: 5_000,
  sources: 20_000,
  targets: 200_000,
  skew: 3,
  mirroredShare: 0.01,
  seed: 0.42,
};

/** The database bench:trace fills with GRAPH and bench:api reads, and the comment that marks it as theirs. */
export const BENCH_DATABASE = 'claimtrace_bench';
export const BENCH_DATABASE_COMMENT = 'claimtrace benchmark database (npm run bench:trace): generated data only, safe to drop';

const MARKER_PREFIX = 'claimtrace-bench graph ';
const CLAIM_CHUNK = 50_000;
const EDGE_CHUNK = 250_000;
const REBUTTAL_CHUNK = 100_000;

/**
 * Deterministic UUIDv7-shaped ids from numbers, one prefix per table, so that the graph is the same on every load and
 * a claim's number (its rank as a target: 1 is the biggest hub) can be read back from its id.
 */
const ID_PREFIX = { claim: '01900000', speaker: '01910000', source: '01920000', rebuttal: '01930000' } as const;
const idSql = (table: keyof typeof ID_PREFIX, number: string): string =>
  `('${ID_PREFIX[table]}-0000-7000-8000-' || lpad(to_hex(${number}), 12, '0'))::uuid`;

/** The id of the generated claim, speaker or source of that number. */
export const idOf = (table: Exclude<keyof typeof ID_PREFIX, 'rebuttal'>, number: number): string =>
  `${ID_PREFIX[table]}-0000-7000-8000-${number.toString(16).padStart(12, '0')}`;

export const claimIdOf = (number: number): string => idOf('claim', number);

const marker = (spec: GraphSpec): string => `${MARKER_PREFIX}${JSON.stringify(spec)}`;

/** True when the database already holds this very graph, complete (the marker is written last). */
export async function holdsGraph(client: Client, spec: GraphSpec = GRAPH): Promise<boolean> {
  const { rows } = await client.query<{ comment: string | null }>(
    `SELECT obj_description(to_regclass('public.rebuttals'), 'pg_class') AS comment`,
  );
  return rows[0]?.comment === marker(spec);
}

async function chunked(
  client: Client,
  label: string,
  total: number,
  size: number,
  sql: (from: number, to: number) => string,
): Promise<void> {
  const progress = new Progress(label, total, { lines: true });
  for (let from = 1; from <= total; from += size) {
    const to = Math.min(total, from + size - 1);
    await client.query(sql(from, to));
    progress.advance(to - from + 1);
  }
  progress.finish();
}

async function step(label: string, work: () => Promise<unknown>): Promise<void> {
  const progress = new Progress(label, 1, { lines: true });
  await work();
  progress.finish();
}

/**
 * Fills a freshly migrated, empty database with the graph. Secondary indexes and foreign keys are dropped for the load
 * and recreated from their own definitions afterwards (building an index once is far cheaper than maintaining it row
 * by row); the tables are then vacuumed (so that traversals get index-only scans) and analysed.
 */
export async function loadGraph(client: Client, spec: GraphSpec = GRAPH): Promise<void> {
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SET work_mem = '256MB'`);
  await client.query(`SELECT setseed(${spec.seed})`);

  const { rows: indexes } = await client.query<{ name: string; definition: string }>(`
    SELECT i.indexname AS name, i.indexdef AS definition
    FROM pg_indexes i
    WHERE i.schemaname = 'public' AND i.tablename IN ('claims', 'rebuttals')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype IN ('p', 'u'))`);
  const { rows: foreignKeys } = await client.query<{ name: string; table: string; definition: string }>(`
    SELECT conname AS name, conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('public.claims'::regclass, 'public.rebuttals'::regclass)`);
  for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
  for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
  // Generated rows carry no history: the trace does not read it, and 4 million entries would double the load. Only
  // the history triggers are off (the search triggers still run), and only while this loads.
  const historyTriggers = async (change: 'DISABLE' | 'ENABLE') => {
    for (const table of ['speakers', 'sources', 'claims', 'rebuttals'])
      await client.query(`ALTER TABLE ${table} ${change} TRIGGER ${table}_history_insert`);
  };
  await historyTriggers('DISABLE');

  await step('speakers, sources', async () => {
    await client.query(`
      INSERT INTO speakers (id, slug, name, role, country, is_named, created_at, updated_at)
      SELECT ${idSql('speaker', 'i')}, 'bench-speaker-' || i, 'Speaker ' || i, 'Official', 'Benchland', true, now(), now()
      FROM generate_series(1, ${spec.speakers}) AS i`);
    await client.query(`
      INSERT INTO sources (id, title, publisher, kind, created_at, updated_at)
      SELECT ${idSql('source', 'i')}, 'Source ' || i, 'Bench Press', 'ARTICLE', now(), now()
      FROM generate_series(1, ${spec.sources}) AS i`);
  });

  // Speakers are skewed too (a few speak a lot); a fifth of claims are undated, three in ten cite no source.
  await chunked(
    client,
    'claims',
    spec.claims,
    CLAIM_CHUNK,
    (from, to) => `
      INSERT INTO claims (id, text, kind, stated_at, speaker_id, source_id, created_at, updated_at)
      SELECT ${idSql('claim', 'i')},
             'Bench claim ' || i || ': ' || md5(i::text) || ' ' || md5((i * 7)::text),
             (CASE WHEN i % 4 = 0 THEN 'PARAPHRASE' ELSE 'QUOTE' END)::claim_kind,
             CASE WHEN i % 5 = 0 THEN NULL ELSE date '2010-01-01' + (i::bigint * 7919 % 5000)::int END,
             ${idSql('speaker', `(1 + floor(${spec.speakers} * power(random(), 2)))::int`)},
             CASE WHEN random() < 0.3 THEN NULL ELSE ${idSql('source', `(1 + floor(${spec.sources} * random()))::int`)} END,
             now(), now()
      FROM generate_series(${from}, ${to}) AS i`,
  );

  // Candidate edges as claim numbers, with some to spare for the duplicates and self-pairs dropped below.
  await client.query(`DROP TABLE IF EXISTS bench_edges, bench_pairs`);
  await client.query(`CREATE UNLOGGED TABLE bench_edges (claim int NOT NULL, counterclaim int NOT NULL)`);
  const candidates = Math.ceil(spec.rebuttals * (1.01 - spec.mirroredShare));
  await chunked(
    client,
    'candidate edges',
    candidates,
    EDGE_CHUNK,
    (from, to) => `
      INSERT INTO bench_edges (claim, counterclaim)
      SELECT 1 + floor(${spec.targets} * power(random(), ${spec.skew}))::int, 1 + floor(${spec.claims} * random())::int
      FROM generate_series(${from}, ${to})`,
  );
  await step('mirrored edges', () =>
    client.query(
      `INSERT INTO bench_edges (claim, counterclaim) SELECT counterclaim, claim FROM bench_edges WHERE random() < ${spec.mirroredShare}`,
    ),
  );
  let distinct = 0;
  await step('distinct pairs', async () => {
    await client.query(`
      CREATE UNLOGGED TABLE bench_pairs AS
      SELECT row_number() OVER () AS n, claim, counterclaim
      FROM (SELECT DISTINCT claim, counterclaim FROM bench_edges WHERE claim <> counterclaim) AS pairs
      LIMIT ${spec.rebuttals}`);
    await client.query(`CREATE INDEX ON bench_pairs (n)`);
    distinct = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM bench_pairs`)).rows[0]!.n);
  });
  if (distinct < spec.rebuttals) throw new Error(`The generator produced only ${distinct} distinct pairs; raise its spare share`);

  // Stances: REFUTES 40%, DISPUTES 40%, QUALIFIES 20%.
  await chunked(
    client,
    'rebuttals',
    spec.rebuttals,
    REBUTTAL_CHUNK,
    (from, to) => `
      INSERT INTO rebuttals (id, claim_id, counterclaim_id, stance, created_at, updated_at)
      SELECT ${idSql('rebuttal', 'n')}, ${idSql('claim', 'claim')}, ${idSql('claim', 'counterclaim')},
             (ARRAY['REFUTES', 'DISPUTES', 'QUALIFIES'])[1 + (n % 5) / 2]::rebuttal_stance, now(), now()
      FROM bench_pairs WHERE n BETWEEN ${from} AND ${to}`,
  );
  await client.query(`DROP TABLE bench_edges, bench_pairs`);
  await historyTriggers('ENABLE');

  const rebuild = new Progress('indexes, foreign keys', indexes.length + foreignKeys.length, { lines: true });
  for (const index of indexes) {
    await client.query(index.definition);
    rebuild.advance(1);
  }
  for (const fk of foreignKeys) {
    await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.definition}`);
    rebuild.advance(1);
  }
  rebuild.finish();
  await step('vacuum, analyze', () => client.query(`VACUUM (ANALYZE) speakers, sources, claims, rebuttals`));
  await client.query(`COMMENT ON TABLE rebuttals IS '${marker(spec).replace(/'/g, "''")}'`);
}

export interface GraphStats {
  claims: number;
  rebuttals: number;
  claimsWithCounterclaims: number;
  maxCounterclaims: number;
  mutualPairs: number;
}

/** A few facts about the loaded graph, for the report (cheap: read from indexes). */
export async function graphStats(client: Client): Promise<GraphStats> {
  const { rows } = await client.query<Record<keyof GraphStats, string>>(`
    SELECT (SELECT count(*) FROM claims) AS "claims",
           (SELECT count(*) FROM rebuttals) AS "rebuttals",
           (SELECT count(DISTINCT claim_id) FROM rebuttals) AS "claimsWithCounterclaims",
           (SELECT max(n) FROM (SELECT count(*) AS n FROM rebuttals GROUP BY claim_id) AS degrees) AS "maxCounterclaims",
           (SELECT count(*) FROM rebuttals a JOIN rebuttals b ON b.claim_id = a.counterclaim_id AND b.counterclaim_id = a.claim_id
             WHERE a.claim_id < a.counterclaim_id) AS "mutualPairs"`);
  const row = rows[0]!;
  return {
    claims: Number(row.claims),
    rebuttals: Number(row.rebuttals),
    claimsWithCounterclaims: Number(row.claimsWithCounterclaims),
    maxCounterclaims: Number(row.maxCounterclaims),
    mutualPairs: Number(row.mutualPairs),
  };
}
