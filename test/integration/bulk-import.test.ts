// The fact-check importer's batches, with a batch of three records so that every case crosses a boundary: a speaker
// met in two batches is created once, a claim restated in a later batch is matched, a record that fails its checks in
// the middle of a batch is rejected with its reason and the rest of the batch imported, a record the database refuses
// (a slug taken behind the importer's back) is found by splitting the batch and rejected alone, the summary counts
// what was written, history has one entry per row created, and a second run creates nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openImportFile } from '../../src/modules/exchange/import-file';
import { Importer, type ImportSummary } from '../../src/modules/exchange/import.service';
import { commandWrite } from '../../src/modules/history/recorded-transaction';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const WRITE = commandWrite('IMPORT', 'import batches.json');
const BATCH_SIZE = 3;

const review = (n: number) => ({
  publisher: { name: 'Batch Desk', site: 'batchdesk.example.org' },
  url: `https://batchdesk.example.org/checks/${n}`,
  textualRating: 'False',
});
const claim = (claimant: string, text: string, n: number, extra: Record<string, unknown> = {}) => ({
  text,
  claimant,
  claimDate: '2019-02-01',
  claimReview: [review(n)],
  ...extra,
});

// Records 0-2, 3-5, 6-7 are the batches.
const CLAIMS = [
  claim('Ada Alpha', 'The first claim.', 0),
  claim('Bea Beta', 'The second claim.', 1),
  claim('ada  ALPHA', 'The third claim.', 2),
  claim('Cy Gamma', 'The fourth claim.', 3),
  claim('Bea Beta', 'A claim with a bad date.', 4, { claimDate: 'sometime' }),
  claim('Ada Alpha', 'the  FIRST claim.', 5),
  claim('Dora Delta', 'A claim whose speaker the database refuses.', 6),
  claim('Cy Gamma', 'The last claim.', 7),
];

describe('fact-check import in batches', () => {
  let db: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-batches-'));
  const file = path.join(dir, 'batches.json');

  beforeAll(async () => {
    db = await createTestDatabase();
    fs.writeFileSync(file, JSON.stringify({ claims: CLAIMS }));
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const importEntries = () => db.prisma.historyEntry.count({ where: { actorKind: 'IMPORT', actorName: WRITE.actor.name } });
  const run = async (before?: () => Promise<void>): Promise<ImportSummary> => {
    const importer = await Importer.open(db.prisma, WRITE, { batchSize: BATCH_SIZE });
    await before?.();
    const done: number[] = [];
    await openImportFile(file).run(importer, (count) => done.push(count));
    expect(done).toEqual([3, 6, 8]);
    return importer.summary;
  };

  it('imports across batches: matches what earlier batches created, rejects bad records alone with their reasons', async () => {
    // Taken after the importer read the speakers: its plan gives Dora Delta this slug, and the database refuses it.
    const summary = await run(async () => void (await db.prisma.speaker.create({ data: { name: 'Somebody Else', slug: 'dora-delta' } })));

    expect(summary.records).toBe(8);
    expect(summary.rejected).toEqual([
      { at: 'record 4', reason: 'claimDate is not a date: "sometime"' },
      { at: 'record 6', reason: expect.stringMatching(/^conflicts with an existing record \(.*slug.*\)$/) },
    ]);
    expect(summary.created).toEqual({
      speakers: 3,
      sources: 0,
      claims: 5,
      rebuttals: 0,
      reviews: 6,
      history: 0,
      appearances: 0,
      sourceTexts: 0,
    });
    expect(summary.matched).toEqual({
      speakers: 3,
      sources: 0,
      claims: 1,
      rebuttals: 0,
      reviews: 0,
      history: 0,
      appearances: 0,
      sourceTexts: 0,
    });

    const speakers = await db.prisma.speaker.findMany({
      where: { slug: { in: ['ada-alpha', 'bea-beta', 'cy-gamma', 'dora-delta'] } },
      include: { claims: { include: { reviews: true } } },
      orderBy: { slug: 'asc' },
    });
    expect(speakers.map((speaker) => [speaker.slug, speaker.name, speaker.claims.length])).toEqual([
      ['ada-alpha', 'Ada Alpha', 2],
      ['bea-beta', 'Bea Beta', 1],
      ['cy-gamma', 'Cy Gamma', 2],
      ['dora-delta', 'Somebody Else', 0],
    ]);
    const first = speakers[0]!.claims.find((found) => found.text === 'The first claim.')!;
    // Record 5 restates record 0's claim: matched, and its review (another URL) added to it.
    expect(first.reviews.map((found) => found.url).sort()).toEqual([
      'https://batchdesk.example.org/checks/0',
      'https://batchdesk.example.org/checks/5',
    ]);
    expect(first).toMatchObject({ kind: 'PARAPHRASE', reviewStatus: 'REVIEWED', statedAt: new Date('2019-02-01T00:00:00Z') });
    expect(
      await db.prisma.claim.count({ where: { text: { in: ['A claim with a bad date.', 'A claim whose speaker the database refuses.'] } } }),
    ).toBe(0);
    expect(await db.prisma.review.count({ where: { url: { in: [review(4).url, review(6).url] } } })).toBe(0);

    // One history entry per row created, attributed to the run; the search document written by its trigger.
    expect(await importEntries()).toBe(3 + 5 + 6);
    const [{ found } = { found: 0 }] = await db.prisma.$queryRaw<
      { found: number }[]
    >`SELECT count(*)::int AS found FROM claims WHERE search_vector @@ plainto_tsquery('english', 'fourth Gamma')`;
    expect(found).toBe(1);
  });

  it('creates nothing once the file is in, and adds nothing to the history', async () => {
    // Dora Delta now matches the speaker holding her slug (speakers match by name or slug), so record 6 goes in.
    const second = await run();
    expect(second.rejected.map(({ at }) => at)).toEqual(['record 4']);
    expect(second.created).toEqual({
      speakers: 0,
      sources: 0,
      claims: 1,
      rebuttals: 0,
      reviews: 1,
      history: 0,
      appearances: 0,
      sourceTexts: 0,
    });
    expect(await importEntries()).toBe(3 + 5 + 6 + 2);

    const third = await run();
    expect(third.rejected.map(({ at }) => at)).toEqual(['record 4']);
    expect(third.created).toEqual({
      speakers: 0,
      sources: 0,
      claims: 0,
      rebuttals: 0,
      reviews: 0,
      history: 0,
      appearances: 0,
      sourceTexts: 0,
    });
    expect(third.matched).toEqual({
      speakers: 7,
      sources: 0,
      claims: 7,
      rebuttals: 0,
      reviews: 7,
      history: 0,
      appearances: 0,
      sourceTexts: 0,
    });
    expect(await importEntries()).toBe(3 + 5 + 6 + 2);
  });
});
