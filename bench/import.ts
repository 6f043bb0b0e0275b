// npm run bench:import [-- --claims N] [--claimants N] [--batch-size N] [--memory-lines N] [--database NAME]
//
// The import of a generated Fact Check Tools file (20,000 claims by 2,000 claimants, one review each, every speaker and
// review new) timed in process, as `npm run import` runs it: into a fresh PostgreSQL database of its own, then the same
// file again (everything matched), then a COPY of the same rows (speakers, claims, reviews, with every trigger: search
// documents and history) into another fresh database as the ceiling, and the same import into a fresh embedded
// database. Then the memory check: a generated jsonl file of 1,000,000 lines streamed through the importer's reader
// and row parser in a process of its own, its peak RSS set beside that of a tenth of the lines (flat: alike).
// PostgreSQL rows need DATABASE_URL (a server; the bench works in databases of its own there, NAME and NAME_copy,
// ct_import_bench by default, dropped at the end); without it only the embedded database and the memory check run.
// Prints a table and writes bench/results/import-<timestamp>.json.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { readCommandLine } from '../src/cli/command-line';
import { runCli } from '../src/cli/run-cli';
import { newId } from '../src/common/ids';
import { parseLocalDate } from '../src/common/scalars';
import { loadConfig } from '../src/config';
import { openDatabase, type Database } from '../src/db/database';
import { applyMigrations } from '../src/db/migrator';
import { withDatabaseName, withPgClient } from '../src/db/pg-client';
import { CLAIM_TABLE } from '../src/modules/claims/claim.columns';
import { openImportFile } from '../src/modules/exchange/import-file';
import { Importer, type ImportSummary } from '../src/modules/exchange/import.service';
import { parseLine } from '../src/modules/exchange/jsonl';
import { nameKey } from '../src/modules/exchange/matching';
import { commandWrite } from '../src/modules/history/recorded-transaction';
import { ratingFromText } from '../src/modules/reviews/review-rating';
import { REVIEW_TABLE } from '../src/modules/reviews/review.columns';
import { SPEAKER_TABLE } from '../src/modules/speakers/speaker.columns';
import type { TableColumns } from '../src/db/table-columns';
import type { Tables } from '../src/db/sql-builder';
import { benchEnvironment, databaseNameOption, integerOption, markdownTable, writeResult } from './bench-kit';

const USAGE = 'Usage: npm run bench:import [-- --claims N] [--claimants N] [--batch-size N] [--memory-lines N] [--database NAME]';
const DATABASE_COMMENT = 'claimtrace import benchmark database (npm run bench:import): generated data only, safe to drop';
const WRITE = commandWrite('IMPORT', 'import bench-import.json');
const MEMORY_CHILD_FLAG = '--memory-child';
const TARGETS = { copyRatio: 0.5, reimportRecordsPerSecond: 10_000, pgliteClaimsPerSecond: 2_000 };

interface Spec {
  claims: number;
  claimants: number;
}

const claimantName = (n: number) => `Bench Claimant ${String(n).padStart(5, '0')}`;
const reviewUrl = (n: number) => `https://factdesk.example.org/checks/bench-${n}`;
const claimText = (n: number) => `Bench claim number ${n}: the treaty was breached in year ${1990 + (n % 30)}.`;
const claimDay = (n: number) => `20${String(10 + (n % 10))}-0${1 + (n % 9)}-1${n % 10}`;
const REVIEW = {
  publisher: 'Bench Fact Desk',
  site: 'factdesk.example.org',
  rating: 'False',
  language: 'en',
  reviewDate: '2020-01-02T03:04:05Z',
};

function writeFactCheckFile(file: string, spec: Spec): void {
  const claims = Array.from({ length: spec.claims }, (_, n) => ({
    text: claimText(n),
    claimant: claimantName(n % spec.claimants),
    claimDate: claimDay(n),
    claimReview: [
      {
        publisher: { name: REVIEW.publisher, site: REVIEW.site },
        url: reviewUrl(n),
        title: `Review of claim ${n}`,
        reviewDate: REVIEW.reviewDate,
        textualRating: REVIEW.rating,
        languageCode: REVIEW.language,
      },
    ],
  }));
  fs.writeFileSync(file, JSON.stringify({ claims }));
}

/** PostgreSQL's COPY text format of one value. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.join(',')}}`;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = typeof value === 'string' ? value : typeof value === 'number' ? value.toString() : JSON.stringify(value);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

function copyRows<Table extends keyof Tables, Model>(definition: TableColumns<Table, Model>, rows: readonly Model[]) {
  const fields = Object.entries<string>(definition.columns);
  return {
    statement: `COPY "${definition.table}" (${fields.map(([, column]) => `"${column}"`).join(', ')}) FROM STDIN`,
    text: rows.map((row) => `${fields.map(([field]) => copyValue((row as Record<string, unknown>)[field])).join('\t')}\n`).join(''),
  };
}

/** The rows the import writes for the generated file, as COPY text, every id made beforehand. */
function ceilingRows(spec: Spec) {
  const now = new Date();
  const speakers = Array.from({ length: spec.claimants }, (_, n) => {
    const name = claimantName(n);
    return {
      id: newId(),
      slug: nameKey(name),
      name,
      role: null,
      affiliation: null,
      country: null,
      isNamed: true,
      aliases: [],
      wikidataId: null,
      sameAs: [],
      organizationId: null,
      createdAt: now,
      updatedAt: now,
    };
  });
  const claims = Array.from({ length: spec.claims }, (_, n) => ({
    id: newId(),
    text: claimText(n),
    kind: 'PARAPHRASE' as const,
    statedAt: parseLocalDate(claimDay(n))!,
    speakerId: speakers[n % spec.claimants]!.id,
    sourceId: null,
    reviewStatus: 'REVIEWED' as const,
    createdAt: now,
    updatedAt: now,
  }));
  const reviews = claims.map((claim, n) => ({
    id: newId(),
    claimId: claim.id,
    rating: ratingFromText(REVIEW.rating)!,
    ratingText: REVIEW.rating,
    summary: `Review of claim ${n}`,
    organizationName: REVIEW.publisher,
    organizationUrl: `https://${REVIEW.site}`,
    authorName: null,
    url: reviewUrl(n),
    publishedAt: new Date(REVIEW.reviewDate),
    language: REVIEW.language,
    createdAt: now,
    updatedAt: now,
  }));
  return [copyRows(SPEAKER_TABLE, speakers), copyRows(CLAIM_TABLE, claims), copyRows(REVIEW_TABLE, reviews)];
}

/**
 * The import's wall-clock seconds, and the CPU seconds of this process over it: on the embedded database that is the
 * database's work too (PGlite runs in the process), which a machine shared with other work stretches less than the
 * wall clock.
 */
async function timedImport(
  db: Database,
  file: string,
  batchSize: number,
): Promise<{ seconds: number; cpuSeconds: number; summary: ImportSummary }> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const importer = await Importer.open(db.prisma, WRITE, { batchSize });
  await openImportFile(file).run(importer, () => undefined);
  const { user, system } = process.cpuUsage(cpu);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: (user + system) / 1e6, summary: importer.summary };
}

/** A fresh, migrated database of the bench's own on the server (one of that name without our mark is refused). */
async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  await withPgClient(serverUrl, async (admin) => {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    );
    if (rows[0] && rows[0].comment !== DATABASE_COMMENT)
      throw new Error(`Database "${name}" exists but was not created by bench:import; it is left alone. Pass --database OTHER_NAME.`);
    if (rows[0]) await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.query(`COMMENT ON DATABASE "${name}" IS '${DATABASE_COMMENT.replace(/'/g, "''")}'`);
  });
  const url = withDatabaseName(serverUrl, name);
  const db = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
  try {
    await applyMigrations(db);
  } finally {
    await db.close();
  }
  return url;
}

const dropDatabase = (serverUrl: string, name: string) =>
  withPgClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

function checkSummary(label: string, summary: ImportSummary, expected: { created: number; matched: number }, spec: Spec): void {
  const want = {
    records: spec.claims,
    rejected: 0,
    claims: { created: expected.created * spec.claims, matched: expected.matched * spec.claims },
    speakers: { created: expected.created * spec.claimants, matched: spec.claims - expected.created * spec.claimants },
  };
  const got = {
    records: summary.records,
    rejected: summary.rejected.length,
    claims: { created: summary.created.claims, matched: summary.matched.claims },
    speakers: { created: summary.created.speakers, matched: summary.matched.speakers },
  };
  if (JSON.stringify(got) !== JSON.stringify(want))
    throw new Error(`${label}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
}

async function postgresRuns(serverUrl: string, database: string, file: string, spec: Spec, batchSize: number) {
  const url = await freshDatabase(serverUrl, database);
  const db = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
  try {
    const first = await timedImport(db, file, batchSize);
    checkSummary('import', first.summary, { created: 1, matched: 0 }, spec);
    const again = await timedImport(db, file, batchSize);
    checkSummary('re-import', again.summary, { created: 0, matched: 1 }, spec);
    const [{ entries } = { entries: 0 }] = await db.prisma.$queryRaw<
      { entries: number }[]
    >`SELECT count(*)::int AS entries FROM history_entries WHERE actor_kind = 'IMPORT'`;
    if (entries !== spec.claimants + 2 * spec.claims)
      throw new Error(`expected ${spec.claimants + 2 * spec.claims} history entries, found ${entries}`);
    const environment = await withPgClient(url, benchEnvironment);

    const copyName = `${database}_copy`;
    const copyUrl = await freshDatabase(serverUrl, copyName);
    const tables = ceilingRows(spec);
    const copySeconds = await withPgClient(copyUrl, async (client) => {
      const started = process.hrtime.bigint();
      await client.query('BEGIN');
      await client.query(`SELECT set_config('claimtrace.actor', $1, true)`, [JSON.stringify(WRITE.actor)]);
      for (const { statement, text } of tables) await pipeline(Readable.from([text]), client.query(copyFrom(statement)));
      await client.query('COMMIT');
      return Number(process.hrtime.bigint() - started) / 1e9;
    });
    await dropDatabase(serverUrl, copyName);
    return {
      environment,
      importSeconds: first.seconds,
      importCpuSeconds: first.cpuSeconds,
      reimportSeconds: again.seconds,
      reimportCpuSeconds: again.cpuSeconds,
      copySeconds,
    };
  } finally {
    await db.close();
    await dropDatabase(serverUrl, database);
  }
}

async function pgliteRun(dir: string, file: string, spec: Spec, batchSize: number) {
  const db = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
  try {
    await applyMigrations(db);
    const first = await timedImport(db, file, batchSize);
    checkSummary('embedded import', first.summary, { created: 1, matched: 0 }, spec);
    return first;
  } finally {
    await db.close();
  }
}

function writeJsonlFile(file: string, lines: number): void {
  const descriptor = fs.openSync(file, 'w');
  try {
    const now = new Date().toISOString();
    let chunk = '';
    for (let n = 0; n < lines; n += 1) {
      const name = claimantName(n);
      chunk += `${JSON.stringify({ type: 'speaker', id: newId(), slug: nameKey(name), name, role: null, affiliation: null, country: null, isNamed: true, aliases: [], createdAt: now, updatedAt: now })}\n`;
      if (chunk.length > 1 << 20) {
        fs.writeSync(descriptor, chunk);
        chunk = '';
      }
    }
    fs.writeSync(descriptor, chunk);
  } finally {
    fs.closeSync(descriptor);
  }
}

/** Peak RSS (MB) of a process of its own that streams the jsonl file through the import's reader and row parser. */
function streamedPeakRssMb(file: string): number {
  const output = execFileSync(process.execPath, [...process.execArgv, __filename, MEMORY_CHILD_FLAG, file], { encoding: 'utf8' });
  return Number(output.trim());
}

/** The memory child: every line read and parsed as the importer reads a jsonl file (the database left out). */
async function memoryChild(file: string): Promise<void> {
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity }))
    if (line.trim() !== '') parseLine(line);
  // maxRSS is in kilobytes.
  console.log((process.resourceUsage().maxRSS / 1024).toFixed(1));
}

const perSecond = (count: number, seconds: number) => Math.round(count / seconds);
const fmt = (value: number) => value.toLocaleString('en-US');

runCli(async () => {
  if (process.argv[2] === MEMORY_CHILD_FLAG) return memoryChild(process.argv[3]!);
  const { values } = readCommandLine(USAGE, {
    claims: { type: 'string', default: '20000' },
    claimants: { type: 'string', default: '2000' },
    'batch-size': { type: 'string', default: '2000' },
    'memory-lines': { type: 'string', default: '1000000' },
    database: { type: 'string', default: 'ct_import_bench' },
  });
  const spec: Spec = { claims: integerOption('claims', values.claims, 1, 10_000_000), claimants: 0 };
  spec.claimants = integerOption('claimants', values.claimants, 1, spec.claims);
  const batchSize = integerOption('batch-size', values['batch-size'], 1, 100_000);
  const memoryLines = integerOption('memory-lines', values['memory-lines'], 10, 100_000_000);
  const database = databaseNameOption(values.database);
  const config = loadConfig();
  const startedAt = new Date().toISOString();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-bench-import-'));
  try {
    const file = path.join(dir, 'bench-import.json');
    writeFactCheckFile(file, spec);
    console.error(
      `Generated ${fmt(spec.claims)} claims by ${fmt(spec.claimants)} claimants, one review each (batches of ${fmt(batchSize)}).`,
    );

    const postgres =
      config.database.kind === 'postgres' ? await postgresRuns(config.database.url, database, file, spec, batchSize) : undefined;
    if (!postgres) console.error('No DATABASE_URL: the PostgreSQL rows are skipped (set DATABASE_URL=postgresql://… to run them).');
    const pglite = await pgliteRun(dir, file, spec, batchSize);

    const jsonl = path.join(dir, 'memory.jsonl');
    const tenth = Math.max(1, Math.floor(memoryLines / 10));
    writeJsonlFile(jsonl, tenth);
    const tenthRssMb = streamedPeakRssMb(jsonl);
    writeJsonlFile(jsonl, memoryLines);
    const fullRssMb = streamedPeakRssMb(jsonl);

    const rows: string[][] = [];
    if (postgres) {
      const copyRate = perSecond(spec.claims, postgres.copySeconds);
      rows.push(
        [
          'PostgreSQL: import (all new)',
          postgres.importSeconds.toFixed(2),
          postgres.importCpuSeconds.toFixed(2),
          fmt(perSecond(spec.claims, postgres.importSeconds)),
          `${(postgres.copySeconds / postgres.importSeconds).toFixed(2)}x of COPY`,
        ],
        [
          'PostgreSQL: re-import (all matched)',
          postgres.reimportSeconds.toFixed(2),
          postgres.reimportCpuSeconds.toFixed(2),
          fmt(perSecond(spec.claims, postgres.reimportSeconds)),
          `target ${fmt(TARGETS.reimportRecordsPerSecond)}/s`,
        ],
        ['PostgreSQL: COPY of the same rows (ceiling)', postgres.copySeconds.toFixed(2), '', fmt(copyRate), '1.00x'],
      );
    }
    rows.push([
      'embedded (PGlite): import (all new)',
      pglite.seconds.toFixed(2),
      pglite.cpuSeconds.toFixed(2),
      fmt(perSecond(spec.claims, pglite.seconds)),
      `${fmt(perSecond(spec.claims, pglite.cpuSeconds))}/CPU-s; target ${fmt(TARGETS.pgliteClaimsPerSecond)}/s`,
    ]);
    console.log(markdownTable(['run', 'seconds', 'CPU s (this process)', 'claims/s', 'ratio'], rows));
    console.log(
      `\nMemory: streaming ${fmt(memoryLines)} jsonl lines peaked at ${fullRssMb} MB RSS (${fmt(tenth)} lines: ${tenthRssMb} MB).`,
    );

    const report = {
      startedAt,
      spec: { ...spec, batchSize, memoryLines },
      environment: postgres?.environment ?? { node: process.version, cpus: os.cpus().length, platform: `${os.platform()} ${os.release()}` },
      postgres: postgres && {
        importSeconds: postgres.importSeconds,
        importCpuSeconds: postgres.importCpuSeconds,
        reimportCpuSeconds: postgres.reimportCpuSeconds,
        reimportSeconds: postgres.reimportSeconds,
        copySeconds: postgres.copySeconds,
        importClaimsPerSecond: perSecond(spec.claims, postgres.importSeconds),
        reimportRecordsPerSecond: perSecond(spec.claims, postgres.reimportSeconds),
        copyClaimsPerSecond: perSecond(spec.claims, postgres.copySeconds),
        ratioToCopy: postgres.copySeconds / postgres.importSeconds,
      },
      pglite: {
        importSeconds: pglite.seconds,
        cpuSeconds: pglite.cpuSeconds,
        importClaimsPerSecond: perSecond(spec.claims, pglite.seconds),
      },
      memory: { lines: memoryLines, peakRssMb: fullRssMb, tenthLines: tenth, tenthPeakRssMb: tenthRssMb },
      targets: TARGETS,
    };
    console.log(`Wrote ${writeResult('import', report)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
