import { makeClaim, makeRebuttal, makeSpeaker } from '../helpers/factories';
import type { Connection, JsonLd, ReviewShape } from '../helpers/api-shapes';
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';

describe("a claim's rebuttals, rebuts and reviews as connections", () => {
  let api: TestServer;
  let hub: string;
  let counterclaims: string[];
  let targets: string[];
  let speakerId: string;
  beforeAll(async () => {
    api = await startTestServer();
    speakerId = (await makeSpeaker(api.db.prisma)).id;
    hub = (await makeClaim(api.db.prisma, { speakerId, text: 'the hub' })).id;
    // 25 claims counter the hub, the hub counters 3, and 23 reviews judge it: more than one page of each.
    counterclaims = [];
    for (let i = 0; i < 25; i += 1) {
      const counter = await makeClaim(api.db.prisma, { speakerId, text: `counter ${i}` });
      counterclaims.push(counter.id);
      await makeRebuttal(api.db.prisma, hub, counter.id);
    }
    targets = [];
    for (let i = 0; i < 3; i += 1) {
      const target = await makeClaim(api.db.prisma, { speakerId, text: `target ${i}` });
      targets.push(target.id);
      await makeRebuttal(api.db.prisma, target.id, hub);
    }
    for (let i = 0; i < 23; i += 1)
      await api.db.prisma.review.create({ data: { claimId: hub, rating: 'FALSE', organizationName: `Desk ${i}` } });
  });
  afterAll(() => api.close());

  const REBUTTALS = `query($id: ID!, $first: Int, $after: String) { claim(id: $id) {
    rebuttals(first: $first, after: $after) { totalCount nodes { counterclaim { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }`;

  it('pages the rebuttals against a claim: 20 by default, oldest first, with totalCount and cursors', async () => {
    const first = dataOf(await api.gql(REBUTTALS, { id: hub })).claim.rebuttals;
    expect(first.totalCount).toBe(25);
    expect(first.nodes).toHaveLength(20);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = dataOf(await api.gql(REBUTTALS, { id: hub, after: first.pageInfo.endCursor })).claim.rebuttals;
    expect(second.nodes).toHaveLength(5);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect([...first.nodes, ...second.nodes].map((node) => node.counterclaim.id)).toEqual(counterclaims);

    const small = dataOf(await api.gql(REBUTTALS, { id: hub, first: 7 })).claim.rebuttals;
    expect(small.nodes.map((node) => node.counterclaim.id)).toEqual(counterclaims.slice(0, 7));
  });

  it('refuses a page over 100 and a foreign cursor with BAD_USER_INPUT on the argument', async () => {
    const tooMany = await api.gql(REBUTTALS, { id: hub, first: 101 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const foreign = await api.gql(REBUTTALS, { id: hub, after: 'bm90LWEtY3Vyc29y' });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('pages the rebuttals a claim makes', async () => {
    const rebuts = dataOf(
      await api.gql(
        `query($id: ID!) { claim(id: $id) { rebuts(first: 2) { totalCount nodes { claim { id } } pageInfo { hasNextPage } } } }`,
        { id: hub },
      ),
    ).claim.rebuts;
    expect(rebuts).toEqual({ totalCount: 3, nodes: targets.slice(0, 2).map((id) => ({ claim: { id } })), pageInfo: { hasNextPage: true } });
  });

  it('pages the reviews, and bounds the ClaimReview JSON-LD list by first (20 by default, at most 100)', async () => {
    const pages: string[] = [];
    let after: string | null = null;
    do {
      const reviews: Connection<ReviewShape> = dataOf(
        await api.gql(
          `query($id: ID!, $after: String) { claim(id: $id) { reviews(first: 10, after: $after) { totalCount nodes { organizationName } pageInfo { hasNextPage endCursor } } } }`,
          {
            id: hub,
            after,
          },
        ),
      ).claim.reviews;
      expect(reviews.totalCount).toBe(23);
      pages.push(...reviews.nodes.map((node) => node.organizationName));
      after = reviews.pageInfo.hasNextPage ? reviews.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual(Array.from({ length: 23 }, (_, i) => `Desk ${i}`));

    const jsonLd = dataOf(
      await api.gql<{ claim: { all: JsonLd[]; few: { author: { name: string } }[] } }>(
        `query($id: ID!) { claim(id: $id) { all: claimReviews few: claimReviews(first: 3) } }`,
        { id: hub },
      ),
    ).claim;
    expect(jsonLd.all).toHaveLength(20);
    expect(jsonLd.few.map((review) => review.author.name)).toEqual(['Desk 0', 'Desk 1', 'Desk 2']);
    const tooMany = await api.gql(`query($id: ID!) { claim(id: $id) { claimReviews(first: 101) } }`, { id: hub });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  // The same pages two ways: planned into the root field's one statement (claims), and through the loaders, which
  // serve what the planner does not (here nodes(ids:), whose records the planner does not read).
  const PAGES =
    'id rebuttals(first: 3) { totalCount nodes { id } } again: rebuttals(first: 3) { nodes { id } } two: rebuttals(first: 2) { nodes { id } }';

  type PagedClaim = {
    id: string;
    rebuttals: Connection<{ id: string }>;
    again: Connection<{ id: string }>;
    two: Connection<{ id: string }>;
  };
  function expectPages(nodes: PagedClaim[]) {
    expect(nodes).toHaveLength(29);
    const hubNode = nodes.find((node) => node.id === hub)!;
    expect(hubNode.rebuttals.totalCount).toBe(25);
    expect(hubNode.rebuttals.nodes).toHaveLength(3);
    expect(hubNode.again.nodes).toEqual(hubNode.rebuttals.nodes);
    expect(hubNode.two.nodes).toEqual(hubNode.rebuttals.nodes.slice(0, 2));
    expect(nodes.filter((node) => node.id !== hub).every((node) => node.rebuttals.totalCount === (targets.includes(node.id) ? 1 : 0))).toBe(
      true,
    );
  }

  it('reads a page of rebuttals for each of many claims, and their totals, in the one statement of the claims page', async () => {
    api.statements.length = 0;
    const planned = dataOf(
      await api.gql<{ claims: Connection<PagedClaim> }>(
        `query($id: ID!) { claims(filter: { speakerId: $id }, first: 100) { nodes { ${PAGES} } } }`,
        { id: speakerId },
      ),
    ).claims.nodes;
    expectPages(planned);
    expect(api.statements).toHaveLength(1);
  });

  it('loads them through the loaders elsewhere: one statement per page size for all claims, one for the totals', async () => {
    const ids = [hub, ...counterclaims, ...targets];
    api.statements.length = 0;
    const loaded = dataOf(
      await api.gql<{ nodes: PagedClaim[] }>(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Claim { ${PAGES} } } }`, { ids }),
    ).nodes;
    expectPages(loaded);
    const pageStatements = api.statements.filter((sql) => /FROM rebuttals\s+WHERE claim_id = p\.parent_id/.test(sql));
    expect(pageStatements).toHaveLength(2);
    expect(pageStatements.every((sql) => /LIMIT/.test(sql))).toBe(true);
    expect(api.statements.filter((sql) => /count\(\*\)/i.test(sql))).toHaveLength(1);
    // The ids' types, the claims by id, the two pages, the totals.
    expect(api.statements).toHaveLength(5);
    const planned = dataOf(
      await api.gql<{ claims: Connection<PagedClaim> }>(
        `query($id: ID!) { claims(filter: { speakerId: $id }, first: 100) { nodes { ${PAGES} } } }`,
        { id: speakerId },
      ),
    ).claims.nodes;
    const byId = new Map(planned.map((node) => [node.id, node]));
    expect(loaded).toEqual(loaded.map((node) => byId.get(node.id)));
  });
});
