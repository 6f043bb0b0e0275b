// An isolated, migrated database for each test file, on the engine the run targets: embedded PGlite by default, the
// PostgreSQL server in DATABASE_URL when it is set. Migrations run once per run (global-setup.ts) into a template;
// each file then starts from a copy: a PGlite data-directory dump, or a PostgreSQL database created from the template.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { PostgresConfig } from '../../src/config';
import { createPGlite, openDatabase, pgliteMigrationFactory, type Database, type OpenDatabaseOptions } from '../../src/db/database';
import { applyMigrations } from '../../src/db/migrator';
import { withDatabaseName, withPgClient } from '../../src/db/pg-client';

export const TEMPLATE_ENV = 'CLAIMTRACE_TEST_TEMPLATE';
const PGLITE_TEMPLATE = path.join(os.tmpdir(), `claimtrace-test-template-${process.ppid}-${process.pid}.tar`);

export const serverUrl = (): string | undefined => process.env.DATABASE_URL?.trim() || undefined;

/** A statement on the server itself (creating and dropping databases), outside any test database. */
export async function adminQuery(sql: string): Promise<void> {
  await withPgClient(serverUrl()!, (client) => client.query(sql));
}

/** Run once per test run: migrate a template database and say where it is. */
export async function createTemplate(): Promise<void> {
  const url = serverUrl();
  if (url) {
    const name = `claimtrace_template_${process.pid}_${randomBytes(3).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    process.env[TEMPLATE_ENV] = name;
    const db = await openDatabase({ kind: 'postgres', url: withDatabaseName(url, name), poolSize: 2 });
    try {
      await applyMigrations(db);
    } catch (error) {
      await db.close();
      await dropTemplate();
      throw error;
    }
    await db.close();
    return;
  }
  const pglite = await createPGlite();
  try {
    await applyMigrations({ migrationAdapterFactory: pgliteMigrationFactory(pglite) });
    const dump = await pglite.dumpDataDir('none');
    fs.writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
  process.env[TEMPLATE_ENV] = PGLITE_TEMPLATE;
}

export async function dropTemplate(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return;
  if (serverUrl()) await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  else fs.rmSync(template, { force: true });
}

export interface TestDatabase extends Database {
  /** On PostgreSQL: the database's own URL (straight to the server, whatever the app connects through). */
  readonly url?: string;
  /** Closes the database and deletes it. */
  destroy(): Promise<void>;
}

/** On PostgreSQL: how the app reaches the server (e.g. through a TCP proxy), and its pool settings. */
export type TestPostgresOptions = { connectVia?: (url: string) => string } & Partial<
  Pick<PostgresConfig, 'poolSize' | 'connectTimeoutMs' | 'statementTimeoutMs'>
>;

export interface TestDatabaseOptions extends Pick<OpenDatabaseOptions, 'onQuery' | 'logger'> {
  postgres?: TestPostgresOptions;
  /** Start with no migrations applied, not from the migrated template (for tests of a migration on older data). */
  empty?: boolean;
}

export async function createTestDatabase({ postgres = {}, empty = false, ...options }: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run the tests through jest (global-setup.ts)`);
  const url = serverUrl();
  if (url) {
    const name = `claimtrace_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery(empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${template}`);
    const direct = withDatabaseName(url, name);
    const { connectVia = (same: string) => same, ...pool } = postgres;
    const db = await openDatabase({ kind: 'postgres', url: connectVia(direct), poolSize: 4, ...pool }, options);
    return {
      ...db,
      url: direct,
      async destroy() {
        await db.close();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const db = await openDatabase(
    { kind: 'pglite', dataDir: 'memory://' },
    empty ? options : { ...options, loadDataDir: new Blob([fs.readFileSync(template)]) },
  );
  return { ...db, destroy: () => db.close() };
}
