// Start-up on a database that has every migration leaves the schema engine unloaded (its WebAssembly memory would
// stay with the server for good); anything to apply still goes through the engine, on both databases.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrationsDir } from '../../src/config';
import { applyMigrations } from '../../src/db/migrator';
import * as schemaEngine from '../../src/db/schema-engine';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

describe('applyMigrations', () => {
  let db: TestDatabase;
  const extraDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-migrations-'));
  beforeAll(async () => {
    db = await createTestDatabase();
    fs.cpSync(migrationsDir, extraDir, { recursive: true });
    fs.mkdirSync(path.join(extraDir, '29991231000000_noop'));
    fs.writeFileSync(path.join(extraDir, '29991231000000_noop', 'migration.sql'), 'CREATE TABLE noop_marker (id int);\n');
  });
  afterAll(async () => {
    fs.rmSync(extraDir, { recursive: true, force: true });
    await db.destroy();
  });
  afterEach(() => jest.restoreAllMocks());

  it('does not load the schema engine when the database records every migration, unchanged', async () => {
    const engine = jest.spyOn(schemaEngine, 'withSchemaEngine');
    expect(await applyMigrations(db)).toEqual([]);
    expect(engine).not.toHaveBeenCalled();
  });

  it('applies a pending migration through the engine, then is up to date again without it', async () => {
    const engine = jest.spyOn(schemaEngine, 'withSchemaEngine');
    expect(await applyMigrations(db, extraDir)).toEqual(['29991231000000_noop']);
    expect(engine).toHaveBeenCalledTimes(1);
    expect(await db.queryRows({ text: `SELECT to_regclass('noop_marker') IS NOT NULL AS present`, values: [] })).toEqual([
      { present: true },
    ]);
    expect(await applyMigrations(db, extraDir)).toEqual([]);
    expect(engine).toHaveBeenCalledTimes(1);
  });

  it('hands an edited migration to the engine rather than call it up to date', async () => {
    const [first] = fs
      .readdirSync(migrationsDir)
      .filter((name) => fs.statSync(path.join(migrationsDir, name)).isDirectory())
      .sort();
    await db.queryRows({ text: `UPDATE _prisma_migrations SET checksum = 'edited' WHERE migration_name = $1`, values: [first] });
    const engine = jest.spyOn(schemaEngine, 'withSchemaEngine');
    await applyMigrations(db, extraDir).catch(() => undefined);
    expect(engine).toHaveBeenCalledTimes(1);
  });
});
