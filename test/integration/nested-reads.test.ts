// The everyday root fields read what the client selects of their records' relations in ONE statement (see
// src/graphql/read-plan.ts and src/db/nested-read.ts). Each query here is answered twice: planned, through the root
// field, and through the loaders, by nodes(ids:) (which the planner does not read for): the answers must be equal.
import { makeClaim, makeRebuttal, makeSource, makeSpeaker } from '../helpers/factories';
import type { ApiData, ClaimShape } from '../helpers/api-shapes';
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';

describe('nested reads: one statement for the everyday root fields, whatever relations are selected', () => {
  let api: TestServer;
  let hub: string;
  let speakerId: string;
  let speakerSlug: string;
  let sourceId: string;
  const claimIds: string[] = [];

  beforeAll(async () => {
    api = await startTestServer();
    const speakers = await Promise.all(Array.from({ length: 4 }, () => makeSpeaker(api.db.prisma)));
    speakerId = speakers[0]!.id;
    speakerSlug = speakers[0]!.slug;
    sourceId = (await makeSource(api.db.prisma)).id;
    hub = (await makeClaim(api.db.prisma, { speakerId, sourceId, text: 'the hub', statedAt: new Date('2019-02-01') })).id;
    claimIds.push(hub);
    // The hub's first appearance (made by the database with its source) anchored in the source's text, for its context.
    await api.db.prisma.sourceText.create({
      data: { sourceId, content: 'Said here: the hub, and more words after it.', contentHash: '-' },
    });
    await api.db.prisma.appearance.updateMany({
      where: { claimId: hub },
      data: { exact: 'the hub', startOffset: 11, endOffset: 18, verification: 'VERIFIED' },
    });
    for (let i = 0; i < 12; i += 1) {
      // Every other counterclaim has no source: a null relation must read as null, planned or not.
      const counter = await makeClaim(api.db.prisma, {
        speakerId: speakers[(i % 3) + 1]!.id,
        ...(i % 2 ? {} : { sourceId }),
        text: `counter ${i}`,
      });
      claimIds.push(counter.id);
      await makeRebuttal(api.db.prisma, hub, counter.id);
      if (i < 3) await makeRebuttal(api.db.prisma, counter.id, hub);
    }
    for (let i = 0; i < 3; i += 1) {
      await api.db.prisma.review.create({
        data: { claimId: hub, rating: 'FALSE', organizationName: `Desk ${i}`, publishedAt: new Date('2020-01-01T10:00:00Z') },
      });
    }
  });
  afterAll(() => api.close());

  /** The query's data, and the statements it sent. */
  async function run<TData = ApiData>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ data: TData; statements: string[] }> {
    api.statements.length = 0;
    const data = dataOf(await api.gql<TData>(query, variables));
    return { data, statements: [...api.statements] };
  }

  /** The records of `ids` with the selection, read through the loaders. */
  async function throughLoaders(
    type: string,
    ids: string[],
    selection: string,
    variables: Record<string, unknown> = {},
    variableDefinitions = '',
  ): Promise<unknown[]> {
    const { data } = await run(`query($ids: [ID!]! ${variableDefinitions}) { nodes(ids: $ids) { ... on ${type} { ${selection} } } }`, {
      ...variables,
      ids,
    });
    return data.nodes;
  }

  const CLAIM_PAGE = `id text kind statedAt
    speaker { id name }
    source { id title url }
    rebuttals(first: 10) { totalCount edges { cursor node { id stance counterclaim { id text speaker { id name } source { title } } } } pageInfo { hasNextPage endCursor } }
    rebuts { nodes { claim { id text } } }
    reviews { nodes { organizationName publishedAt claim { id } } }
    appearances { totalCount nodes { id isFirst verification anchor { exact start end } source { id title } context(chars: 10) { before exact after marked } } }`;

  it('reads a claim page (speaker, source, rebuttals with their counterclaims and speakers, reviews, appearances with their source and context) in one statement', async () => {
    const { data, statements } = await run(`query($id: ID!) { claim(id: $id) { ${CLAIM_PAGE} } }`, { id: hub });
    expect(statements).toHaveLength(1);
    expect(data.claim.appearances.nodes).toEqual([
      expect.objectContaining({
        isFirst: true,
        verification: 'VERIFIED',
        context: expect.objectContaining({ marked: '…here: ⟦the hub⟧, and…' }),
      }),
    ]);
    // Only the slices around the passage are read, not the text.
    expect(statements[0]).not.toMatch(/'content', /);
    expect(data.claim.rebuttals.totalCount).toBe(12);
    expect(data.claim.rebuttals.edges).toHaveLength(10);
    expect(data.claim.rebuttals.pageInfo.hasNextPage).toBe(true);
    expect(data.claim.rebuts.nodes).toHaveLength(3);
    expect(data.claim.reviews.nodes.map((review) => review.publishedAt)).toEqual(Array(3).fill('2020-01-01T10:00:00.000Z'));
    expect(data.claim.statedAt).toBe('2019-02-01');
    const sources = data.claim.rebuttals.edges.map((edge) => edge.node.counterclaim.source);
    expect(sources.filter((source) => source === null)).toHaveLength(5);
    expect(await throughLoaders('Claim', [hub], CLAIM_PAGE)).toEqual([data.claim]);
  });

  it('reads a list page and its total in one statement, and pages on with the cursor', async () => {
    const LIST = `query($after: String) { claims(first: 5, after: $after) { totalCount edges { cursor node { id text statedAt speaker { name } source { title } } } pageInfo { hasNextPage endCursor } } }`;
    const first = await run(LIST);
    expect(first.statements).toHaveLength(1);
    expect(first.data.claims.totalCount).toBe(13);
    const second = await run(LIST, { after: first.data.claims.pageInfo.endCursor });
    expect(second.statements).toHaveLength(1);
    const ids = [...first.data.claims.edges, ...second.data.claims.edges].map((edge) => edge.node.id);
    expect(ids).toEqual(claimIds.slice(0, 10));
    // A total not selected is not counted.
    const untotalled = await run('{ claims(first: 2) { nodes { id } } }');
    expect(untotalled.statements).toHaveLength(1);
    expect(untotalled.statements[0]).not.toMatch(/count\(\*\)/);
  });

  it('reads backward pages (last/before) in one statement, root and nested, as the loaders do', async () => {
    const CLAIM = `id rebuttals(last: 4, before: $before) { totalCount edges { cursor node { id counterclaim { id rebuts(last: 1) { nodes { id } } } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
      rebuts(last: 2) { nodes { claim { id } } pageInfo { hasPreviousPage } }
      reviews(last: 2) { nodes { organizationName } }
      speaker { claims(last: 3) { nodes { id } pageInfo { hasPreviousPage hasNextPage } } }`;
    const QUERY = `query($id: ID!, $before: String) { claim(id: $id) { ${CLAIM} } }`;
    const last = await run(QUERY, { id: hub });
    expect(last.statements).toHaveLength(1);
    expect(last.data.claim.rebuttals.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await run(QUERY, { id: hub, before: last.data.claim.rebuttals.pageInfo.startCursor });
    expect(before.statements).toHaveLength(1);
    expect(before.data.claim.rebuttals.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    for (const answer of [last, before]) {
      expect(
        await throughLoaders(
          'Claim',
          [hub],
          CLAIM,
          { before: answer === before ? last.data.claim.rebuttals.pageInfo.startCursor : null },
          ', $before: String',
        ),
      ).toEqual([answer.data.claim]);
    }
    const forward = await run(`query($id: ID!) { claim(id: $id) { rebuttals(first: 12) { nodes { id } } } }`, { id: hub });
    const ids = forward.data.claim.rebuttals.nodes.map((node) => node.id);
    expect([...before.data.claim.rebuttals.edges, ...last.data.claim.rebuttals.edges].map((edge) => edge.node.id)).toEqual(ids.slice(4));

    const LIST = `query($before: String) { claims(last: 5, before: $before) { totalCount edges { cursor node { id speaker { name } rebuttals(last: 2) { nodes { id } } } } pageInfo { hasPreviousPage startCursor } } }`;
    const end = await run(LIST);
    expect(end.statements).toHaveLength(1);
    expect(end.data.claims.edges.map((edge) => edge.node.id)).toEqual(claimIds.slice(8));
    const earlier = await run(LIST, { before: end.data.claims.pageInfo.startCursor });
    expect(earlier.statements).toHaveLength(1);
    expect(earlier.data.claims.edges.map((edge) => edge.node.id)).toEqual(claimIds.slice(3, 8));
    const nodes = earlier.data.claims.edges.map((edge) => edge.node);
    expect(
      await throughLoaders(
        'Claim',
        nodes.map((node) => node.id),
        'id speaker { name } rebuttals(last: 2) { nodes { id } }',
      ),
    ).toEqual(nodes);

    const SEARCH = `query($before: String) { searchClaims(query: "counter", last: 4, before: $before) { edges { node { claim { id rebuttals(last: 1) { totalCount nodes { id } } } } } pageInfo { startCursor } } }`;
    const hits = await run(SEARCH);
    expect(hits.statements).toHaveLength(1);
    const hitsBefore = await run(SEARCH, { before: hits.data.searchClaims.pageInfo.startCursor });
    expect(hitsBefore.statements).toHaveLength(1);
    const claims = hitsBefore.data.searchClaims.edges.map((edge) => edge.node.claim);
    expect(
      await throughLoaders(
        'Claim',
        claims.map((claim) => claim.id),
        'id rebuttals(last: 1) { totalCount nodes { id } }',
      ),
    ).toEqual(claims);
  });

  it('reads speakers, sources and reviews with their relations in one statement each, as the loaders do', async () => {
    const SPEAKER =
      'id name claims(first: 2) { totalCount nodes { id rebuttals(first: 2) { nodes { counterclaim { speaker { name } } } } } }';
    const speaker = await run(`query($slug: String) { speaker(slug: $slug) { ${SPEAKER} } }`, { slug: speakerSlug });
    expect(speaker.statements).toHaveLength(1);
    expect(speaker.data.speaker.claims.nodes[0]!.rebuttals.nodes).toHaveLength(2);
    expect(await throughLoaders('Speaker', [speakerId], SPEAKER)).toEqual([speaker.data.speaker]);

    const speakers = await run(`{ speakers(first: 10) { nodes { ${SPEAKER} } } }`);
    expect(speakers.statements).toHaveLength(1);
    const speakerIds = speakers.data.speakers.nodes.map((node) => node.id);
    expect(await throughLoaders('Speaker', speakerIds, SPEAKER)).toEqual(speakers.data.speakers.nodes);

    const SOURCE = 'id title claims(first: 3) { totalCount nodes { text speaker { name } rebuts { nodes { claim { text } } } } }';
    const source = await run(`query($id: ID!) { source(id: $id) { ${SOURCE} } }`, { id: sourceId });
    expect(source.statements).toHaveLength(1);
    expect(source.data.source.claims.totalCount).toBe(7);
    expect(await throughLoaders('Source', [sourceId], SOURCE)).toEqual([source.data.source]);
    const sources = await run(`{ sources { nodes { ${SOURCE} } } }`);
    expect(sources.statements).toHaveLength(1);
    expect(sources.data.sources.nodes).toEqual([source.data.source]);

    const REVIEW = 'id organizationName claim { text speaker { name } rebuttals(first: 1) { nodes { counterclaim { text } } } }';
    const reviews = await run(`query($id: ID!) { reviews(filter: { claimId: $id }) { nodes { ${REVIEW} } } }`, { id: hub });
    expect(reviews.statements).toHaveLength(1);
    const reviewIds = reviews.data.reviews.nodes.map((node) => node.id);
    expect(await throughLoaders('Review', reviewIds, REVIEW)).toEqual(reviews.data.reviews.nodes);
    const review = await run(`query($id: ID!) { review(id: $id) { ${REVIEW} } }`, { id: reviewIds[0] });
    expect(review.statements).toHaveLength(1);
    expect(review.data.review).toEqual(reviews.data.reviews.nodes[0]);
  });

  it('reads search hits with their claims and relations, and the total, in one statement', async () => {
    const CLAIM = 'id text speaker { name } source { title } rebuttals(first: 2) { totalCount nodes { counterclaim { text } } }';
    const SEARCH = `query($after: String) { searchClaims(query: "counter", first: 4, after: $after) { totalCount edges { cursor node { rank snippet claim { ${CLAIM} } } } pageInfo { hasNextPage endCursor } } }`;
    const first = await run(SEARCH);
    expect(first.statements).toHaveLength(1);
    expect(first.data.searchClaims.totalCount).toBe(12);
    const claims = first.data.searchClaims.edges.map((edge) => edge.node.claim);
    expect(claims).toHaveLength(4);
    expect(
      await throughLoaders(
        'Claim',
        claims.map((claim) => claim.id),
        CLAIM,
      ),
    ).toEqual(claims);
    const next = await run(SEARCH, { after: first.data.searchClaims.pageInfo.endCursor });
    expect(next.data.searchClaims.edges.map((edge) => edge.node.claim.id)).not.toContain(claims[0]!.id);
    // Past the last hit there is no row to carry the total: it is still right.
    let after = next.data.searchClaims.pageInfo.endCursor;
    for (let page = 0; page < 2; page += 1) after = (await run(SEARCH, { after })).data.searchClaims.pageInfo.endCursor ?? after;
    const past = await run(SEARCH, { after });
    expect(past.data.searchClaims.edges).toEqual([]);
    expect(past.data.searchClaims.totalCount).toBe(12);
  });

  it('follows fragments, aliases, @include and @skip, and merges one relation selected twice', async () => {
    const SELECTION = `...ClaimParts
      a: speaker { name }
      b: speaker @include(if: $withClaims) { claims(first: 1) { nodes { text } } }
      few: rebuttals(first: 2) { nodes { counterclaim { ... on Claim { text } } } }
      more: rebuttals(first: 4) @skip(if: $skipMore) { nodes { counterclaim { speaker { name } } } }
      again: rebuttals(first: 2) { nodes { counterclaim { speaker { name } } } }`;
    const FRAGMENT = 'fragment ClaimParts on Claim { id source { title } }';
    for (const variables of [
      { withClaims: true, skipMore: false },
      { withClaims: false, skipMore: true },
    ]) {
      const planned = await run<{ claim: ClaimShape & { b?: unknown; more?: unknown } }>(
        `query($id: ID!, $withClaims: Boolean!, $skipMore: Boolean!) { claim(id: $id) { ${SELECTION} } } ${FRAGMENT}`,
        {
          id: hub,
          ...variables,
        },
      );
      expect(planned.statements).toHaveLength(1);
      expect('more' in planned.data.claim).toBe(!variables.skipMore);
      expect(planned.data.claim.b === undefined).toBe(!variables.withClaims);
      const { data } = await run(
        `query($ids: [ID!]!, $withClaims: Boolean!, $skipMore: Boolean!) { nodes(ids: $ids) { ... on Claim { ${SELECTION} } } } ${FRAGMENT}`,
        { ids: [hub], ...variables },
      );
      expect(data.nodes).toEqual([planned.data.claim]);
    }
  });

  it('reports a bad page argument deep in the selection on its own field, and still answers the rest', async () => {
    const response = await api.gql(
      `query($id: ID!) { claim(id: $id) { text rebuttals(first: 2) { nodes { counterclaim { rebuttals(first: 101) { totalCount } } } } } }`,
      { id: hub },
    );
    expect(response.errors).toHaveLength(2);
    expect(response.errors?.every((error) => error.extensions?.code === 'BAD_USER_INPUT' && error.extensions.field === 'first')).toBe(true);
    expect(response.errors?.[0]?.path).toEqual(['claim', 'rebuttals', 'nodes', 0, 'counterclaim', 'rebuttals']);
    const foreign = await api.gql(`query($id: ID!) { claim(id: $id) { text rebuts(after: "bm90LWEtY3Vyc29y") { totalCount } } }`, {
      id: hub,
    });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('answers null for a claim that does not exist, in one statement', async () => {
    const { data, statements } = await run(`query($id: ID!) { claim(id: $id) { ${CLAIM_PAGE} } }`, {
      id: '01890000-0000-7000-8000-000000000000',
    });
    expect(data.claim).toBeNull();
    expect(statements).toHaveLength(1);
  });
});
