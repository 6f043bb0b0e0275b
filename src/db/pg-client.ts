// Short-lived node-postgres connections for work outside the app's pool: a migration script on a connection of its
// own, creating and dropping databases (tests, the benchmark), the benchmark's bulk load.
import { Client } from 'pg';

/** The same server URL, naming another database. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs `work` on a fresh connection to `url`, closed afterwards whatever happens. */
export async function withPgClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
