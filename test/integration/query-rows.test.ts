import { pageWindow } from '../../src/common/pagination';
import { MAX_PREPARED_STATEMENTS, transactionDataAccess } from '../../src/db/database';
import { NO_RELATIONS, readById, readPage, type ReadPlan } from '../../src/db/nested-read';
import { Prisma } from '../../src/generated/prisma/client';
import { CLAIM_RELATIONS } from '../../src/modules/claims/claim.relations';
import { CLAIM_TABLE } from '../../src/modules/claims/claim.columns';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { makeClaim, makeSource, makeSpeaker } from '../helpers/factories';

// queryRows reads rows through the driver itself, beside Prisma: it must read every value as Prisma does, whatever the
// server process's time zone (node-postgres alone reads a date as local midnight). jest.config.js sets a zone behind UTC.
describe('Database.queryRows', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.destroy());

  it('runs in a time zone other than UTC, or it would prove nothing of dates', () => {
    expect(new Date(2019, 1, 1).getTimezoneOffset()).not.toBe(0);
  });

  it('reads claims as Prisma reads them: dates at UTC midnight, timestamps exact, enums as names', async () => {
    const speaker = await makeSpeaker(db.prisma);
    const source = await makeSource(db.prisma);
    const dated = await makeClaim(db.prisma, {
      speakerId: speaker.id,
      sourceId: source.id,
      statedAt: new Date('2019-02-01'),
      kind: 'PARAPHRASE',
    });
    const undated = await makeClaim(db.prisma, { speakerId: speaker.id });
    const rows = await db.queryRows<Record<string, unknown>>(
      Prisma.sql`SELECT ${CLAIM_TABLE.sqlColumns('c')} FROM claims c WHERE c.id = ANY(${[dated.id, undated.id]}::uuid[]) ORDER BY c.created_at`,
    );
    expect(rows).toEqual([dated, undated]);
    expect((rows[0]!.statedAt as Date).toISOString()).toBe('2019-02-01T00:00:00.000Z');
  });

  it('reads arrays, booleans and integers as JavaScript values', async () => {
    const speaker = await db.prisma.speaker.create({
      data: { name: 'Sergei Ryabkov', slug: 'ryabkov-query-rows', aliases: ['Ryabkov', 'Рябков'] },
    });
    const [row] = await db.queryRows<{ aliases: string[]; isNamed: boolean; depth: number }>(
      Prisma.sql`SELECT aliases, is_named AS "isNamed", 2 AS depth FROM speakers WHERE id = ${speaker.id}::uuid`,
    );
    expect(row).toEqual({ aliases: ['Ryabkov', 'Рябков'], isNamed: speaker.isNamed, depth: 2 });
  });

  it('reads a nested read alike on the database and inside a transaction (where it runs through Prisma)', async () => {
    const speaker = await makeSpeaker(db.prisma);
    const claim = await makeClaim(db.prisma, { speakerId: speaker.id, statedAt: new Date('2019-02-01') });
    let primed: unknown;
    const plan: ReadPlan = {
      relations: [
        { relation: CLAIM_RELATIONS.speaker, count: false, plan: NO_RELATIONS, onRead: (_parent, related) => (primed = related) },
      ],
    };
    const outside = await readById(db.queryRows, CLAIM_TABLE, claim.id, plan);
    expect(outside).toEqual(claim);
    expect(primed).toEqual(speaker);
    primed = undefined;
    const inside = await db.prisma.$transaction((tx) => readById(transactionDataAccess(tx).queryRows, CLAIM_TABLE, claim.id, plan));
    expect(inside).toEqual(claim);
    expect(primed).toEqual(speaker);
    const page = await db.prisma.$transaction((tx) =>
      readPage(transactionDataAccess(tx).queryRows, CLAIM_TABLE, undefined, pageWindow({ first: 1 }), { plan, count: true }),
    );
    expect(page.nodes).toHaveLength(1);
    expect(await page.totalCount()).toBeGreaterThanOrEqual(1);
  });

  it('runs statements marked for preparing again with other values, past the cap of distinct texts too', async () => {
    for (const value of [1, 2])
      expect(await db.queryRows({ text: 'SELECT $1::int AS n', values: [value], prepare: true })).toEqual([{ n: value }]);
    const texts = Array.from({ length: MAX_PREPARED_STATEMENTS + 5 }, (_, i) => `SELECT $1::int + ${i} AS n`);
    const answers = await Promise.all(texts.map((text) => db.queryRows<{ n: number }>({ text, values: [1], prepare: true })));
    expect(answers.map(([row]) => row!.n)).toEqual(texts.map((_, i) => i + 1));
  });
});
