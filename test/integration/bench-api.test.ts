// npm run bench:api, so that it cannot rot: its command line, and on a PostgreSQL server the whole benchmark run end
// to end on a tiny graph with one-second rounds (the servers started, every answer checked against the ceiling's, the
// report written), then its soak.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../src/cli/run-cli';
import { API_USAGE, readApiOptions } from '../../bench/api-options';
import { runBuilt } from '../helpers/run-built';
import { adminQuery, serverUrl } from '../helpers/test-database';

const runBench = (args: string[]) => runBuilt('bench/api.ts', args, { DATABASE_URL: serverUrl()!, NODE_ENV: 'production' });

const ROOT = path.resolve(__dirname, '..', '..');

const usageError = (args: string[]): UsageError => {
  try {
    readApiOptions(args);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`readApiOptions accepted ${JSON.stringify(args)}`);
};

describe('bench:api command line', () => {
  it("defaults to bench:trace's database, 1 to 64 connections, three 10 s rounds, no soak", () => {
    expect(readApiOptions([])).toEqual({
      concurrency: [1, 8, 32, 64],
      roundSeconds: 10,
      rounds: 3,
      warmupSeconds: 3,
      graph: 'bench',
      database: 'claimtrace_bench',
    });
    expect(readApiOptions(['--soak', '--concurrency', '64', '--postgraphile', '/tmp/pgl'])).toMatchObject({
      concurrency: [64],
      soakSeconds: 60,
      postgraphile: '/tmp/pgl',
    });
    expect(readApiOptions(['--graph', 'tiny'])).toMatchObject({ graph: 'tiny', database: 'claimtrace_api_tiny' });
  });

  it("refuses what it cannot run, naming the option, and never a tiny graph in bench:trace's database", () => {
    expect(usageError(['--concurrency', '1,0']).message).toMatch(/^--concurrency must be a whole number/);
    expect(usageError(['--seconds', 'long']).message).toMatch(/^--seconds/);
    expect(usageError(['--graph', 'huge']).message).toMatch(/^--graph must be bench or tiny/);
    expect(usageError(['--graph', 'tiny', '--database', 'claimtrace_bench']).message).toMatch(/cannot use claimtrace_bench/);
    expect(usageError(['--soak-seconds', '5']).message).toMatch(/goes with --soak/);
    expect(usageError(['--bogus']).message).toContain(API_USAGE);
  });
});

interface Report {
  cells: {
    page: string;
    connections: number;
    server: string;
    rounds: unknown[];
    cpuMsPerRequest: number | null;
    statementsPerRequest: number | null;
    ratioToCeiling: number;
  }[];
  soak?: { peakMb: number | null; afterMb: number | null; requests: number };
  checks: { checked: number; wrong: number; failed: number };
}

(serverUrl() ? describe : describe.skip)('npm run bench:api on a tiny graph', () => {
  const database = `claimtrace_api_test_${process.pid}`;
  const written: string[] = [];
  const readReport = (stdout: string): Report => {
    const file = path.join(ROOT, /^Wrote (\S+) in/m.exec(stdout)![1]!);
    written.push(file);
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
  };

  afterAll(async () => {
    for (const file of written) fs.rmSync(file, { force: true });
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('measures both pages on claimtrace and the ceiling, every answer the same, one statement per page', async () => {
    const run = await runBench([
      '--graph',
      'tiny',
      '--database',
      database,
      '--seconds',
      '1',
      '--rounds',
      '1',
      '--warmup',
      '0',
      '--concurrency',
      '1,2',
    ]);
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr.slice(-2000) }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/\| claimPage \|\s+2 \| claimtrace \|/);
    const report = readReport(run.stdout);
    expect(report.cells.map((cell) => `${cell.page} ${cell.connections} ${cell.server}`).sort()).toEqual(
      ['claimPage', 'listPage']
        .flatMap((page) => [1, 2].flatMap((connections) => ['ceiling', 'claimtrace'].map((server) => `${page} ${connections} ${server}`)))
        .sort(),
    );
    expect(report.checks.checked).toBeGreaterThan(0);
    expect(report.checks).toMatchObject({ wrong: 0, failed: 0 });
    for (const cell of report.cells) {
      expect(cell.rounds).toHaveLength(1);
      expect(cell.cpuMsPerRequest).toBeGreaterThan(0);
      if (cell.server === 'ceiling') expect(cell.ratioToCeiling).toBe(1);
      // A request cut off by the end of a round is counted by the server but not by autocannon: at most one per connection.
      if (cell.server === 'claimtrace') expect(cell.statementsPerRequest).toBeGreaterThanOrEqual(1);
      if (cell.server === 'claimtrace') expect(cell.statementsPerRequest).toBeLessThan(1.5);
    }
  }, 180_000);

  it('soaks claimtrace under both pages and samples its RSS', async () => {
    const run = await runBench(['--graph', 'tiny', '--database', database, '--soak', '--soak-seconds', '2', '--concurrency', '4']);
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr.slice(-2000) }).toEqual({ code: 0, stderr: '' });
    const report = readReport(run.stdout);
    expect(report.cells).toEqual([]);
    expect(report.soak?.requests).toBeGreaterThan(0);
    expect(report.soak?.peakMb).toBeGreaterThan(0);
    expect(report.soak?.afterMb).toBeGreaterThan(0);
    expect(report.checks).toMatchObject({ wrong: 0, failed: 0 });
  }, 120_000);
});
