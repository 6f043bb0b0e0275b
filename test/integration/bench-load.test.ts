// The pieces of npm run bench:load that decide its verdict, without running the benchmark: its command line, the
// percentiles, the recovery and phase arithmetic around an outage, the operations against the emitted schema, and the
// lost-write check against a real database (a write recorded but not there is reported as lost).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { UsageError } from '../../src/cli/run-cli';
import { percentile, summarise } from '../../bench/bench-kit';
import { buckets, countErrors, errorKey, phaseOf, recovery, type RequestRecord } from '../../bench/load-metrics';
import { OPERATIONS, operationAt, type WorkerState } from '../../bench/load-operations';
import { LOAD_GRAPH, LOAD_USAGE, readLoadOptions } from '../../bench/load-options';
import { findLostWrites, WriteLog } from '../../bench/load-writes';
import { makeClaim, makeRebuttal, makeSpeaker } from '../helpers/factories';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const usageError = (args: string[]): UsageError => {
  try {
    readLoadOptions(args);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`readLoadOptions accepted ${JSON.stringify(args)}`);
};

describe('bench:load command line', () => {
  it('defaults to 64 connections for 60 s on claimtrace_load, without a fault', () => {
    expect(readLoadOptions([])).toEqual({ connections: 64, durationSeconds: 60, database: 'claimtrace_load' });
  });

  it('reads --connections, --duration and the outage, cut a third into the run', () => {
    expect(readLoadOptions(['--connections', '8', '--duration', '30', '--fault', 'db-outage'])).toEqual({
      connections: 8,
      durationSeconds: 30,
      database: 'claimtrace_load',
      outage: { atSeconds: 10, seconds: 5 },
    });
    expect(readLoadOptions(['--fault', 'db-outage', '--outage-seconds', '12', '--database', 'my_load'])).toMatchObject({
      outage: { atSeconds: 20, seconds: 12 },
      database: 'my_load',
    });
  });

  it('answers --help with the usage', () => {
    expect(readLoadOptions(['--help'])).toBe('help');
  });

  it('refuses unknown options and stray arguments with the usage', () => {
    for (const args of [['--bogus'], ['--connections', '8', 'extra'], ['-x']]) {
      const error = usageError(args);
      expect(error.message).toContain(LOAD_USAGE);
    }
  });

  it('refuses values out of range, naming the option', () => {
    expect(usageError(['--connections', '0']).message).toMatch(/^--connections must be a whole number from 1 to 1000/);
    expect(usageError(['--connections', '2.5']).message).toMatch(/^--connections/);
    expect(usageError(['--duration', 'soon']).message).toMatch(/^--duration/);
    expect(usageError(['--database', 'Bad-Name']).message).toMatch(/^--database/);
    expect(usageError(['--fault', 'disk-full']).message).toMatch(/^--fault must be db-outage/);
    expect(usageError(['--outage-seconds', '3']).message).toMatch(/--outage-seconds goes with --fault db-outage/);
    expect(usageError(['--fault', 'db-outage', '--duration', '20']).message).toMatch(/too short for a 5 s outage.*try --duration 23/);
    expect(readLoadOptions(['--fault', 'db-outage', '--duration', '23'])).toMatchObject({ outage: { atSeconds: 7, seconds: 5 } });
  });
});

describe('percentiles', () => {
  it('are nearest-rank', () => {
    const hundred = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('are taken over the samples in any order', () => {
    const shuffled = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
    expect(summarise(shuffled)).toEqual({ samples: 10, p50: 5, p95: 10, p99: 10, mean: 5.5 });
  });
});

describe('an outage in the records', () => {
  // 10 requests a second answered in 50 ms; the database is cut from 5 s to 8 s: every answer then fails fast (5 a
  // window, twice as many), and the first second after the restore still carries two failures.
  const records: RequestRecord[] = [];
  for (let second = 0; second < 15; second += 1) {
    for (let n = 0; n < 10; n += 1) {
      const start = second * 1000 + n * 100;
      const failing = (second >= 5 && second < 8) || (second === 8 && n < 2);
      records.push({
        operation: n % 2 ? 'claimPage' : 'createClaim',
        start,
        end: start + 50,
        error: failing ? errorKey({ status: 200, code: 'INTERNAL_SERVER_ERROR' }) : undefined,
      });
    }
  }
  const window = { cutAt: 5_000, restoredAt: 8_000, endedAt: 15_000 };

  it('counts requests and failures by the window they were answered in', () => {
    expect(buckets(records, 0, 15_000).map((bucket) => bucket.errors)).toEqual([0, 0, 0, 0, 0, 10, 10, 10, 2, 0, 0, 0, 0, 0, 0]);
    expect(buckets(records, 0, 14_500)).toHaveLength(14);
  });

  it('finds the first success after the restore and steady state from the first clean window', () => {
    expect(recovery(records, window)).toEqual({ firstSuccessMs: 250, steadyMs: 1000, baselinePerWindow: 10 });
  });

  it('waits for throughput to come back before calling it steady', () => {
    // After the failures of the first second back, only two answers a second for two seconds: not steady until 11 s.
    const slow = records.filter((record) => !(record.start >= 9_000 && record.start < 11_000 && record.start % 1000 >= 200));
    expect(recovery(slow, window).steadyMs).toBe(3000);
  });

  it('says never when failures go on to the end, or nothing succeeds after the restore', () => {
    const failingToTheEnd = records.map((record) => (record.start >= 5_000 ? { ...record, error: 'TRANSPORT ECONNREFUSED' } : record));
    expect(recovery(failingToTheEnd, window)).toMatchObject({ firstSuccessMs: null, steadyMs: null });
  });

  it('puts each request in its phase and counts errors by key', () => {
    const steadyAt = 9_000;
    const phases = records.map((record) => phaseOf(record, window, steadyAt));
    expect(phases.filter((phase) => phase === 'before')).toHaveLength(50);
    expect(phases.filter((phase) => phase === 'outage')).toHaveLength(30);
    expect(phases.filter((phase) => phase === 'recovery')).toHaveLength(10);
    expect(phases.filter((phase) => phase === 'after')).toHaveLength(60);
    expect(phaseOf({ operation: 'trace', start: 4_900, end: 5_100, error: 'TRANSPORT ECONNRESET' }, window, steadyAt)).toBe('outage');
    expect(countErrors(records)).toEqual({ 'INTERNAL_SERVER_ERROR (HTTP 200)': 32 });
  });
});

describe('bench:load operations', () => {
  const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema.graphql'), 'utf8'));

  it('are valid against the emitted schema', () => {
    for (const operation of OPERATIONS)
      expect({ name: operation.name, errors: validate(schema, parse(operation.query)).map((error) => error.message) }).toEqual({
        name: operation.name,
        errors: [],
      });
  });

  it('stay ordinary-sized: first <= 50, trace depth <= 4, maxNodes <= 500', () => {
    const state: WorkerState = {
      index: 0,
      graph: LOAD_GRAPH,
      random: Math.random,
      ownClaims: [crypto.randomUUID()],
      statusClaims: new Map([[crypto.randomUUID(), 'UNREVIEWED']]),
      usedPairs: new Set(),
      writes: new WriteLog(),
      nextWrite: () => 1,
    };
    for (const operation of OPERATIONS) {
      for (const [, value] of operation.query.matchAll(/\bfirst: (\d+)/g)) expect(Number(value)).toBeLessThanOrEqual(50);
      for (const [, value] of operation.query.matchAll(/\bmaxNodes: (\d+)/g)) expect(Number(value)).toBeLessThanOrEqual(500);
    }
    const trace = OPERATIONS.find((operation) => operation.name === 'trace')!;
    for (let i = 0; i < 200; i += 1) expect(trace.prepare(state)!.variables.depth).toBeLessThanOrEqual(4);
  });

  it('are drawn by weight', () => {
    const drawn = new Map<string, number>();
    for (let i = 0; i < 1000; i += 1) {
      const name = operationAt((i + 0.5) / 1000).name;
      drawn.set(name, (drawn.get(name) ?? 0) + 1);
    }
    const total = OPERATIONS.reduce((sum, operation) => sum + operation.weight, 0);
    for (const operation of OPERATIONS) expect(drawn.get(operation.name)).toBe(Math.round((1000 * operation.weight) / total));
  });
});

describe('the lost-write check', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.destroy());

  it('finds every acknowledged write that is not in the database as acknowledged, and nothing else', async () => {
    const speaker = await makeSpeaker(db.prisma);
    const [kept, changed, target, moved, twice, unsure] = await Promise.all(
      ['kept', 'changed', 'target', 'moved', 'twice', 'unsure'].map((text) => makeClaim(db.prisma, { speakerId: speaker.id, text })),
    );
    const rebuttal = await makeRebuttal(db.prisma, target!.id, kept!.id, 'DISPUTES');
    await db.prisma.claim.update({ where: { id: changed!.id }, data: { text: 'changed afterwards' } });
    await db.prisma.claim.update({ where: { id: moved!.id }, data: { reviewStatus: 'IN_REVIEW' } });
    await db.prisma.claim.update({ where: { id: twice!.id }, data: { reviewStatus: 'REVIEWED' } });
    await db.prisma.claim.update({ where: { id: unsure!.id }, data: { reviewStatus: 'REVIEWED' } });

    const log = new WriteLog();
    const missingClaim = crypto.randomUUID();
    const missingRebuttal = crypto.randomUUID();
    log.recordClaim({ id: kept!.id, text: 'kept' });
    log.recordClaim({ id: changed!.id, text: 'changed' });
    log.recordClaim({ id: missingClaim, text: 'never written' });
    log.recordRebuttal({ id: rebuttal.id, claimId: target!.id, counterclaimId: kept!.id, stance: 'DISPUTES' });
    log.recordRebuttal({ id: missingRebuttal, claimId: target!.id, counterclaimId: changed!.id, stance: 'REFUTES' });
    log.recordStatus(moved!.id, 'IN_REVIEW');
    // Two acknowledged moves: only the last must hold.
    log.recordStatus(twice!.id, 'IN_REVIEW');
    log.recordStatus(twice!.id, 'REVIEWED');
    // An acknowledged move, then one without an answer that did commit: either status is right.
    log.recordStatus(unsure!.id, 'IN_REVIEW');
    log.recordUnacknowledgedStatus(unsure!.id, 'REVIEWED');
    // Acknowledged but not there.
    log.recordStatus(target!.id, 'IN_REVIEW');

    const lost = await findLostWrites(db, log);
    expect(lost.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id))).toEqual(
      [
        { kind: 'claim', id: changed!.id, expected: 'changed', found: 'changed afterwards' },
        { kind: 'claim', id: missingClaim, expected: 'never written', found: null },
        { kind: 'rebuttal', id: missingRebuttal, expected: `${changed!.id} REFUTES ${target!.id}`, found: null },
        { kind: 'status', id: target!.id, expected: 'IN_REVIEW', found: 'UNREVIEWED' },
      ].sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id)),
    );
    expect(log.counts).toEqual({ claims: 3, rebuttals: 2, statusMoves: 5, statusClaims: 4 });
  });

  it('refuses a move recorded after an unacknowledged one (the bench must leave such a claim alone)', () => {
    const log = new WriteLog();
    const id = crypto.randomUUID();
    log.recordUnacknowledgedStatus(id, 'IN_REVIEW');
    expect(() => log.recordStatus(id, 'IN_REVIEW')).toThrow(/unacknowledged/);
    expect(log.expectedStatuses()).toEqual([]);
  });
});
