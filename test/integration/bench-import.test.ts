// npm run bench:import end to end at a tiny size, so that it cannot rot: it generates its files, imports (on the
// PostgreSQL server too when the tests run against one), checks its own summaries and history, and prints its table.
// No figure is asserted: timings belong to the benchmark, not to tests.
import { runBuilt } from '../helpers/run-built';
import { serverUrl } from '../helpers/test-database';

it('bench:import runs end to end at a tiny size', async () => {
  const database = `ct_import_test_${process.pid}`;
  const result = await runBuilt(
    'bench/import.ts',
    ['--claims', '30', '--claimants', '4', '--batch-size', '7', '--memory-lines', '200', '--database', database],
    {
      DATABASE_URL: serverUrl() ?? '',
      NODE_ENV: 'production',
    },
  );
  expect(result.stderr).toContain('Generated 30 claims by 4 claimants, one review each (batches of 7).');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('embedded (PGlite): import (all new)');
  expect(result.stdout).toMatch(/Memory: streaming 200 jsonl lines peaked at [\d.]+ MB RSS \(20 lines: [\d.]+ MB\)/);
  if (serverUrl()) {
    expect(result.stdout).toContain('PostgreSQL: re-import (all matched)');
    expect(result.stdout).toContain('PostgreSQL: COPY of the same rows (ceiling)');
  } else expect(result.stderr).toContain('the PostgreSQL rows are skipped');
}, 300_000);
