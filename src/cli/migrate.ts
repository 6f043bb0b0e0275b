// npm run db:migrate: applies pending migrations from prisma/migrations to the configured database.
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { applyMigrations } from '../db/migrator';
import { readCommandLine } from './command-line';
import { runCli } from './run-cli';

runCli(async () => {
  readCommandLine('Usage: npm run db:migrate (applies the pending migrations of prisma/migrations to the configured database)', {});
  const db = await openDatabase(loadConfig().database);
  try {
    const applied = await applyMigrations(db);
    console.log(
      applied.length > 0
        ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`
        : 'The database is up to date: no migration to apply.',
    );
  } finally {
    await db.close();
  }
});
