// Where the embedded database's migrated template lives: in .cache/, kept between runs under a key of everything that
// shapes it (the migrations, the locked package versions, the code that opens and migrates the database), so that a
// run whose inputs are unchanged skips the initdb and the migrations (seconds of CPU). Light on purpose: global-setup.ts
// reads it before deciding whether to start the child process that migrates.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const TEMPLATE_ENV = 'CLAIMTRACE_TEST_TEMPLATE';

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.cache');
const PREFIX = 'test-template-';
const INPUTS = ['prisma/migrations', 'package-lock.json', 'src/db/database.ts', 'src/db/migrator.ts', 'test/helpers/test-database.ts'];

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => files(path.join(entry, name)));
}

/** The cached template for the current inputs (which may not exist yet). */
export function pgliteTemplatePath(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(files))
    hash
      .update(`${file}\0`)
      .update(fs.readFileSync(path.join(ROOT, file)))
      .update('\0');
  return path.join(CACHE, `${PREFIX}${hash.digest('hex').slice(0, 16)}.tar`);
}

/** Writes the template where pgliteTemplatePath() says (atomically: another run may read it), dropping stale ones. */
export function saveTemplate(file: string, contents: Buffer): void {
  fs.mkdirSync(CACHE, { recursive: true });
  for (const name of fs.readdirSync(CACHE)) {
    if (name.startsWith(PREFIX) && name !== path.basename(file)) fs.rmSync(path.join(CACHE, name), { force: true });
  }
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, contents);
  fs.renameSync(partial, file);
}
