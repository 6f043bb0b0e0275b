// History through the commands that write without the API: the seed and the import attribute every record they
// write to their run (SEED/IMPORT, with the command and the file), leave nothing for a rejected record or a second
// run, and never leave an entry without an actor (DATABASE); export --with-history writes the history after the rows
// and an import of that file restores it, matched the second time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/database';
import type { HistoryEntry } from '../../src/generated/prisma/client';
import { exportDatabase } from '../../src/modules/exchange/export.service';
import { openImportFile } from '../../src/modules/exchange/import-file';
import { Importer } from '../../src/modules/exchange/import.service';
import { commandWrite, inRecordedTransaction } from '../../src/modules/history/recorded-transaction';
import { runCli } from '../helpers/run-built';
import { createMigratedCommandDatabase, createTestDatabase, serverUrl, type TestDatabase } from '../helpers/test-database';
import { dataOf, startTestServer } from '../helpers/test-server';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const FACTCHECK = path.join(FIXTURES, 'factcheck-tools.json');
const SEED_ACTOR = 'db:seed (prisma/seed/inf-treaty.json)';

/**
 * A database the commands (child processes) and this process take turns on: on PostgreSQL a test database (open
 * here all along), on the embedded database a data directory, opened here only between commands (single-process).
 */
async function commandDatabase(workDir: string, name: string) {
  const server = serverUrl() ? await createTestDatabase() : undefined;
  const dataDir = path.join(workDir, name);
  // Migrated, as the test database on PostgreSQL is: the commands' first run then skips an initdb and the migrations.
  if (!server) await createMigratedCommandDatabase({ database: name, dataDir });
  return {
    run: (command: string, args: string[]) =>
      runCli(command, args, server ? { DATABASE_URL: server.url! } : { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir }),
    async read<T>(query: (db: Database) => Promise<T>): Promise<T> {
      if (server) return query(server);
      const db = await openDatabase({ kind: 'pglite', dataDir });
      try {
        return await query(db);
      } finally {
        await db.close();
      }
    },
    destroy: async () => server?.destroy(),
  };
}

const entries = (db: Database) => db.prisma.historyEntry.findMany({ orderBy: { id: 'asc' } });

/** An entry as a comparison sees it: without its id (each database numbers its own). */
const withoutId = ({ id: _id, ...entry }: HistoryEntry) => entry;

/** How many entries each actor kind wrote, for the "no DATABASE actor" checks and their failure messages. */
async function entriesByActor(db: Database): Promise<Record<string, number>> {
  const groups = await db.prisma.historyEntry.groupBy({ by: ['actorKind'], _count: { _all: true } });
  return Object.fromEntries(groups.map((group) => [group.actorKind, group._count._all]));
}

async function recordCount(db: Database): Promise<number> {
  const { prisma } = db;
  const counts = await Promise.all([
    prisma.speaker.count(),
    prisma.source.count(),
    prisma.claim.count(),
    prisma.rebuttal.count(),
    prisma.review.count(),
    prisma.appearance.count(),
    prisma.sourceText.count(),
  ]);
  return counts.reduce((sum, count) => sum + count, 0);
}

/**
 * The entries of the first appearances the database makes with each claim that has a source, which the import then
 * replaces by the file's appearance row (its CREATE, and the DELETE of the replacement): not rows of the file.
 */
const madeAppearances = (entries: readonly HistoryEntry[]): Set<HistoryEntry> => {
  const replaced = new Set(
    entries.filter((entry) => entry.entityType === 'APPEARANCE' && entry.action === 'DELETE').map((entry) => entry.entityId),
  );
  return new Set(entries.filter((entry) => entry.entityType === 'APPEARANCE' && replaced.has(entry.entityId)));
};

const summaryRow = (stdout: string, model: string) => {
  const match = new RegExp(`^\\s+${model}\\s+(\\d+)\\s+(\\d+)$`, 'm').exec(stdout);
  return match ? { created: Number(match[1]), matched: Number(match[2]) } : undefined;
};

/** Imports a file in this process, as `npm run import -- FILE` does (same actor). */
async function importFile(db: Database, file: string) {
  const importer = await Importer.open(db.prisma, commandWrite('IMPORT', `import ${path.basename(file)}`));
  await openImportFile(file).run(importer, () => {});
  return importer.summary;
}

async function exportToFile(db: Database, file: string, withHistory: boolean) {
  const chunks: string[] = [];
  const { counts } = await exportDatabase(db.prisma, 'jsonl', {}, async (chunk) => void chunks.push(chunk), { withHistory });
  fs.writeFileSync(file, chunks.join(''));
  return counts;
}

const lines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('history of the seed, the import and the export', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-history-exchange-'));
  let seeded: Awaited<ReturnType<typeof commandDatabase>>;
  let copy: Awaited<ReturnType<typeof commandDatabase>>;

  beforeAll(async () => {
    seeded = await commandDatabase(workDir, 'seeded');
    copy = await commandDatabase(workDir, 'copy');
  }, 60_000);
  afterAll(async () => {
    await seeded?.destroy();
    await copy?.destroy();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('the seed leaves one CREATE entry per record, attributed to its run, and a second seed none', async () => {
    expect((await seeded.run('seed', [])).code).toBe(0);
    await seeded.read(async (db) => {
      const all = await entries(db);
      // The seed anchors each claim's first appearance after the database made it with the claim: one UPDATE each.
      const anchored = all.filter((entry) => entry.action === 'UPDATE');
      expect(anchored.map((entry) => [entry.entityType, entry.actorKind])).toEqual(
        Array(await db.prisma.appearance.count()).fill(['APPEARANCE', 'SEED']),
      );
      const written = all.filter((entry) => entry.action !== 'UPDATE');
      const records = await recordCount(db);
      expect(records).toBeGreaterThan(50);
      expect(written).toHaveLength(records);
      expect(new Set(written.map((entry) => `${entry.entityType} ${entry.entityId}`)).size).toBe(records);
      for (const entry of written) {
        expect({ action: entry.action, kind: entry.actorKind, name: entry.actorName, key: entry.actorKeyId }).toEqual({
          action: 'CREATE',
          kind: 'SEED',
          name: SEED_ACTOR,
          key: null,
        });
      }
      const speaker = await db.prisma.speaker.findFirstOrThrow({ where: { slug: 'jens-stoltenberg' } });
      expect(written.find((entry) => entry.entityId === speaker.id)?.state).toMatchObject({
        id: speaker.id,
        slug: 'jens-stoltenberg',
        name: speaker.name,
      });
    });
    const again = await seeded.run('seed', []);
    expect(again.stdout).toContain('nothing created');
    await seeded.read(async (db) => {
      const total = (await recordCount(db)) + (await db.prisma.appearance.count());
      expect(await db.prisma.historyEntry.count()).toBe(total);
      expect(await entriesByActor(db)).toEqual({ SEED: total });
    });
  }, 120_000);

  it('an import leaves CREATE entries naming the file, none for a rejected record, none the second time', async () => {
    const before = await seeded.read((db) => db.prisma.historyEntry.count());
    const first = await seeded.run('import', [FACTCHECK]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/8 record\(s\), 4 imported, 4 rejected/);
    // The fixture's expected summary (import-export.test.ts): one claim and four reviews are new.
    expect(summaryRow(first.stdout, 'claims')).toEqual({ created: 1, matched: 3 });
    expect(summaryRow(first.stdout, 'reviews')).toEqual({ created: 4, matched: 1 });
    expect(summaryRow(first.stdout, 'history')).toEqual({ created: 0, matched: 0 });
    const afterFirst = await seeded.read(async (db) => {
      const written = await db.prisma.historyEntry.findMany({ where: { actorKind: 'IMPORT' }, orderBy: { id: 'asc' } });
      expect(written.map((entry) => [entry.entityType, entry.action, entry.actorName]).sort()).toEqual([
        ['CLAIM', 'CREATE', 'import factcheck-tools.json'],
        ...Array.from({ length: 4 }, () => ['REVIEW', 'CREATE', 'import factcheck-tools.json']),
      ]);
      // Record 7's first review was valid, its second not: the record left nothing, no entry either.
      const rejected = await db.prisma.historyEntry.count({
        where: {
          OR: [
            { state: { path: ['url'], equals: 'https://factdesk.example.org/checks/ryabkov-compliance' } },
            { state: { path: ['text'], equals: 'Russia is in full compliance with the treaty.' } },
          ],
        },
      });
      expect(rejected).toBe(0);
      expect(await entriesByActor(db)).toEqual({ SEED: before, IMPORT: 5 });
      return db.prisma.historyEntry.count();
    });
    expect(afterFirst).toBe(before + 5);

    const second = await seeded.run('import', [FACTCHECK]);
    expect(second.code).toBe(0);
    expect(await seeded.read((db) => db.prisma.historyEntry.count())).toBe(afterFirst);
  }, 120_000);

  it('a jsonl import leaves a CREATE entry per row; a rejected line none; a re-import none', async () => {
    const file = path.join(workDir, 'rows.jsonl');
    const exported = await seeded.read((db) => exportToFile(db, file, false));
    expect(exported.history).toBeUndefined();
    expect(lines(file).some((line) => line.type === 'history')).toBe(false);
    const rows = lines(file).length;
    // A claim whose speaker is neither in the file nor in the database: refused by the database, after nothing else.
    const orphan = {
      ...lines(file).find((line) => line.type === 'claim'),
      id: '00000000-0000-4000-8000-000000000001',
      speakerId: '00000000-0000-4000-8000-000000000002',
      text: 'An orphan claim',
    };
    fs.appendFileSync(file, `${JSON.stringify(orphan)}\n`);

    const first = await copy.run('import', [file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`${rows + 1} record\\(s\\), ${rows} imported, 1 rejected`));
    expect(first.stdout).toContain(`line ${rows + 1}: names a record that is neither in the file nor in the database`);
    await copy.read(async (db) => {
      const all = await entries(db);
      const made = madeAppearances(all);
      expect(made.size).toBe(2 * (await db.prisma.claim.count({ where: { sourceId: { not: null } } })));
      const written = all.filter((entry) => !made.has(entry));
      expect(written).toHaveLength(rows);
      for (const entry of written)
        expect([entry.action, entry.actorKind, entry.actorName]).toEqual(['CREATE', 'IMPORT', 'import rows.jsonl']);
      expect(written.some((entry) => entry.entityId === orphan.id)).toBe(false);
      expect(await entriesByActor(db)).toEqual({ IMPORT: all.length });
    });
    const second = await copy.run('import', [file]);
    expect(second.stdout).toMatch(/1 rejected/);
    // Still the rows' entries and, per claim with a source, the made first appearance's CREATE and DELETE: nothing new.
    const made = async (db: Database) => 2 * (await db.prisma.claim.count({ where: { sourceId: { not: null } } }));
    expect(await copy.read(async (db) => (await db.prisma.historyEntry.count()) - (await made(db)))).toBe(rows);
  }, 120_000);

  it('export --with-history writes every entry after the rows, in id order, with every column; without it none', async () => {
    const file = path.join(workDir, 'with-history.jsonl');
    const result = await seeded.run('export', ['--format', 'jsonl', '--with-history', '--out', file]);
    expect(result.code).toBe(0);
    const written = await seeded.read(entries);
    expect(result.stderr).toMatch(new RegExp(`, \\d+ reviews, ${written.length} history as jsonl to `));
    const all = lines(file);
    const firstHistory = all.findIndex((line) => line.type === 'history');
    expect(firstHistory).toBeGreaterThan(0);
    expect(all.slice(firstHistory).every((line) => line.type === 'history')).toBe(true);
    const history = all.slice(firstHistory);
    expect(history).toEqual(
      written.map((entry) => ({ type: 'history', ...entry, id: entry.id.toString(), recordedAt: entry.recordedAt.toISOString() })),
    );
    // Every column, in the order the file lists them (the table's, from the catalogue).
    const columns = await seeded.read(
      (db) =>
        db.prisma.$queryRaw<{ column: string }[]>`SELECT column_name AS "column" FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'history_entries' ORDER BY ordinal_position`,
    );
    const camel = (column: string) => column.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase());
    expect(Object.keys(history[0]!)).toEqual(['type', ...columns.map(({ column }) => camel(column))]);

    const plain = await seeded.run('export', ['--format', 'jsonl']);
    expect(plain.stdout).not.toContain('"type":"history"');
    expect(plain.stderr).not.toMatch(/history/);
    for (const args of [
      ['--format', 'claimreview', '--with-history'],
      ['--format', 'jsonl', '--with-history', '--speaker', 'jens-stoltenberg'],
    ]) {
      const refused = await seeded.run('export', args);
      expect({ args, code: refused.code }).toEqual({ args, code: 1 });
      expect(refused.stderr).toMatch(/--with-history/);
    }
  }, 120_000);

  it('round trip: the history of API mutations, exported with it, is restored into an empty database, once', async () => {
    const api = await startTestServer({ seed: true });
    let target: TestDatabase | undefined;
    try {
      const editor = await api.createKey('EDITOR', 'desk editor');
      const { createSpeaker } = dataOf(
        await api.gql(`mutation { createSpeaker(input: { name: "Ann Example", role: "Minister" }) { id } }`, {}, editor),
      );
      const { createClaim } = dataOf(
        await api.gql(
          `mutation($speakerId: ID!) { createClaim(input: { speakerId: $speakerId, kind: QUOTE, text: "The treaty is dead." }, reason: "From the press conference") { id } }`,
          { speakerId: createSpeaker.id },
          editor,
        ),
      );
      dataOf(
        await api.gql(
          `mutation($id: ID!) { updateClaim(id: $id, input: { text: "The treaty is dead, for now." }, reason: "Transcript checked") { id } }`,
          { id: createClaim.id },
          editor,
        ),
      );
      dataOf(await api.gql(`mutation($id: ID!) { setClaimReviewStatus(id: $id, status: IN_REVIEW) { id } }`, { id: createClaim.id }));
      const { createClaim: doomed } = dataOf(
        await api.gql(
          `mutation($speakerId: ID!) { createClaim(input: { speakerId: $speakerId, kind: QUOTE, text: "A duplicate." }) { id } }`,
          { speakerId: createSpeaker.id },
        ),
      );
      dataOf(await api.gql(`mutation($id: ID!) { deleteClaim(id: $id, reason: "Entered twice") { id } }`, { id: doomed.id }));

      const file = path.join(workDir, 'server.jsonl');
      const original = await entries(api.db);
      expect(
        original.filter((entry) => entry.actorKind === 'API_KEY').map((entry) => [entry.entityType, entry.action, entry.reason]),
      ).toEqual([
        ['SPEAKER', 'CREATE', null],
        ['CLAIM', 'CREATE', 'From the press conference'],
        ['CLAIM', 'UPDATE', 'Transcript checked'],
        ['CLAIM', 'STATUS', null],
        ['CLAIM', 'CREATE', null],
        ['CLAIM', 'DELETE', 'Entered twice'],
      ]);
      const counts = await exportToFile(api.db, file, true);
      expect(counts.history).toBe(original.length);
      const rows = lines(file).filter((line) => line.type !== 'history').length;

      target = await createTestDatabase();
      const summary = await importFile(target, file);
      expect(summary.rejected).toEqual([]);
      expect({ created: summary.created.history, matched: summary.matched.history }).toEqual({ created: original.length, matched: 0 });
      const restored = await entries(target);
      // First the import's own entries (the rows arrived by import), then the entries of the file, as they were.
      // (The import's entries include the first appearances the database makes with the claims that have a source.)
      const importRun = restored.filter((entry) => entry.actorName === 'import server.jsonl');
      const made = madeAppearances(importRun);
      expect(importRun.filter((entry) => !made.has(entry))).toHaveLength(rows);
      for (const entry of importRun.filter((entry) => !made.has(entry)))
        expect([entry.action, entry.actorKind, entry.actorName]).toEqual(['CREATE', 'IMPORT', 'import server.jsonl']);
      expect(restored.slice(importRun.length).map(withoutId)).toEqual(original.map(withoutId));
      // The deleted claim's history came along, its last state included, and the reasons and the key's name.
      expect(restored.filter((entry) => entry.entityId === doomed.id).map((entry) => [entry.action, entry.reason])).toEqual([
        ['CREATE', null],
        ['DELETE', 'Entered twice'],
      ]);
      expect(restored.find((entry) => entry.entityId === createClaim.id && entry.action === 'UPDATE')).toMatchObject({
        actorName: 'desk editor',
        reason: 'Transcript checked',
        changes: { text: { before: 'The treaty is dead.', after: 'The treaty is dead, for now.' } },
      });

      const again = await importFile(target, file);
      expect({ created: again.created.history, matched: again.matched.history }).toEqual({ created: 0, matched: original.length });
      expect(await target.prisma.historyEntry.count()).toBe(restored.length);
    } finally {
      await target?.destroy();
      await api.close();
    }
  }, 180_000);

  it('maps the entries of rows matched to records with other ids onto those records', async () => {
    const source = await createTestDatabase();
    const target = await createTestDatabase();
    try {
      // The same speaker under two ids; its entries in the two databases at different instants (the matching key).
      const setup = commandWrite('CLI', 'test setup');
      const ours = await inRecordedTransaction(target.prisma, setup, (tx) =>
        tx.speaker.create({ data: { name: 'Bo Example', slug: 'bo-example' } }),
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      const theirs = await inRecordedTransaction(source.prisma, setup, (tx) =>
        tx.speaker.create({ data: { name: 'Bo Example', slug: 'bo-example' } }),
      );
      const claim = await inRecordedTransaction(source.prisma, setup, (tx) =>
        tx.claim.create({ data: { text: 'Said once.', kind: 'QUOTE', speakerId: theirs.id } }),
      );
      expect(theirs.id).not.toBe(ours.id);
      const file = path.join(workDir, 'mapped.jsonl');
      await exportToFile(source, file, true);
      const summary = await importFile(target, file);
      expect(summary.matched.speakers).toBe(1);
      expect(summary.created.history).toBe(2);
      const restored = await target.prisma.historyEntry.findMany({ where: { actorKind: 'CLI' }, orderBy: { id: 'asc' }, skip: 1 });
      expect(restored.map((entry) => [entry.entityType, entry.entityId])).toEqual([
        ['SPEAKER', ours.id],
        ['CLAIM', claim.id],
      ]);
      expect(restored[0]!.state).toMatchObject({ id: ours.id, slug: 'bo-example' });
      expect(restored[1]!.state).toMatchObject({ id: claim.id, speaker_id: ours.id });
      expect(restored[1]!.changes).toMatchObject({ speakerId: { before: null, after: ours.id } });
    } finally {
      await source.destroy();
      await target.destroy();
    }
  }, 120_000);
});
