import { makeClaim, makeRebuttal, makeSpeaker } from '../helpers/factories';
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
    for (let i = 0; i < 23; i += 1) await api.db.prisma.review.create({ data: { claimId: hub, rating: 'FALSE', organizationName: `Desk ${i}` } });
  });
  afterAll(() => api.close());

  const REBUTTALS = `query($id: ID!, $first: Int, $after: String) { claim(id: $id) {
    rebuttals(first: $first, after: $after) { totalCount nodes { counterclaim { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }`;

  it('pages the rebuttals against a claim: 20 by default, oldest first, with totalCount and cursors', async () => {
    const first = dataOf<any>(await api.gql(REBUTTALS, { id: hub })).claim.rebuttals;
    expect(first.totalCount).toBe(25);
    expect(first.nodes).toHaveLength(20);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = dataOf<any>(await api.gql(REBUTTALS, { id: hub, after: first.pageInfo.endCursor })).claim.rebuttals;
    expect(second.nodes).toHaveLength(5);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect([...first.nodes, ...second.nodes].map((node: any) => node.counterclaim.id)).toEqual(counterclaims);

    const small = dataOf<any>(await api.gql(REBUTTALS, { id: hub, first: 7 })).claim.rebuttals;
    expect(small.nodes.map((node: any) => node.counterclaim.id)).toEqual(counterclaims.slice(0, 7));
  });

  it('refuses a page over 100 and a foreign cursor with BAD_USER_INPUT on the argument', async () => {
    const tooMany = await api.gql(REBUTTALS, { id: hub, first: 101 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const foreign = await api.gql(REBUTTALS, { id: hub, after: 'bm90LWEtY3Vyc29y' });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('pages the rebuttals a claim makes', async () => {
    const rebuts = dataOf<any>(await api.gql(`query($id: ID!) { claim(id: $id) { rebuts(first: 2) { totalCount nodes { claim { id } } pageInfo { hasNextPage } } } }`, { id: hub }))
      .claim.rebuts;
    expect(rebuts).toEqual({ totalCount: 3, nodes: targets.slice(0, 2).map((id) => ({ claim: { id } })), pageInfo: { hasNextPage: true } });
  });

  it('pages the reviews, and bounds the ClaimReview JSON-LD list by first (20 by default, at most 100)', async () => {
    const pages: string[] = [];
    let after: string | null = null;
    do {
      const reviews: any = dataOf<any>(
        await api.gql(`query($id: ID!, $after: String) { claim(id: $id) { reviews(first: 10, after: $after) { totalCount nodes { organizationName } pageInfo { hasNextPage endCursor } } } }`, {
          id: hub,
          after,
        }),
      ).claim.reviews;
      expect(reviews.totalCount).toBe(23);
      pages.push(...reviews.nodes.map((node: any) => node.organizationName));
      after = reviews.pageInfo.hasNextPage ? reviews.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual(Array.from({ length: 23 }, (_, i) => `Desk ${i}`));

    const jsonLd = dataOf<any>(await api.gql(`query($id: ID!) { claim(id: $id) { all: claimReviews few: claimReviews(first: 3) } }`, { id: hub })).claim;
    expect(jsonLd.all).toHaveLength(20);
    expect(jsonLd.few.map((review: any) => review.author.name)).toEqual(['Desk 0', 'Desk 1', 'Desk 2']);
    const tooMany = await api.gql(`query($id: ID!) { claim(id: $id) { claimReviews(first: 101) } }`, { id: hub });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('loads a page for each of many claims in one statement per page size, each cut to its own page', async () => {
    // The hub's counterclaims and targets: 28 claims with 0 or 1 rebuttal each, and the hub with 25.
    const query = `query($id: ID!) { claims(filter: { speakerId: $id }, first: 100) { nodes {
      id rebuttals(first: 3) { totalCount nodes { id } } again: rebuttals(first: 3) { nodes { id } } two: rebuttals(first: 2) { nodes { id } } } } }`;
    api.statements.length = 0;
    const nodes = dataOf<any>(await api.gql(query, { id: speakerId })).claims.nodes;
    expect(nodes).toHaveLength(29);
    const hubNode = nodes.find((node: any) => node.id === hub);
    expect(hubNode.rebuttals.totalCount).toBe(25);
    expect(hubNode.rebuttals.nodes).toHaveLength(3);
    expect(hubNode.again.nodes).toEqual(hubNode.rebuttals.nodes);
    expect(hubNode.two.nodes).toEqual(hubNode.rebuttals.nodes.slice(0, 2));
    expect(nodes.filter((node: any) => node.id !== hub).every((node: any) => node.rebuttals.totalCount === (targets.includes(node.id) ? 1 : 0))).toBe(true);
    // The claims page, one page statement per page size (3 and 2) for all 29 claims, one count statement.
    const pageStatements = api.statements.filter((sql) => /FROM rebuttals\s+WHERE claim_id = p\.parent_id/.test(sql));
    expect(pageStatements).toHaveLength(2);
    expect(pageStatements.every((sql) => /LIMIT/.test(sql))).toBe(true);
    expect(api.statements.filter((sql) => /count\(\*\)/i.test(sql))).toHaveLength(1);
    expect(api.statements).toHaveLength(4);
  });
});
