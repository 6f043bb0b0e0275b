// Several instances started at once against one PostgreSQL server (the way a deployment scales out) each migrate at
// start. Prisma's schema engine takes an advisory lock of its own (pg_advisory_lock(72707369)), but gives up on it
// after 10 s ("Timed out trying to acquire a postgres advisory lock"), so an instance started while a longer
// migration runs would fail to start. This lock has no time limit: held on one connection of its own for the whole
// migration run, it lets exactly one instance apply the migrations while the others wait, then find nothing to do. A
// holder that dies loses its session, and with it the lock. Start-up holds it over the first seed too, so that of
// several instances started on an empty database one seeds it and the others find it seeded.
import { withPgClient } from './pg-client';
import type { DatabaseLogger } from './pg-pool';

/** The advisory lock's key: fixed, and distinct from the schema engine's (72707369). */
export const MIGRATION_LOCK_KEY = '7236418203591517219';

/**
 * Not reentrant: work run under it that migrates must not take it again (it would wait for itself on another
 * connection), so callers holding it pass the migrator only the adapter factory (src/index.ts, db:seed). An
 * AsyncLocalStorage could tell nested calls apart, but once used it leaves Node's promise hooks on for the life of the
 * process, a cost on every promise every request makes.
 */
export function withMigrationLock<T>(url: string, work: () => Promise<T>, logger?: DatabaseLogger): Promise<T> {
  return withPgClient(
    url,
    async (client) => {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [MIGRATION_LOCK_KEY]);
      if (!rows[0]?.locked) {
        logger?.info('another instance is applying the migrations; waiting for it to finish');
        await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      }
      // Released when this connection closes, right after.
      return work();
    },
    logger,
  );
}
