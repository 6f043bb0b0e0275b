// npm run import -- FILE: loads fact-checks (Fact Check Tools claims:search JSON, ClaimReview JSON-LD) or a jsonl
// export, record by record, and prints what it created, matched and rejected. Exits 1 only when the file itself cannot
// be imported (unreadable, not JSON, an unknown shape); rejected records are reported, not fatal.
import path from 'node:path';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { applyMigrations } from '../db/migrator';
import { FORMAT_NAMES, openImportFile } from '../modules/exchange/import-file';
import { Importer, MODELS, type ImportSummary } from '../modules/exchange/import.service';
import { commandWrite } from '../modules/history/recorded-transaction';
import { Progress } from './progress';
import { readCommandLine } from './command-line';
import { runCli } from './run-cli';

const USAGE = 'Usage: npm run import -- FILE (Fact Check Tools JSON, ClaimReview JSON-LD or a jsonl export)';

function formatSummary(file: string, format: string, summary: ImportSummary): string {
  const imported = summary.records - summary.rejected.length;
  const lines = [
    `Imported ${file} (${format}): ${summary.records} record(s), ${imported} imported, ${summary.rejected.length} rejected.`,
    `  ${''.padEnd(12)}${'created'.padStart(8)}${'matched'.padStart(9)}`,
    ...MODELS.map(
      (model) => `  ${model.padEnd(12)}${String(summary.created[model]).padStart(8)}${String(summary.matched[model]).padStart(9)}`,
    ),
  ];
  if (summary.rejected.length > 0) lines.push('Rejected:', ...summary.rejected.map(({ at, reason }) => `  ${at}: ${reason}`));
  if (summary.notes.length > 0) lines.push('Notes:', ...summary.notes.map(({ at, note }) => `  ${at}: ${note}`));
  return lines.join('\n');
}

runCli(async () => {
  const [file] = readCommandLine(USAGE, {}, { min: 1, max: 1 }).positionals as [string];
  const input = openImportFile(file);
  const db = await openDatabase(loadConfig().database);
  try {
    await applyMigrations(db);
    const importer = await Importer.open(db.prisma, commandWrite('IMPORT', `import ${path.basename(file)}`));
    const progress = new Progress('Importing', input.total);
    try {
      await input.run(importer, (done) => progress.update(done));
    } finally {
      progress.finish();
    }
    console.log(formatSummary(file, FORMAT_NAMES[input.format], importer.summary));
  } finally {
    await db.close();
  }
});
