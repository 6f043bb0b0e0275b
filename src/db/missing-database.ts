// A PostgreSQL server without the database DATABASE_URL names: said in one line before anything else runs, instead of
// the schema engine's WebAssembly stack trace from the first migration.
import type { Database } from './database';

export class MissingDatabaseError extends Error {
  constructor(readonly database: string) {
    super(
      `PostgreSQL has no database "${database}" (DATABASE_URL): create it first (createdb ${database}, or CREATE DATABASE ` +
        `"${database}" in psql), or unset DATABASE_URL to use the embedded database`,
    );
    this.name = 'MissingDatabaseError';
  }
}

interface AdapterCause {
  kind?: unknown;
  db?: unknown;
}

/** Asks the database a trivial question; a server that lacks the database is a MissingDatabaseError. */
export async function checkDatabaseExists(db: Pick<Database, 'ping'>): Promise<void> {
  try {
    await db.ping();
  } catch (error) {
    // Prisma's driver adapter names the fault (kind DatabaseDoesNotExist, SQLSTATE 3D000) and the database.
    const cause = (error as { meta?: { driverAdapterError?: { cause?: AdapterCause } } }).meta?.driverAdapterError?.cause;
    if (cause?.kind === 'DatabaseDoesNotExist') throw new MissingDatabaseError(String(cause.db));
    throw error;
  }
}
