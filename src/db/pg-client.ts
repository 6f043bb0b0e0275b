// Short-lived node-postgres connections for work outside the app's pool: a migration script on a connection of its
// own, creating and dropping databases (tests, the benchmark), the benchmark's bulk load.
import { Client } from 'pg';
import { listenForClientErrors, type DatabaseLogger } from './pg-pool';

/** The same server URL, naming another database. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs `work` on a fresh connection to `url`, closed afterwards whatever happens. */
export async function withPgClient<T>(url: string, work: (client: Client) => Promise<T>, logger?: DatabaseLogger): Promise<T> {
  const client = new Client({ connectionString: url });
  // A session the server ends while `work` waits between statements must fail `work`, not the process (see pg-pool.ts).
  listenForClientErrors(client, logger, 'a PostgreSQL connection of its own');
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
