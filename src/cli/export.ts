// npm run export -- --format jsonl|claimreview [--out FILE] [--speaker SLUG] [--source URL] [--status STATUS,...]
// [--with-history]: writes the database (or the claims the filters select, with what belongs to them) to stdout or
// FILE; --with-history (jsonl of the whole database) adds the history entries after the rows. A file is
// written beside its name and renamed at the end, so a failed export never leaves half a file under that name.
import { once } from 'node:events';
import fs from 'node:fs';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { pendingMigrations } from '../db/migrator';
import { ReviewStatus } from '../generated/prisma/enums';
import { EXPORT_FORMATS, exportDatabase, type ExportFormat } from '../modules/exchange/export.service';
import { readCommandLine } from './command-line';
import { runCli, UsageError } from './run-cli';

const USAGE = `Usage: npm run export -- --format ${EXPORT_FORMATS.join('|')} [--out FILE] [--speaker SLUG] [--source URL] [--status ${Object.values(ReviewStatus).join(',')}] [--with-history]`;

function readArguments() {
  const { values } = readCommandLine(USAGE, {
    format: { type: 'string' },
    out: { type: 'string' },
    speaker: { type: 'string' },
    source: { type: 'string' },
    status: { type: 'string', multiple: true },
    'with-history': { type: 'boolean' },
  });
  if (!EXPORT_FORMATS.includes(values.format as ExportFormat))
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}\n${USAGE}`);
  const statuses = (values.status ?? []).flatMap((value) => value.split(',')).map((value) => value.trim().toUpperCase());
  const unknown = statuses.filter((status) => !(status in ReviewStatus));
  if (unknown.length > 0)
    throw new UsageError(`--status ${unknown.join(',')}: not a review status (${Object.values(ReviewStatus).join(', ')})`);
  const withHistory = values['with-history'] === true;
  if (withHistory && values.format !== 'jsonl')
    throw new UsageError(`--with-history needs --format jsonl (ClaimReview has no place for history)\n${USAGE}`);
  // A part's history would be cut by a rule of its own (a deleted claim no filter selects any more): not offered.
  if (withHistory && (values.speaker !== undefined || values.source !== undefined || statuses.length > 0)) {
    throw new UsageError(`--with-history exports the whole database: it cannot be combined with --speaker, --source or --status\n${USAGE}`);
  }
  return {
    withHistory,
    format: values.format as ExportFormat,
    out: values.out,
    filter: { speakerSlug: values.speaker, sourceUrl: values.source, reviewStatus: statuses as ReviewStatus[] },
  };
}

runCli(async () => {
  const { format, out, filter, withHistory } = readArguments();
  const db = await openDatabase(loadConfig().database);
  try {
    const pending = await pendingMigrations(db);
    if (pending.length > 0)
      throw new UsageError(`The database lacks ${pending.length} migration(s) (${pending.join(', ')}): run npm run db:migrate first`);
    const partial = out === undefined ? undefined : `${out}.partial`;
    const stream = partial === undefined ? process.stdout : fs.createWriteStream(partial);
    const write = async (chunk: string) => {
      if (!stream.write(chunk)) await once(stream, 'drain');
    };
    try {
      const { counts, notes } = await exportDatabase(db.prisma, format, filter, write, { withHistory });
      if (partial !== undefined && out !== undefined) {
        stream.end();
        await once(stream, 'finish');
        fs.renameSync(partial, out);
      }
      const written = Object.entries(counts)
        .map(([model, count]) => `${count} ${model}`)
        .join(', ');
      console.error(`Exported ${written} as ${format}${out === undefined ? '' : ` to ${out}`}.`);
      for (const note of notes) console.error(`Note: ${note}`);
    } finally {
      if (partial !== undefined && fs.existsSync(partial)) fs.rmSync(partial);
    }
  } finally {
    await db.close();
  }
});
