// Appearances anchored to the words of a source's stored text, on both databases: anchoring by exact text and by
// position, refusals that name the field and write nothing, verification following the text as it changes, the text's
// history, the first appearance in step with Claim.source, the migration of existing claims, and permissions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrationsDir } from '../../src/config';
import { applyMigrations } from '../../src/db/migrator';
import { makeClaim, makeSource, makeSpeaker, tableCounts } from '../helpers/factories';
import { createTestDatabase } from '../helpers/test-database';
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';

const TEXT =
  'BRUSSELS — NATO said the main focus “is to preserve the treaty,” adding that the process ends in August.\n\n' +
  'A NATO official said the main goal is to preserve the treaty. “We don’t require them to set fire to their plants,” he said.';

const APPEARANCE = `id isFirst verification anchor { exact prefix suffix start end } closestMatch { start end }
  context(chars: 20) { before exact after marked } source { id }`;
const ADD = `mutation($input: AddAppearanceInput!) { addAppearance(input: $input) { ${APPEARANCE} } }`;
const SET_CONTENT = `mutation($input: SetSourceContentInput!) { setSourceContent(input: $input) { id content contentHash language retrievedAt } }`;

describe('appearances', () => {
  let api: TestServer;
  let speakerId: string;
  let sourceId: string;
  let quoteId: string;
  beforeAll(async () => {
    api = await startTestServer();
    speakerId = (await makeSpeaker(api.db.prisma)).id;
    sourceId = (await makeSource(api.db.prisma, { title: 'NATO plans' })).id;
    quoteId = (await makeClaim(api.db.prisma, { speakerId, text: 'is to preserve the treaty', kind: 'QUOTE' })).id;
  });
  afterAll(() => api.close());

  it('keeps an anchor UNVERIFIED while the source has no text', async () => {
    const claimId = (await makeClaim(api.db.prisma, { speakerId, text: 'set fire to their plants' })).id;
    const added = dataOf(await api.gql(ADD, { input: { claimId, sourceId, anchor: { exact: 'set fire to their plants' } } })).addAppearance;
    expect(added).toMatchObject({ isFirst: true, verification: 'UNVERIFIED', anchor: { start: null }, context: null });
  });

  it('stores the text in NFC with its hash, and places the waiting anchor in it', async () => {
    const set = dataOf(
      await api.gql(SET_CONTENT, {
        input: { sourceId, content: TEXT.normalize('NFD'), language: 'EN', retrievedAt: '2019-01-01T00:00:00Z' },
      }),
    );
    expect(set.setSourceContent).toMatchObject({ content: TEXT, language: 'en', retrievedAt: '2019-01-01T00:00:00.000Z' });
    expect(set.setSourceContent.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const waiting = dataOf(
      await api.gql(`query($id: ID!) { source(id: $id) { appearances { nodes { ${APPEARANCE} } } } }`, { id: sourceId }),
    ).source.appearances.nodes;
    expect(waiting).toEqual([
      expect.objectContaining({ verification: 'VERIFIED', anchor: expect.objectContaining({ start: TEXT.indexOf('set fire') }) }),
    ]);
  });

  it('refuses an ambiguous, a missing or a misplaced anchor, naming the field and writing nothing', async () => {
    const before = await tableCounts(api.db.prisma);
    const ambiguous = await api.gql(ADD, { input: { claimId: quoteId, sourceId, anchor: { exact: 'is to preserve the treaty' } } });
    expect(ambiguous.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.anchor.exact' } });
    expect(ambiguous.errors?.[0]?.message).toMatch(/stands 2 times/);
    const missing = await api.gql(ADD, { input: { claimId: quoteId, sourceId, anchor: { exact: 'is to scrap the treaty' } } });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.anchor.exact' });
    const misplaced = await api.gql(ADD, {
      input: { claimId: quoteId, sourceId, anchor: { exact: 'is to preserve the treaty', start: 0, end: 25 } },
    });
    expect(misplaced.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.anchor.exact' });
    const notTheQuote = await api.gql(ADD, { input: { claimId: quoteId, sourceId, anchor: { exact: 'adding that the process' } } });
    expect(notTheQuote.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.anchor.exact' });
    expect(await tableCounts(api.db.prisma)).toEqual(before);
  });

  let anchoredId: string;
  it('anchors by exact text told apart by its prefix, with straight quotes matching typographic ones', async () => {
    const added = dataOf(
      await api.gql(ADD, {
        input: { claimId: quoteId, sourceId, anchor: { exact: '"is to preserve the treaty,"', prefix: 'main focus ' } },
      }),
    ).addAppearance;
    const start = TEXT.indexOf('“is to');
    expect(added).toMatchObject({
      isFirst: true,
      verification: 'VERIFIED',
      anchor: { exact: '“is to preserve the treaty,”', start, end: start + 28, prefix: expect.stringMatching(/main focus $/) },
      context: { exact: '“is to preserve the treaty,”', marked: '…the main focus ⟦“is to preserve the treaty,”⟧ adding that the…' },
      source: { id: sourceId },
    });
    anchoredId = added.id;
    const claim = dataOf(
      await api.gql(`query($id: ID!) { claim(id: $id) { source { id } firstAppearance { id } } }`, { id: quoteId }),
    ).claim;
    expect(claim).toEqual({ source: { id: sourceId }, firstAppearance: { id: anchoredId } });
  });

  it('anchors by position, taking the text there', async () => {
    const start = TEXT.indexOf('is to preserve the treaty.');
    const added = dataOf(await api.gql(ADD, { input: { claimId: quoteId, sourceId, anchor: { start, end: start + 25 } } })).addAppearance;
    expect(added).toMatchObject({ isFirst: false, verification: 'VERIFIED', anchor: { exact: 'is to preserve the treaty' } });
  });

  it('goes BROKEN when the text changes, with the closest match, and back to VERIFIED when the text is restored', async () => {
    const edited = `Updated: ${TEXT.replace('“is to preserve the treaty,”', '“is to keep the treaty,”')}`;
    dataOf(await api.gql(SET_CONTENT, { input: { sourceId, content: edited } }));
    const read = () => api.gql(`query($id: ID!) { node(id: $id) { ... on Appearance { ${APPEARANCE} } } }`, { id: anchoredId });
    const broken = dataOf(await read()).node;
    const closest = edited.indexOf('“is to keep');
    expect(broken).toMatchObject({
      verification: 'BROKEN',
      closestMatch: { start: closest, end: closest + 24 },
      context: { exact: '“is to keep the treaty,”' },
    });
    dataOf(await api.gql(SET_CONTENT, { input: { sourceId, content: TEXT } }));
    expect(dataOf(await read()).node).toMatchObject({ verification: 'VERIFIED', closestMatch: null });

    // The same text set again moves no anchor: the appearance is not written again, nor recorded in history again.
    const appearanceEntries = () => api.db.prisma.historyEntry.count({ where: { entityType: 'APPEARANCE', entityId: anchoredId } });
    const entries = await appearanceEntries();
    const checkedAt = (await api.db.prisma.appearance.findUniqueOrThrow({ where: { id: anchoredId } })).verifiedAt;
    dataOf(await api.gql(SET_CONTENT, { input: { sourceId, content: TEXT } }));
    expect(await appearanceEntries()).toBe(entries);
    expect((await api.db.prisma.appearance.findUniqueOrThrow({ where: { id: anchoredId } })).verifiedAt).toEqual(checkedAt);
  });

  it('keeps every version of the text in history, with its actor', async () => {
    const entries = dataOf(
      await api.gql(
        `query($id: ID!) { history(filter: { entityType: SOURCE_TEXT, entityId: $id }) { nodes { action actor { kind } changes { field before after } } } }`,
        {
          id: sourceId,
        },
      ),
    ).history.nodes;
    expect(entries.map((entry) => entry.action)).toEqual(['UPDATE', 'UPDATE', 'CREATE']);
    expect(entries.every((entry) => entry.actor.kind === 'API_KEY')).toBe(true);
    const restored = entries[0]!.changes.find((change) => change.field === 'content')!;
    expect(restored.before).toMatch(/^Updated: /);
    expect(restored.after).toBe(TEXT);
  });

  it('keeps Claim.source in step with the first appearance', async () => {
    const other = (await makeSource(api.db.prisma, { title: 'Another' })).id;
    const claimId = dataOf(
      await api.gql(`mutation($input: CreateClaimInput!) { createClaim(input: $input) { id firstAppearance { isFirst source { id } } } }`, {
        input: { text: 'A paraphrase', kind: 'PARAPHRASE', speakerId, sourceId },
      }),
    ).createClaim;
    expect(claimId.firstAppearance).toEqual({ isFirst: true, source: { id: sourceId } });
    const moved = dataOf(
      await api.gql(
        `mutation($id: ID!, $input: UpdateClaimInput!) { updateClaim(id: $id, input: $input) { appearances { totalCount nodes { source { id } } } } }`,
        {
          id: claimId.id,
          input: { sourceId: other },
        },
      ),
    ).updateClaim;
    expect(moved.appearances).toEqual({ totalCount: 1, nodes: [{ source: { id: other } }] });
    const second = dataOf(await api.gql(ADD, { input: { claimId: claimId.id, sourceId, isFirst: true } })).addAppearance;
    const after = dataOf(
      await api.gql(`query($id: ID!) { claim(id: $id) { source { id } firstAppearance { id } } }`, { id: claimId.id }),
    ).claim;
    expect(after).toEqual({ source: { id: sourceId }, firstAppearance: { id: second.id } });
    dataOf(await api.gql(`mutation($id: ID!) { removeAppearance(id: $id) { id } }`, { id: second.id }));
    const left = dataOf(
      await api.gql(`query($id: ID!) { claim(id: $id) { source { id } firstAppearance { isFirst } } }`, { id: claimId.id }),
    ).claim;
    expect(left).toEqual({ source: { id: other }, firstAppearance: { isFirst: true } });
  });

  it('lets EDITOR anchor and set text, not VIEWER or anonymous clients', async () => {
    const viewer = await api.createKey('VIEWER');
    const editor = await api.createKey('EDITOR');
    const input = { sourceId, content: TEXT };
    expect((await api.gql(SET_CONTENT, { input }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(SET_CONTENT, { input }, null)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(SET_CONTENT, { input }, editor)).errors).toBeUndefined();
  });
});

describe('the add_appearances migration', () => {
  it('gives every existing claim with a source one first, unanchored appearance', async () => {
    const db = await createTestDatabase({ empty: true });
    const before = fs.mkdtempSync(path.join(os.tmpdir(), 'appearances-migrations-'));
    try {
      const names = fs.readdirSync(migrationsDir).filter((name) => fs.statSync(path.join(migrationsDir, name)).isDirectory());
      fs.copyFileSync(path.join(migrationsDir, 'migration_lock.toml'), path.join(before, 'migration_lock.toml'));
      for (const name of names.filter((name) => name < '20261202175527_add_appearances')) {
        fs.cpSync(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
      }
      await applyMigrations(db, before);
      await db.queryRows({
        text: `WITH s AS (INSERT INTO speakers (id, slug, name, updated_at) VALUES (gen_random_uuid(), 'm', 'M', now()) RETURNING id),
                    src AS (INSERT INTO sources (id, title, updated_at) VALUES (gen_random_uuid(), 'S', now()) RETURNING id)
               INSERT INTO claims (id, text, kind, speaker_id, source_id, updated_at)
               SELECT gen_random_uuid(), t, 'QUOTE', s.id, CASE WHEN t = 'no source' THEN NULL ELSE src.id END, now()
               FROM s, src, unnest(ARRAY['one', 'two', 'no source']) AS t`,
        values: [],
      });
      await applyMigrations(db);
      const rows = await db.queryRows<{
        text: string;
        appearances: number;
        first: boolean;
        verification: string;
        same: boolean;
        actor: string;
      }>({
        text: `SELECT c.text, count(a.id)::int AS appearances, bool_and(a.is_first) AS first, min(a.verification::text) AS verification,
                      bool_and(a.source_id = c.source_id) AS same,
                      min((SELECT h.actor_kind::text FROM history_entries h WHERE h.entity_id = a.id)) AS actor
               FROM claims c LEFT JOIN appearances a ON a.claim_id = c.id GROUP BY c.id, c.text ORDER BY c.text`,
        values: [],
      });
      expect(rows).toEqual([
        { text: 'no source', appearances: 0, first: null, verification: null, same: null, actor: null },
        { text: 'one', appearances: 1, first: true, verification: 'UNVERIFIED', same: true, actor: 'MIGRATION' },
        { text: 'two', appearances: 1, first: true, verification: 'UNVERIFIED', same: true, actor: 'MIGRATION' },
      ]);
    } finally {
      fs.rmSync(before, { recursive: true, force: true });
      await db.destroy();
    }
  });
});
