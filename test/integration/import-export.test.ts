// npm run import and npm run export as a user runs them, against databases of their own: the fixture files in both
// fact-check formats (matching, rejections, notes, a second run that creates nothing), jsonl round trips that
// reproduce a database byte for byte, ClaimReview export, and the embedded database's lock.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/database';
import { withDatabaseName } from '../../src/db/pg-client';
import { runCli } from '../helpers/run-built';
import { adminQuery, createMigratedCommandDatabase, serverUrl } from '../helpers/test-database';
import { collectionModelViolations } from '../helpers/annotation-model';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const FACTCHECK = path.join(FIXTURES, 'factcheck-tools.json');
const CLAIMREVIEW = path.join(FIXTURES, 'claimreview.jsonld');

/** A database for the commands to work on: a PGlite data directory, or a database on the PostgreSQL server. */
function commandDatabase(workDir: string, name: string) {
  const database = `claimtrace_ie_${name}_${process.pid}`;
  const url = () => withDatabaseName(serverUrl()!, database);
  const dataDir = path.join(workDir, name);
  return {
    dataDir,
    env: (): Record<string, string> => (serverUrl() ? { DATABASE_URL: url() } : { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir }),
    create: () => createMigratedCommandDatabase({ database, dataDir }),
    async drop() {
      if (serverUrl()) await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
    /** Opens it in this process (closing it again before the next command: the embedded database is single-process). */
    async read<T>(query: (db: Database) => Promise<T>): Promise<T> {
      const db = await openDatabase(serverUrl() ? { kind: 'postgres', url: url(), poolSize: 1 } : { kind: 'pglite', dataDir });
      try {
        return await query(db);
      } finally {
        await db.close();
      }
    },
  };
}

type CommandDatabase = ReturnType<typeof commandDatabase>;

const summaryRow = (stdout: string, model: string) => {
  const match = new RegExp(`^\\s+${model}\\s+(\\d+)\\s+(\\d+)$`, 'm').exec(stdout);
  return match ? { created: Number(match[1]), matched: Number(match[2]) } : undefined;
};

/** The tables of a database and their rows, as the database's own catalogue lists them. */
interface TableContents {
  columns: string[];
  /** Each row's values (as JSON reads them), in primary-key order. */
  rows: unknown[][];
}

// Left out of the comparison: what each database makes of itself rather than what it was given. _prisma_migrations
// records when each database applied its migrations (ids and times of its own); claims.search_vector is derived by
// triggers from the claim's text and its speaker's and source's names, which are compared; any GENERATED column is
// derived too. idempotency_keys holds the server's replies to retried mutations, operational state and not the record.
// api_keys are credentials, never exported. history_entries differ by design (the copy's import writes entries of its
// own, and restores the exported ones under new ids): history-exchange.test.ts compares them.
// Ids and timestamps are compared: the jsonl format carries them and the import writes them as given.
const NOT_DATA_TABLES = new Set(['_prisma_migrations', 'idempotency_keys', 'api_keys', 'history_entries']);
const DERIVED_COLUMNS = new Set(['claims.search_vector']);

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
const isEmpty = (value: unknown) => value === null || (Array.isArray(value) && value.length === 0);

async function databaseContents(db: Database): Promise<Map<string, TableContents>> {
  const columns = await db.prisma.$queryRawUnsafe<{ table: string; column: string; generated: string }[]>(
    `SELECT c.table_name AS "table", c.column_name AS "column", c.is_generated AS generated
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const keys = await db.prisma.$queryRawUnsafe<{ table: string; column: string }[]>(
    `SELECT tc.table_name AS "table", k.column_name AS "column"
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
      WHERE tc.table_schema = current_schema() AND tc.constraint_type = 'PRIMARY KEY'
      ORDER BY k.ordinal_position`,
  );
  const contents = new Map<string, TableContents>();
  for (const { table, column, generated } of columns) {
    if (NOT_DATA_TABLES.has(table) || DERIVED_COLUMNS.has(`${table}.${column}`) || generated === 'ALWAYS') continue;
    if (!contents.has(table)) contents.set(table, { columns: [], rows: [] });
    contents.get(table)!.columns.push(column);
  }
  for (const [table, entry] of contents) {
    const order = keys.filter((key) => key.table === table).map((key) => quoted(key.column));
    expect({ table, primaryKey: order.length > 0 }).toEqual({ table, primaryKey: true });
    const rows = await db.prisma.$queryRawUnsafe<{ row: string }[]>(
      `SELECT json_build_array(${entry.columns.map(quoted).join(', ')})::text AS row FROM ${quoted(table)} ORDER BY ${order.join(', ')}`,
    );
    entry.rows = rows.map(({ row }) => JSON.parse(row) as unknown[]);
  }
  return contents;
}

const ARTICLE = 'Allies said on Friday that Russia is in material breach of the treaty. Moscow denies it.';

/** A source's text and appearances in every state, filling every column: VERIFIED, BROKEN with its closest match, a recording. */
async function anchorSomeClaims(prisma: Database['prisma']): Promise<void> {
  const [first, second] = await prisma.claim.findMany({ where: { sourceId: { not: null } }, orderBy: { id: 'asc' }, take: 2 });
  // A source of its own, so that its text fills every column whatever the seed stores.
  const { id: sourceId } = await prisma.source.create({ data: { title: 'Allies on the treaty', url: 'https://news.example.org/allies' } });
  await prisma.sourceText.create({
    data: {
      sourceId,
      content: ARTICLE,
      contentHash: createHash('sha256').update(ARTICLE).digest('hex'),
      language: 'en',
      retrievedAt: new Date('2019-02-02T08:00:00.000Z'),
    },
  });
  await prisma.appearance.create({
    data: {
      claimId: first!.id,
      sourceId,
      exact: 'Russia is in material breach of the treaty',
      prefix: 'Allies said on Friday that ',
      suffix: '. Moscow denies it.',
      startOffset: 27,
      endOffset: 69,
      verification: 'VERIFIED',
      verifiedAt: new Date('2019-02-02T09:00:00.000Z'),
    },
  });
  await prisma.appearance.create({
    data: {
      claimId: second!.id,
      sourceId,
      exact: 'Moscow denied it',
      prefix: 'treaty. ',
      startOffset: 71,
      endOffset: 87,
      verification: 'BROKEN',
      closestStart: 71,
      closestEnd: 87,
      verifiedAt: new Date('2019-02-03T09:00:00.000Z'),
    },
  });
  await prisma.appearance.create({ data: { claimId: first!.id, sourceId: first!.sourceId!, startSeconds: 12.5, endSeconds: 20.25 } });
}

describe('import and export', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-exchange-'));
  const seeded = commandDatabase(workDir, 'seeded');
  const copy = commandDatabase(workDir, 'copy');
  const empty = commandDatabase(workDir, 'empty');
  const run = (command: string, args: string[], db: CommandDatabase) => runCli(command, args, db.env());

  beforeAll(async () => {
    for (const db of [seeded, copy, empty]) await db.create();
    expect((await run('seed', [], seeded)).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    for (const db of [seeded, copy, empty]) await db.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('imports a Fact Check Tools file: matches the corpus, rejects bad records with their reasons, notes unknown ratings', async () => {
    const first = await run('import', [FACTCHECK], seeded);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/Fact Check Tools claims:search response\): 8 record\(s\), 4 imported, 4 rejected/);
    expect(summaryRow(first.stdout, 'speakers')).toEqual({ created: 0, matched: 4 });
    expect(summaryRow(first.stdout, 'claims')).toEqual({ created: 1, matched: 3 });
    expect(summaryRow(first.stdout, 'reviews')).toEqual({ created: 4, matched: 1 });
    expect(first.stdout).toContain('record 2: missing claimant: every claim needs the speaker who made it');
    expect(first.stdout).toContain('record 5: claimDate is not a date: "sometime in 2019"');
    expect(first.stdout).toContain('record 6: not an object');
    expect(first.stdout).toContain('record 7: claimReview.1.url "not a url" is not an absolute http(s) URL');
    expect(first.stdout).toMatch(
      /record 3: claimReview\.0: rating "Cuatro Pinochos y medio" is not in the rating word table; stored as UNPROVEN/,
    );

    await seeded.read(async ({ prisma }) => {
      const coats = await prisma.claim.findFirstOrThrow({
        where: { speaker: { slug: 'daniel-coats' }, text: { startsWith: 'We believe Russia' } },
        include: { reviews: { orderBy: { id: 'asc' } } },
      });
      // Matched to the corpus claim (curly apostrophe and all), not duplicated; its status is the desk's, untouched.
      expect(coats.reviewStatus).toBe('UNREVIEWED');
      expect(coats.reviews.map((review) => [review.rating, review.ratingText, review.language, review.organizationName])).toEqual([
        ['MOSTLY_TRUE', 'Mostly True', 'en', 'Example Fact Desk'],
        ['TRUE', 'Richtig', 'de-DE', 'Prüfstelle Beispiel'],
      ]);
      const deployed = await prisma.claim.findFirstOrThrow({
        where: { text: { startsWith: 'Russia has deployed' } },
        include: { speaker: true, reviews: true },
      });
      expect(deployed).toMatchObject({ kind: 'PARAPHRASE', statedAt: null, reviewStatus: 'REVIEWED', speaker: { slug: 'us-officials' } });
      expect(deployed.reviews).toMatchObject([{ rating: 'UNPROVEN', ratingText: 'Cuatro Pinochos y medio', language: 'es' }]);
      // The rejected records left nothing behind: no claim without its speaker, no half of record 7.
      expect(
        await prisma.claim.count({
          where: {
            text: { in: ['Russia is in full compliance with the treaty.', 'The INF treaty was signed by the United States alone.'] },
          },
        }),
      ).toBe(0);
      expect(await prisma.review.count({ where: { url: 'https://factdesk.example.org/checks/ryabkov-compliance' } })).toBe(0);
    });

    const second = await run('import', [FACTCHECK], seeded);
    expect(second.code).toBe(0);
    for (const model of ['speakers', 'sources', 'claims', 'rebuttals', 'reviews'])
      expect(summaryRow(second.stdout, model)?.created).toBe(0);
  }, 120_000);

  it('imports ClaimReview JSON-LD: sources by normalised URL, ratings from words or numbers, duplicates matched', async () => {
    const first = await run('import', [CLAIMREVIEW], seeded);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/ClaimReview JSON-LD\): 6 record\(s\), 4 imported, 2 rejected/);
    expect(summaryRow(first.stdout, 'sources')).toEqual({ created: 1, matched: 1 });
    expect(summaryRow(first.stdout, 'claims')).toEqual({ created: 2, matched: 2 });
    expect(summaryRow(first.stdout, 'reviews')).toEqual({ created: 3, matched: 1 });
    expect(summaryRow(first.stdout, 'appearances')).toEqual({ created: 2, matched: 0 });
    expect(first.stdout).toContain('record 2: missing claimant');
    expect(first.stdout).toContain('record 5: @type is "WebPage", not ClaimReview');
    expect(first.stdout).toMatch(
      /record 1: claimReview\.0: rating "plutôt vrai mais incomplet" taken from ratingValue 2 \(1\.\.5\) as MOSTLY_FALSE/,
    );

    await seeded.read(async ({ prisma }) => {
      const ryabkov = await prisma.review.findUniqueOrThrow({
        where: { url: 'https://checkers.example.org/inf/ryabkov-intelligence' },
        include: { claim: { include: { speaker: true } } },
      });
      expect(ryabkov).toMatchObject({
        rating: 'FALSE',
        ratingText: 'Falso',
        authorName: 'Jane Checker',
        summary: 'No sign the INF evidence was tweaked',
      });
      expect(ryabkov.claim.speaker.slug).toBe('sergei-ryabkov');
      expect(await prisma.source.findMany({ where: { url: { startsWith: 'https://news.example.org' } }, select: { url: true } })).toEqual([
        { url: 'https://news.example.org/2019/02/inf-allies' },
      ]);
      const kosachev = await prisma.claim.findFirstOrThrow({
        where: { text: { startsWith: 'Russia will respond' } },
        include: { speaker: true },
      });
      expect(kosachev).toMatchObject({ statedAt: new Date('2019-02-02T00:00:00.000Z'), speaker: { slug: 'konstantin-kosachev' } });
      // Where the claims appear: the corpus claim (matched) in the article too, with the quote the file gives, not its
      // first appearance; the new claim first there. Unverified until the article's text is stored.
      const appearances = await prisma.appearance.findMany({
        where: { source: { url: 'https://news.example.org/2019/02/inf-allies' } },
        orderBy: { claimId: 'asc' },
        select: { claimId: true, exact: true, isFirst: true, verification: true },
      });
      expect(appearances).toEqual(
        expect.arrayContaining([
          {
            claimId: ryabkov.claimId,
            exact: 'It’s possible that intelligence data were eagerly tweaked to serve a political order',
            isFirst: false,
            verification: 'UNVERIFIED',
          },
          { claimId: kosachev.id, exact: null, isFirst: true, verification: 'UNVERIFIED' },
        ]),
      );
      expect(appearances).toHaveLength(2);
    });

    const second = await run('import', [CLAIMREVIEW], seeded);
    for (const model of ['speakers', 'sources', 'claims', 'appearances', 'reviews'])
      expect(summaryRow(second.stdout, model)?.created).toBe(0);
    expect(summaryRow(second.stdout, 'appearances')).toEqual({ created: 0, matched: 2 });
  }, 120_000);

  it('exports jsonl that an empty database imports into a copy equal table by table and column by column', async () => {
    await seeded.read(async ({ prisma }) => {
      const reviewed = await prisma.claim.findFirstOrThrow({ where: { reviews: { some: {} } }, orderBy: { id: 'asc' } });
      await prisma.claim.update({ where: { id: reviewed.id }, data: { reviewStatus: 'PUBLISHED' } });
      await prisma.claim.updateMany({
        where: { reviews: { none: {} }, speaker: { slug: 'jens-stoltenberg' } },
        data: { reviewStatus: 'IN_REVIEW' },
      });
      // Values in the columns neither the corpus nor the fixtures fill, so that every column has something to lose.
      await prisma.speaker.update({
        where: { slug: 'heiko-maas' },
        data: { country: 'Germany', sameAs: ['https://en.wikipedia.org/wiki/Heiko_Maas'] },
      });
      await prisma.source.updateMany({
        where: { author: null },
        data: { author: 'A. Reporter', publishedAt: new Date('2019-02-01T10:00:00.123Z') },
      });
      await prisma.rebuttal.updateMany({ where: { rationale: null }, data: { rationale: 'Answers it' } });
      await prisma.review.updateMany({ where: { organizationUrl: null }, data: { organizationUrl: 'https://desk.example.org/' } });
      await anchorSomeClaims(prisma);
    });
    const counts = await seeded.read(async ({ prisma }) => ({
      sources: await prisma.source.count(),
      sourceTexts: await prisma.sourceText.count(),
      appearances: await prisma.appearance.count(),
    }));
    expect(counts.appearances).toBeGreaterThanOrEqual(3);
    const original = path.join(workDir, 'original.jsonl');
    const copied = path.join(workDir, 'copied.jsonl');
    const exported = await run('export', ['--format', 'jsonl', '--out', original], seeded);
    expect(exported).toMatchObject({ code: 0, stdout: '' });
    expect(exported.stderr).toContain(
      `Exported 19 speakers, ${counts.sources} sources, ${counts.sourceTexts} sourceTexts, 44 claims, ${counts.appearances} appearances, 14 rebuttals, 7 reviews as jsonl to `,
    );
    const lines = fs
      .readFileSync(original, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect([...new Set(lines.map((line) => line.type))]).toEqual([
      'speaker',
      'source',
      'sourceText',
      'claim',
      'appearance',
      'rebuttal',
      'review',
    ]);

    const imported = await run('import', [original], copy);
    expect(imported.code).toBe(0);
    const records = 19 + counts.sources + counts.sourceTexts + 44 + counts.appearances + 14 + 7;
    expect(imported.stdout).toContain(`claimtrace jsonl export): ${records} record(s), ${records} imported, 0 rejected`);
    expect(summaryRow(imported.stdout, 'rebuttals')).toEqual({ created: 14, matched: 0 });
    expect(summaryRow(imported.stdout, 'sourceTexts')).toEqual({ created: counts.sourceTexts, matched: 0 });
    expect(summaryRow(imported.stdout, 'appearances')).toEqual({ created: counts.appearances, matched: 0 });

    const before = await seeded.read(databaseContents);
    const after = await copy.read(databaseContents);
    expect([...before.keys()]).toEqual(['appearances', 'claims', 'rebuttals', 'reviews', 'source_texts', 'sources', 'speakers']);
    for (const [table, { columns, rows }] of before) {
      // Each column on its own, so that a difference names the table and the column.
      for (const [index, column] of columns.entries()) {
        const values = (contents: TableContents | undefined) => contents?.rows.map((row) => row[index]);
        expect({ table, column, values: values(after.get(table)) }).toEqual({ table, column, values: values(before.get(table)) });
        // A column that is empty everywhere would pass whatever the round trip did with it.
        expect({ table, column, holdsData: rows.some((row) => !isEmpty(row[index])) }).toEqual({ table, column, holdsData: true });
      }
      expect(after.get(table)?.columns).toEqual(columns);
    }
    // The compared columns include the ones the jsonl format once lost.
    expect(before.get('speakers')?.columns).toEqual(expect.arrayContaining(['aliases', 'wikidata_id', 'same_as', 'organization_id']));

    expect((await run('export', ['--format', 'jsonl', '--out', copied], copy)).code).toBe(0);
    expect(fs.readFileSync(copied, 'utf8')).toBe(fs.readFileSync(original, 'utf8'));
    const again = await run('import', [original], copy);
    expect(summaryRow(again.stdout, 'claims')).toEqual({ created: 0, matched: 44 });
    expect(summaryRow(again.stdout, 'appearances')).toEqual({ created: 0, matched: counts.appearances });
    expect(summaryRow(again.stdout, 'sourceTexts')).toEqual({ created: 0, matched: counts.sourceTexts });
  }, 180_000);

  it('exports a filtered part: the claims selected, with their speakers, sources, reviews and the rebuttals between them', async () => {
    const result = await run('export', ['--format', 'jsonl', '--speaker', 'daniel-coats'], seeded);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.filter((line) => line.type === 'speaker').map((line) => line.slug)).toEqual(['daniel-coats']);
    const claimIds = new Set(lines.filter((line) => line.type === 'claim').map((line) => line.id));
    expect(claimIds.size).toBeGreaterThan(0);
    for (const line of lines.filter((row) => row.type === 'review' || row.type === 'rebuttal'))
      expect(claimIds.has(line.claimId)).toBe(true);

    const published = await run('export', ['--format', 'jsonl', '--status', 'PUBLISHED'], seeded);
    expect(published.stdout.split('\n').filter((line) => line.includes('"type":"claim"'))).toHaveLength(1);
  }, 60_000);

  it('exports the appearances as a W3C AnnotationCollection that meets the Web Annotation model, filters included', async () => {
    const file = path.join(workDir, 'annotations.jsonld');
    const result = await run('export', ['--format', 'annotations', '--out', file], seeded);
    expect(result.code).toBe(0);
    const collection = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(collectionModelViolations(collection)).toEqual([]);
    const count = await seeded.read(({ prisma }) => prisma.appearance.count());
    expect(collection).toMatchObject({ type: 'AnnotationCollection', total: count, first: { type: 'AnnotationPage', startIndex: 0 } });
    expect(result.stderr).toContain(`Exported ${count} appearances as annotations to `);
    type Item = { target: { selector?: { type: string }[]; 'claimtrace:verification': string; 'claimtrace:closestMatch'?: unknown } };
    const items: Item[] = collection.first.items;
    const byState = (state: string) => items.filter((item) => item.target['claimtrace:verification'] === state);
    const [verified] = byState('VERIFIED');
    expect(verified?.target.selector?.map((selector) => selector.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
    const [broken] = byState('BROKEN');
    expect(broken?.target.selector?.map((selector) => selector.type)).toEqual(['TextQuoteSelector']);
    expect(broken?.target['claimtrace:closestMatch']).toEqual({ type: 'TextPositionSelector', start: 71, end: 87 });
    expect(items.flatMap((item) => item.target.selector ?? []).filter((selector) => selector.type === 'FragmentSelector')).toEqual([
      { type: 'FragmentSelector', conformsTo: 'http://www.w3.org/TR/media-frags/', value: 't=12.5,20.25' },
    ]);

    const none = await run('export', ['--format', 'annotations', '--speaker', 'nobody'], seeded);
    const empty = JSON.parse(none.stdout);
    expect(empty).toMatchObject({ type: 'AnnotationCollection', total: 0 });
    expect(empty).not.toHaveProperty('first');
    expect(collectionModelViolations(empty)).toEqual([]);
  }, 60_000);

  it('exports ClaimReview JSON-LD, one item per review, that reads back as the same reviews', async () => {
    const file = path.join(workDir, 'reviews.jsonld');
    const result = await run('export', ['--format', 'claimreview', '--out', file], seeded);
    expect(result.code).toBe(0);
    const items = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(items).toHaveLength(7);
    for (const item of items) {
      expect(item).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        reviewRating: { '@type': 'Rating' },
        itemReviewed: { '@type': 'Claim' },
      });
      expect(typeof item.reviewRating.alternateName).toBe('string');
    }
    // The corpus's identities: a named speaker's Wikidata item, and an unnamed speaker's organization in its place.
    const authors = items.map((item: { itemReviewed: { author: { name: string } } }) => item.itemReviewed.author);
    expect(authors).toContainEqual({ '@type': 'Organization', name: 'NATO', sameAs: ['https://www.wikidata.org/wiki/Q7184'] });
    expect(authors.filter((author: { name: string }) => /unnamed/.test(author.name))).toEqual([]);
    const reimported = await run('import', [file], seeded);
    expect(reimported.stdout).toMatch(/7 record\(s\), 7 imported, 0 rejected/);
    for (const model of ['speakers', 'sources', 'claims', 'reviews']) expect(summaryRow(reimported.stdout, model)?.created).toBe(0);

    // Reviews without their URL (one imported from the JSON-LD fixture) are written, with a note: Google requires it.
    const unlinked = items.filter((item: { url?: string }) => item.url === undefined);
    expect(unlinked).toHaveLength(1);
    expect(result.stderr).toMatch(/Note: 1 review\(s\) have no url: .*requires the review's URL/);

    const none = await run('export', ['--format', 'claimreview', '--speaker', 'nobody'], seeded);
    expect(JSON.parse(none.stdout)).toEqual([]);
    expect(none.stderr).not.toMatch(/Note:/);
  }, 60_000);

  it('exits 1 with a message only when the file itself cannot be imported, or the arguments are wrong', async () => {
    const notJson = path.join(workDir, 'broken.json');
    fs.writeFileSync(notJson, '{"claims": [');
    const unknown = path.join(workDir, 'unknown.json');
    fs.writeFileSync(unknown, '{"items": []}');
    const latin1 = path.join(workDir, 'latin1.json');
    fs.writeFileSync(
      latin1,
      Buffer.concat([Buffer.from('{"claims": [{"text": "caf'), Buffer.from([0xe9]), Buffer.from('", "claimant": "A"}]}')]),
    );
    const cases: [string, string[], RegExp][] = [
      ['import', [path.join(workDir, 'missing.json')], /Cannot read .*missing\.json/],
      ['import', [notJson], /is not valid JSON/],
      ['import', [unknown], /is in no format the importer reads/],
      ['import', [latin1], /latin1\.json is not UTF-8 text/],
      ['import', [], /Usage: npm run import -- FILE/],
      ['export', ['--format', 'xml'], /--format must be one of jsonl, claimreview/],
      ['export', ['--format', 'jsonl', '--status', 'DONE'], /--status DONE: not a review status/],
    ];
    for (const [entry, args, message] of cases) {
      const result = await run(entry, args, empty);
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);

  it('refuses to import into or export from an embedded database another process holds', async () => {
    if (serverUrl()) return; // a server takes many clients: nothing to refuse
    fs.writeFileSync(
      `${seeded.dataDir}.lock`,
      JSON.stringify({ pid: process.pid, command: 'npm start', startedAt: new Date().toISOString() }),
    );
    try {
      for (const [entry, args] of [
        ['import', [FACTCHECK]],
        ['export', ['--format', 'jsonl']],
      ] as const) {
        const refused = await run(entry, [...args], seeded);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(/in use by another claimtrace process \(pid \d+, "npm start"/);
        expect(refused.stdout).toBe('');
      }
    } finally {
      fs.rmSync(`${seeded.dataDir}.lock`);
    }
  }, 60_000);
});
