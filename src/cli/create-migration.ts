// npm run db:migrate:create -- NAME: writes prisma/migrations/<timestamp>_NAME/migration.sql from the schema change.
import path from 'node:path';
import { projectRoot } from '../config';
import { createMigration } from '../db/migrator';
import { readCommandLine } from './command-line';
import { runCli } from './run-cli';

runCli(async () => {
  const usage = 'Usage: npm run db:migrate:create -- NAME (e.g. add_claim_language; words are joined with _)';
  const name = readCommandLine(usage, {}, { min: 1, max: 20 }).positionals.join('_');
  const created = await createMigration(name);
  if (!created) {
    console.log('prisma/schema.prisma and prisma/migrations already agree: no migration written.');
    return;
  }
  console.log(`Wrote ${path.relative(projectRoot, created.file)}:\n\n${created.sql}`);
  console.log('Review it (add what Prisma cannot express, such as CHECK constraints), then run npm run db:migrate.');
});
