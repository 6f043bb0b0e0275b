// npm run db:seed: migrates, then applies the INF-treaty corpus; idempotent, so running it again creates nothing.
import { isDatabaseEmpty, seedDatabase } from '../modules/corpus/seed';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { applyMigrations } from '../db/migrator';
import { readCommandLine } from './command-line';
import { runCli } from './run-cli';

runCli(async () => {
  readCommandLine(
    'Usage: npm run db:seed (migrates, then adds the INF-treaty corpus where it is missing; running it again creates nothing)',
    {},
  );
  const db = await openDatabase(loadConfig().database);
  try {
    // Under the lock start-up seeds under: two seeds at once would both see the corpus missing and both write it.
    const { wasEmpty, created } = await db.withMigrationLock(async () => {
      // The lock is held: the migrator must not take it again (it is not reentrant).
      await applyMigrations({ migrationAdapterFactory: db.migrationAdapterFactory });
      return { wasEmpty: await isDatabaseEmpty(db.prisma), created: await seedDatabase(db.prisma) };
    });
    const total = created.speakers + created.sources + created.claims + created.rebuttals;
    console.log(
      total === 0
        ? 'The seed corpus is already in the database: nothing created.'
        : `Created ${created.speakers} speaker(s), ${created.sources} source(s), ${created.claims} claim(s) and ${created.rebuttals} rebuttal(s)${wasEmpty ? '' : ' missing from the database'}.`,
    );
  } finally {
    await db.close();
  }
});
