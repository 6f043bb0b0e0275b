// History as the API shows it: what each write path leaves, who may read it, its filters and pages, corrections of
// published verdicts (Review.corrections, ClaimReview's `correction`), and records as of an earlier instant.
import type { Connection, HistoryEntryShape, SpeakerShape } from '../helpers/api-shapes';
import { dataOf, errorCodes, startTestServer, type TestServer } from '../helpers/test-server';

const ENTRY =
  'id entityType entityId action actor { kind keyId name } recordedAt changes { field before after } reason isCorrection requestId';
const HISTORY = `query($filter: HistoryFilter, $first: Int, $after: String) {
  history(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${ENTRY} } } }`;
const MISSING = '0190a000-0000-7000-8000-000000000000';

interface Entry {
  id: string;
  entityType: string;
  entityId: string;
  action: string;
  actor: { kind: string; keyId: string | null; name: string };
  recordedAt: string;
  changes: { field: string; before: unknown; after: unknown }[];
  reason: string | null;
  isCorrection: boolean;
  requestId: string | null;
}

describe('history', () => {
  let api: TestServer;
  const keys = { editor: '', reviewer: '', publisher: '', viewer: '' };
  const ids = { admin: '', editor: '', reviewer: '', publisher: '' };

  beforeAll(async () => {
    api = await startTestServer();
    keys.editor = await api.createKey('EDITOR', 'desk editor');
    keys.reviewer = await api.createKey('REVIEWER', 'desk reviewer');
    keys.publisher = await api.createKey('PUBLISHER', 'editor-in-chief');
    keys.viewer = await api.createKey('VIEWER', 'reader');
    const idOf = async (key: string) => dataOf(await api.gql('{ viewer { id } }', {}, key)).viewer.id;
    ids.admin = await idOf(api.adminKey);
    ids.editor = await idOf(keys.editor);
    ids.reviewer = await idOf(keys.reviewer);
    ids.publisher = await idOf(keys.publisher);
  });
  afterAll(() => api.close());

  /** Runs a mutation (with `key`), returning its data. */
  const write = async (query: string, variables: Record<string, unknown>, key: string = api.adminKey) =>
    dataOf(await api.gql(query, variables, key));
  const lastId = async () =>
    BigInt((await api.db.prisma.$queryRaw<{ id: string | null }[]>`SELECT max(id)::text AS id FROM history_entries`)[0]?.id ?? '0');
  /** The entries `run` left, oldest first (as the admin reads them). */
  const entriesOf = async (run: () => Promise<unknown>): Promise<Entry[]> => {
    const mark = await lastId();
    await run();
    const { history } = dataOf(await api.gql(HISTORY, { first: 100 }));
    return (history.nodes as Entry[]).filter((entry) => BigInt(entry.id) > mark).reverse();
  };
  const history = async (filter: Record<string, unknown>, key: string | null = api.adminKey, first = 100) =>
    dataOf(await api.gql(HISTORY, { filter, first }, key)).history as { totalCount: number; nodes: Entry[] };

  const CREATE_SPEAKER = 'mutation($input: CreateSpeakerInput!, $reason: String) { createSpeaker(input: $input, reason: $reason) { id } }';
  const CREATE_CLAIM = 'mutation($input: CreateClaimInput!, $reason: String) { createClaim(input: $input, reason: $reason) { id } }';
  const UPDATE_CLAIM =
    'mutation($id: ID!, $input: UpdateClaimInput!, $reason: String) { updateClaim(id: $id, input: $input, reason: $reason) { id text } }';
  const CREATE_REVIEW = 'mutation($input: CreateReviewInput!, $reason: String) { createReview(input: $input, reason: $reason) { id } }';
  const UPDATE_REVIEW =
    'mutation($id: ID!, $input: UpdateReviewInput!, $reason: String) { updateReview(id: $id, input: $input, reason: $reason) { id rating } }';
  const SET_STATUS =
    'mutation($id: ID!, $status: ReviewStatus!, $reason: String) { setClaimReviewStatus(id: $id, status: $status, reason: $reason) { id reviewStatus } }';
  const DELETE = (entity: string) => `mutation($id: ID!, $reason: String) { delete${entity}(id: $id, reason: $reason) { id } }`;

  const speaker = async (name = 'Sergei Ryabkov') => (await write(CREATE_SPEAKER, { input: { name } }, keys.editor)).createSpeaker.id;
  const claim = async (speakerId: string, text = 'Russia is in full compliance with the treaty.') =>
    (await write(CREATE_CLAIM, { input: { speakerId, text, kind: 'QUOTE' } }, keys.editor)).createClaim.id;
  const review = async (claimId: string, rating = 'FALSE') =>
    (await write(CREATE_REVIEW, { input: { claimId, rating, organizationName: 'Example Fact Desk' } }, keys.reviewer)).createReview.id;
  /** A claim with a review, moved to PUBLISHED. */
  const publishedClaim = async (text?: string) => {
    const claimId = await claim(await speaker(), text);
    const reviewId = await review(claimId);
    for (const status of ['IN_REVIEW', 'REVIEWED']) await write(SET_STATUS, { id: claimId, status }, keys.reviewer);
    await write(SET_STATUS, { id: claimId, status: 'PUBLISHED' }, keys.publisher);
    return { claimId, reviewId };
  };

  it('records every kind of mutation: one entry per row changed, with its actor, fields before and after, and reason', async () => {
    const asEditor = { kind: 'API_KEY', keyId: ids.editor, name: 'desk editor' };
    const [createdSpeaker] = await entriesOf(() =>
      write(CREATE_SPEAKER, { input: { name: 'Jens Stoltenberg', role: 'NATO Secretary General' }, reason: 'New speaker' }, keys.editor),
    );
    expect(createdSpeaker).toMatchObject({
      entityType: 'SPEAKER',
      action: 'CREATE',
      actor: asEditor,
      reason: 'New speaker',
      isCorrection: false,
    });
    expect(createdSpeaker!.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: null, after: 'Jens Stoltenberg' },
        { field: 'role', before: null, after: 'NATO Secretary General' },
      ]),
    );
    const speakerId = createdSpeaker!.entityId;

    const updatedSpeaker = await entriesOf(() =>
      write('mutation($id: ID!) { updateSpeaker(id: $id, input: { country: "NO" }) { id } }', { id: speakerId }, keys.editor),
    );
    expect(updatedSpeaker).toEqual([
      expect.objectContaining({
        entityId: speakerId,
        action: 'UPDATE',
        reason: null,
        changes: [{ field: 'country', before: null, after: 'NO' }],
      }),
    ]);

    const createdSource = await entriesOf(() =>
      write('mutation { createSource(input: { title: "NATO press conference" }) { id } }', {}, keys.editor),
    );
    expect(createdSource).toEqual([expect.objectContaining({ entityType: 'SOURCE', action: 'CREATE', actor: asEditor })]);
    const sourceId = createdSource[0]!.entityId;
    const updatedSource = await entriesOf(() =>
      write('mutation($id: ID!) { updateSource(id: $id, input: { publisher: "NATO" }) { id } }', { id: sourceId }, keys.editor),
    );
    expect(updatedSource).toEqual([
      expect.objectContaining({ entityId: sourceId, action: 'UPDATE', changes: [{ field: 'publisher', before: null, after: 'NATO' }] }),
    ]);

    const target = await claim(speakerId, 'The 9M729 violates the INF Treaty.');
    const createdClaim = await entriesOf(() =>
      write(
        CREATE_CLAIM,
        {
          input: {
            speakerId,
            sourceId,
            text: 'Russia is in full compliance.',
            kind: 'QUOTE',
            rebuts: [{ claimId: target, stance: 'DISPUTES' }],
          },
          reason: 'From the briefing',
        },
        keys.editor,
      ),
    );
    expect(createdClaim.map(({ entityType, action, reason }) => [entityType, action, reason])).toEqual([
      ['CLAIM', 'CREATE', 'From the briefing'],
      // Its first appearance, in the source it was given.
      ['APPEARANCE', 'CREATE', 'From the briefing'],
      ['REBUTTAL', 'CREATE', 'From the briefing'],
    ]);
    expect(createdClaim[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'text', before: null, after: 'Russia is in full compliance.' },
        { field: 'reviewStatus', before: null, after: 'UNREVIEWED' },
      ]),
    );
    const claimId = createdClaim[0]!.entityId;
    const rebuttalId = createdClaim[2]!.entityId;

    const updatedClaim = await entriesOf(() =>
      write(
        UPDATE_CLAIM,
        { id: claimId, input: { text: 'Russia is in full compliance with the treaty.' }, reason: 'Verbatim quote' },
        keys.editor,
      ),
    );
    expect(updatedClaim).toEqual([
      expect.objectContaining({
        entityType: 'CLAIM',
        entityId: claimId,
        action: 'UPDATE',
        reason: 'Verbatim quote',
        changes: [{ field: 'text', before: 'Russia is in full compliance.', after: 'Russia is in full compliance with the treaty.' }],
      }),
    ]);
    const unchanged = await entriesOf(() =>
      write(UPDATE_CLAIM, { id: claimId, input: { text: 'Russia is in full compliance with the treaty.' } }, keys.editor),
    );
    expect(unchanged).toEqual([]);

    const updatedRebuttal = await entriesOf(() =>
      write(
        'mutation($id: ID!) { updateRebuttal(id: $id, input: { stance: QUALIFIES, rationale: "Range data" }) { id } }',
        { id: rebuttalId },
        keys.editor,
      ),
    );
    expect(updatedRebuttal).toEqual([
      expect.objectContaining({
        entityType: 'REBUTTAL',
        action: 'UPDATE',
        changes: [
          { field: 'rationale', before: null, after: 'Range data' },
          { field: 'stance', before: 'DISPUTES', after: 'QUALIFIES' },
        ],
      }),
    ]);
    const createdRebuttal = await entriesOf(() =>
      write(
        'mutation($claimId: ID!, $counterclaimId: ID!) { createRebuttal(input: { claimId: $claimId, counterclaimId: $counterclaimId, stance: REFUTES }) { id } }',
        { claimId, counterclaimId: target },
        keys.editor,
      ),
    );
    expect(createdRebuttal).toEqual([expect.objectContaining({ entityType: 'REBUTTAL', action: 'CREATE' })]);

    const asReviewer = { kind: 'API_KEY', keyId: ids.reviewer, name: 'desk reviewer' };
    const createdReview = await entriesOf(() => review(claimId));
    expect(createdReview).toEqual([expect.objectContaining({ entityType: 'REVIEW', action: 'CREATE', actor: asReviewer })]);
    const reviewId = createdReview[0]!.entityId;
    const updatedReview = await entriesOf(() => write(UPDATE_REVIEW, { id: reviewId, input: { rating: 'MOSTLY_FALSE' } }, keys.reviewer));
    expect(updatedReview).toEqual([
      expect.objectContaining({
        action: 'UPDATE',
        isCorrection: false,
        changes: [{ field: 'rating', before: 'FALSE', after: 'MOSTLY_FALSE' }],
      }),
    ]);
    const moved = await entriesOf(() => write(SET_STATUS, { id: claimId, status: 'IN_REVIEW', reason: 'Taking it up' }, keys.reviewer));
    expect(moved).toEqual([
      expect.objectContaining({
        entityType: 'CLAIM',
        action: 'STATUS',
        actor: asReviewer,
        reason: 'Taking it up',
        changes: [{ field: 'reviewStatus', before: 'UNREVIEWED', after: 'IN_REVIEW' }],
      }),
    ]);

    const asAdmin = { kind: 'API_KEY', keyId: ids.admin, name: 'test admin' };
    expect(await entriesOf(() => write(DELETE('Rebuttal'), { id: createdRebuttal[0]!.entityId, reason: 'Duplicate' }))).toEqual([
      expect.objectContaining({ entityType: 'REBUTTAL', action: 'DELETE', actor: asAdmin, reason: 'Duplicate' }),
    ]);
    expect(await entriesOf(() => write(DELETE('Review'), { id: reviewId }))).toEqual([
      expect.objectContaining({ entityType: 'REVIEW', action: 'DELETE' }),
    ]);
    const otherSource = (await write('mutation { createSource(input: { title: "Unused" }) { id } }', {}, keys.editor)).createSource.id;
    const deletedSource = await entriesOf(() => write(DELETE('Source'), { id: otherSource }));
    expect(deletedSource).toEqual([
      expect.objectContaining({
        entityType: 'SOURCE',
        action: 'DELETE',
        changes: expect.arrayContaining([{ field: 'title', before: 'Unused', after: null }]),
      }),
    ]);
    const lone = await speaker('Unused speaker');
    expect(await entriesOf(() => write(DELETE('Speaker'), { id: lone }))).toEqual([
      expect.objectContaining({ entityType: 'SPEAKER', entityId: lone, action: 'DELETE' }),
    ]);
  });

  it('keeps no entry of a mutation that failed', async () => {
    const speakerId = await speaker();
    await claim(speakerId);
    const mark = await lastId();
    const badSpeaker = await api.gql(
      CREATE_CLAIM,
      { input: { speakerId: MISSING, text: 'Never recorded.', kind: 'QUOTE' }, reason: 'nope' },
      keys.editor,
    );
    expect(badSpeaker.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.speakerId' });
    const refusedDelete = await api.gql(DELETE('Speaker'), { id: speakerId });
    expect(errorCodes(refusedDelete)).toEqual(['CONFLICT']);
    const forbidden = await api.gql(CREATE_SPEAKER, { input: { name: 'Not allowed' } }, keys.viewer);
    expect(errorCodes(forbidden)).toEqual(['FORBIDDEN']);
    expect(await lastId()).toBe(mark);
  });

  it("records a delete's cascade, and keeps a deleted claim's history with its last state", async () => {
    const speakerId = await speaker();
    const claimId = await claim(speakerId, 'To be deleted.');
    const counterclaim = await claim(speakerId, 'Its counterclaim.');
    const rebuttal = (
      await write(
        'mutation($claimId: ID!, $counterclaimId: ID!) { createRebuttal(input: { claimId: $claimId, counterclaimId: $counterclaimId, stance: REFUTES }) { id } }',
        { claimId, counterclaimId: counterclaim },
        keys.editor,
      )
    ).createRebuttal.id;
    const reviewId = await review(claimId);
    await write(UPDATE_CLAIM, { id: claimId, input: { text: 'Its last words.' } }, keys.editor);

    const deleted = await entriesOf(() => write(DELETE('Claim'), { id: claimId, reason: 'Misattributed' }));
    expect(
      deleted
        .map(({ entityType, entityId, action, reason }) => ({ entityType, entityId, action, reason }))
        .sort((a, b) => a.entityType.localeCompare(b.entityType)),
    ).toEqual([
      { entityType: 'CLAIM', entityId: claimId, action: 'DELETE', reason: 'Misattributed' },
      { entityType: 'REBUTTAL', entityId: rebuttal, action: 'DELETE', reason: 'Misattributed' },
      { entityType: 'REVIEW', entityId: reviewId, action: 'DELETE', reason: 'Misattributed' },
    ]);
    const kept = await history({ entityId: claimId });
    expect(kept.nodes.map((entry) => entry.action)).toEqual(['DELETE', 'UPDATE', 'CREATE']);
    expect(kept.nodes[0]!.changes).toEqual(expect.arrayContaining([{ field: 'text', before: 'Its last words.', after: null }]));
    expect(dataOf(await api.gql('query($id: ID!) { claim(id: $id) { id } }', { id: claimId })).claim).toBeNull();
  });

  it('cannot be changed or removed, even by a direct UPDATE or DELETE, and the API has no mutation for it', async () => {
    await speaker();
    await expect(api.db.prisma.$executeRaw`UPDATE history_entries SET reason = 'rewritten'`).rejects.toThrow(/append-only/);
    await expect(api.db.prisma.$executeRaw`DELETE FROM history_entries`).rejects.toThrow(/append-only/);
    const rewritten = await api.db.prisma.$queryRaw<
      { count: number }[]
    >`SELECT count(*)::int AS count FROM history_entries WHERE reason = 'rewritten'`;
    expect(rewritten).toEqual([{ count: 0 }]);
    const mutations = dataOf(await api.gql('{ __schema { mutationType { fields { name } } } }')).__schema.mutationType.fields.map(
      (field: { name: string }) => field.name,
    );
    expect(mutations.filter((name: string) => /histor|correction/i.test(name))).toEqual([]);
  });

  it('shows anonymous clients and viewers the history of speakers and of published claims only; editors see all', async () => {
    const speakerId = await speaker('Visible speaker');
    const draft = await claim(speakerId, 'An unpublished claim.');
    const { claimId: published, reviewId } = await publishedClaim('A published claim.');
    for (const reader of [null, keys.viewer]) {
      expect((await history({ entityId: draft }, reader)).totalCount).toBe(0);
      expect((await history({ entityId: speakerId }, reader)).totalCount).toBe(1);
      const ofPublished = await history({ entityId: published }, reader);
      expect(ofPublished.nodes.map((entry) => entry.action)).toEqual(['STATUS', 'STATUS', 'STATUS', 'CREATE']);
      expect(ofPublished.nodes.every((entry) => entry.requestId === null)).toBe(true);
      expect((await history({ entityId: reviewId }, reader)).totalCount).toBe(1);
      // The whole list hides the draft too, in its pages and its total.
      const everything = await history({}, reader, 100);
      expect(everything.nodes.some((entry) => entry.entityId === draft)).toBe(false);
      const FIELD =
        'query($draft: ID!, $published: ID!) { a: claim(id: $draft) { history { totalCount nodes { id } } } b: claim(id: $published) { history { totalCount } reviews { nodes { history { totalCount } } } } }';
      const fields = dataOf(await api.gql(FIELD, { draft, published }, reader));
      expect(fields).toEqual({
        a: { history: { totalCount: 0, nodes: [] } },
        b: { history: { totalCount: 4 }, reviews: { nodes: [{ history: { totalCount: 1 } }] } },
      });
    }
    const editor = await history({ entityId: draft }, keys.editor);
    expect(editor.nodes).toEqual([expect.objectContaining({ action: 'CREATE', requestId: expect.any(String) })]);
  });

  it('filters by entity type, entity, actor, action, changed field and time, and pages newest first', async () => {
    const speakerId = await speaker('Filtered speaker');
    const claimId = await claim(speakerId, 'First words.');
    const before = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await write(UPDATE_CLAIM, { id: claimId, input: { text: 'Second words.' } }, keys.editor);
    await write(UPDATE_CLAIM, { id: claimId, input: { kind: 'PARAPHRASE' } }, keys.editor);
    await write(SET_STATUS, { id: claimId, status: 'IN_REVIEW' }, keys.reviewer);

    const ofClaim = (extra: Record<string, unknown>) => history({ entityId: claimId, ...extra });
    expect((await ofClaim({})).nodes.map((entry) => entry.action)).toEqual(['STATUS', 'UPDATE', 'UPDATE', 'CREATE']);
    expect((await ofClaim({ entityType: 'CLAIM' })).totalCount).toBe(4);
    expect((await ofClaim({ entityType: 'SPEAKER' })).totalCount).toBe(0);
    expect((await history({ entityType: 'SPEAKER', entityId: speakerId })).totalCount).toBe(1);
    expect((await ofClaim({ actorId: ids.reviewer })).nodes.map((entry) => entry.action)).toEqual(['STATUS']);
    expect((await ofClaim({ actorId: ids.editor })).totalCount).toBe(3);
    expect((await ofClaim({ action: 'UPDATE' })).totalCount).toBe(2);
    expect((await ofClaim({ field: 'text' })).nodes.map((entry) => entry.action)).toEqual(['UPDATE', 'CREATE']);
    expect((await ofClaim({ field: 'reviewStatus' })).nodes.map((entry) => entry.action)).toEqual(['STATUS', 'CREATE']);
    expect((await ofClaim({ field: 'noSuchField' })).totalCount).toBe(0);
    expect((await ofClaim({ since: before.toISOString() })).totalCount).toBe(3);
    expect((await ofClaim({ until: before.toISOString() })).nodes.map((entry) => entry.action)).toEqual(['CREATE']);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Connection<HistoryEntryShape> = dataOf(
        await api.gql(HISTORY, { filter: { entityId: claimId }, first: 3, after }),
      ).history;
      seen.push(...page.nodes.map((entry: Entry) => entry.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(4);
    expect([...seen].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1))).toEqual(seen);
    const paged = dataOf(
      await api.gql(`query($id: ID!) { claim(id: $id) { history(first: 1) { pageInfo { endCursor } nodes { action } } } }`, {
        id: claimId,
      }),
    ).claim.history;
    expect(paged.nodes).toEqual([{ action: 'STATUS' }]);
    const next = dataOf(
      await api.gql(`query($id: ID!, $after: String) { claim(id: $id) { history(first: 2, after: $after) { nodes { action } } } }`, {
        id: claimId,
        after: paged.pageInfo.endCursor,
      }),
    ).claim.history;
    expect(next.nodes).toEqual([{ action: 'UPDATE' }, { action: 'UPDATE' }]);

    const refused = async (variables: Record<string, unknown>) => (await api.gql(HISTORY, variables)).errors?.[0]?.extensions;
    expect(await refused({ after: 'garbage' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await refused({ filter: { since: '2026-01-02T00:00:00Z', until: '2026-01-01T00:00:00Z' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.until',
    });
    expect(await refused({ filter: { entityId: 'nope' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.entityId' });
    expect(await refused({ filter: { actorId: 'nope' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.actorId' });
  });

  it("reads many records' history in one statement per batch", async () => {
    const speakerId = await speaker('Batched speaker');
    for (const text of ['One.', 'Two.', 'Three.']) await claim(speakerId, text);
    api.statements.length = 0;
    const { speakers } = dataOf(
      await api.gql<{ speakers: SpeakerShape }>(
        `query($id: ID!) { speakers: speaker(id: $id) { claims { nodes { history { nodes { action } } } } } }`,
        { id: speakerId },
      ),
    );
    expect(speakers.claims.nodes).toEqual(Array(3).fill({ history: { nodes: [{ action: 'CREATE' }] } }));
    expect(api.statements.filter((sql) => sql.includes('history_entries'))).toHaveLength(1);
  });

  it('requires a reason and the publishing role to change a review of a published claim, and lists the correction', async () => {
    const { claimId, reviewId } = await publishedClaim();
    const noReason = await api.gql(UPDATE_REVIEW, { id: reviewId, input: { rating: 'MOSTLY_FALSE' } }, keys.publisher);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const reviewer = await api.gql(
      UPDATE_REVIEW,
      { id: reviewId, input: { rating: 'MOSTLY_FALSE' }, reason: 'Better data' },
      keys.reviewer,
    );
    expect(reviewer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'PUBLISHER' });
    expect(await history({ entityId: reviewId, action: 'UPDATE' })).toMatchObject({ totalCount: 0 });

    const reason = 'The 2019 range tests support MOSTLY_FALSE rather than FALSE.';
    const corrected = await entriesOf(() =>
      write(UPDATE_REVIEW, { id: reviewId, input: { rating: 'MOSTLY_FALSE' }, reason }, keys.publisher),
    );
    expect(corrected).toEqual([
      expect.objectContaining({
        entityType: 'REVIEW',
        action: 'UPDATE',
        isCorrection: true,
        reason,
        actor: { kind: 'API_KEY', keyId: ids.publisher, name: 'editor-in-chief' },
      }),
    ]);

    const READ = `query($id: ID!) { review(id: $id) { corrections { id entityType action reason recordedAt changes { field before after } actor { name } } claimReview schemaOrg { correction { type text datePublished } } } }`;
    for (const reader of [null, keys.editor]) {
      const { review: read } = dataOf(await api.gql(READ, { id: reviewId }, reader));
      expect(read.corrections).toEqual([
        {
          id: corrected[0]!.id,
          entityType: 'REVIEW',
          action: 'UPDATE',
          reason,
          recordedAt: corrected[0]!.recordedAt,
          changes: [{ field: 'rating', before: 'FALSE', after: 'MOSTLY_FALSE' }],
          actor: { name: 'editor-in-chief' },
        },
      ]);
      expect(read.claimReview.correction).toEqual([
        { '@type': 'CorrectionComment', text: reason, datePublished: corrected[0]!.recordedAt },
      ]);
      expect(read.schemaOrg.correction).toEqual([{ type: 'CorrectionComment', text: reason, datePublished: corrected[0]!.recordedAt }]);
    }
    const claimReviews = dataOf(await api.gql('query($id: ID!) { claim(id: $id) { claimReviews } }', { id: claimId })).claim.claimReviews;
    expect(claimReviews.map((json) => json.correction)).toEqual([[expect.objectContaining({ text: reason })]]);
  });

  it('requires a reason to retract a published claim, and shows the retraction as a correction on its reviews', async () => {
    const { claimId, reviewId } = await publishedClaim();
    const other = await review(claimId, 'MIXED').catch(() => undefined);
    expect(other).toBeUndefined(); // a review added to a published claim is a correction too: a reviewer cannot
    const noReason = await api.gql(SET_STATUS, { id: claimId, status: 'IN_REVIEW' }, keys.publisher);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const reviewer = await api.gql(SET_STATUS, { id: claimId, status: 'IN_REVIEW', reason: 'Reopen' }, keys.reviewer);
    expect(reviewer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'PUBLISHER' });

    const reason = 'Retracted: the quote was misattributed.';
    const retracted = await entriesOf(() => write(SET_STATUS, { id: claimId, status: 'IN_REVIEW', reason }, keys.publisher));
    expect(retracted).toEqual([
      expect.objectContaining({
        entityType: 'CLAIM',
        action: 'STATUS',
        isCorrection: true,
        reason,
        changes: [{ field: 'reviewStatus', before: 'PUBLISHED', after: 'IN_REVIEW' }],
      }),
    ]);
    const { review: read } = dataOf(
      await api.gql('query($id: ID!) { review(id: $id) { corrections { entityType action reason } claimReview } }', { id: reviewId }, null),
    );
    expect(read.corrections).toEqual([{ entityType: 'CLAIM', action: 'STATUS', reason }]);
    expect(read.claimReview.correction).toEqual([{ '@type': 'CorrectionComment', text: reason, datePublished: retracted[0]!.recordedAt }]);
    // Now unpublished, its history is for editors only.
    expect((await history({ entityId: claimId }, null)).totalCount).toBe(0);
  });

  it('reads a claim and a review as they stood at an earlier instant, with the reviews of then; null before they existed', async () => {
    const beforeAll = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const claimId = await claim(await speaker(), 'The first wording.');
    const firstReview = await review(claimId, 'FALSE');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const first = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await write(UPDATE_CLAIM, { id: claimId, input: { text: 'The second wording.' } }, keys.editor);
    await write(UPDATE_REVIEW, { id: firstReview, input: { rating: 'MOSTLY_FALSE' } }, keys.reviewer);
    const secondReview = await review(claimId, 'MIXED');
    for (const status of ['IN_REVIEW', 'REVIEWED']) await write(SET_STATUS, { id: claimId, status }, keys.reviewer);
    await write(SET_STATUS, { id: claimId, status: 'PUBLISHED' }, keys.publisher);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await write(DELETE('Review'), { id: secondReview }).catch(() => undefined); // refused: the claim is published
    await write(SET_STATUS, { id: claimId, status: 'IN_REVIEW', reason: 'Reopened' }, keys.publisher);
    await write(DELETE('Review'), { id: secondReview });

    const AS_OF = `query($id: ID!, $asOf: DateTimeISO) { claim(id: $id, asOf: $asOf) { id text reviewStatus speaker { id } reviews { totalCount nodes { id rating } } claimReviews } }`;
    const asOf = async (at: Date, key: string | null = keys.editor) =>
      dataOf(await api.gql(AS_OF, { id: claimId, asOf: at.toISOString() }, key)).claim;
    expect(await asOf(beforeAll)).toBeNull();
    expect(await asOf(first)).toMatchObject({
      id: claimId,
      text: 'The first wording.',
      reviewStatus: 'UNREVIEWED',
      reviews: { totalCount: 1, nodes: [{ id: firstReview, rating: 'FALSE' }] },
    });
    expect(await asOf(second)).toMatchObject({
      text: 'The second wording.',
      reviewStatus: 'PUBLISHED',
      reviews: {
        totalCount: 2,
        nodes: [
          { id: firstReview, rating: 'MOSTLY_FALSE' },
          { id: secondReview, rating: 'MIXED' },
        ],
      },
    });
    expect((await asOf(new Date())).reviews).toEqual({ totalCount: 1, nodes: [{ id: firstReview, rating: 'MOSTLY_FALSE' }] });
    expect(dataOf(await api.gql(AS_OF, { id: claimId, asOf: null })).claim).toMatchObject({
      text: 'The second wording.',
      reviewStatus: 'IN_REVIEW',
    });

    const REVIEW = 'query($id: ID!, $asOf: DateTimeISO) { review(id: $id, asOf: $asOf) { id rating } }';
    const reviewAsOf = async (id: string, at: Date) => dataOf(await api.gql(REVIEW, { id, asOf: at.toISOString() }, keys.editor)).review;
    expect(await reviewAsOf(firstReview, first)).toEqual({ id: firstReview, rating: 'FALSE' });
    expect(await reviewAsOf(secondReview, first)).toBeNull();
    expect(await reviewAsOf(secondReview, second)).toEqual({ id: secondReview, rating: 'MIXED' });
    expect(await reviewAsOf(secondReview, new Date())).toBeNull();

    // The claim is not published now: its earlier states are for editors.
    expect(errorCodes(await api.gql(AS_OF, { id: claimId, asOf: first.toISOString() }, null))).toEqual(['UNAUTHENTICATED']);
    const viewer = await api.gql(AS_OF, { id: claimId, asOf: first.toISOString() }, keys.viewer);
    expect(viewer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'EDITOR' });
    const { claimId: publishedId } = await publishedClaim('Published, read by anyone.');
    const publicRead = dataOf(await api.gql(AS_OF, { id: publishedId, asOf: new Date().toISOString() }, null)).claim;
    expect(publicRead).toMatchObject({ text: 'Published, read by anyone.', reviewStatus: 'PUBLISHED', reviews: { totalCount: 1 } });
  });
});
