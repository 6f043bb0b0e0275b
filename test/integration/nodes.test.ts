import { randomUUID } from 'node:crypto';
import { dataOf, errorCodes, startTestServer, type TestServer } from '../helpers/test-server';
import { makeClaim, makeRebuttal, makeSource, makeSpeaker } from '../helpers/factories';

// Every Node type, with one field of its own, so that each answer shows it was resolved as that type.
const NODE_FIELDS = `__typename id
  ... on Speaker { name }
  ... on Source { title }
  ... on Claim { text }
  ... on Rebuttal { stance }
  ... on Review { organizationName }`;

type NodeData = {
  __typename: string;
  id: string;
  name?: string;
  title?: string;
  text?: string;
  stance?: string;
  organizationName?: string;
} | null;

/** A UUIDv7-shaped id that no record has. */
const unknownId = () => '0190a000-0000-7000-8000-' + randomUUID().slice(-12);

describe("Relay nodes: node(id:) and nodes(ids:) over the records' UUIDs", () => {
  let api: TestServer;
  let ids: { Speaker: string; Source: string; Claim: string; Rebuttal: string; Review: string };
  const expected: Record<string, Partial<NonNullable<NodeData>>> = {};

  beforeAll(async () => {
    api = await startTestServer();
    const speaker = await makeSpeaker(api.db.prisma, { name: 'Node Speaker' });
    const source = await makeSource(api.db.prisma, { title: 'Node Source' });
    const claim = await makeClaim(api.db.prisma, { speakerId: speaker.id, sourceId: source.id, text: 'Node claim' });
    const counter = await makeClaim(api.db.prisma, { speakerId: speaker.id, text: 'Node counterclaim' });
    const rebuttal = await makeRebuttal(api.db.prisma, claim.id, counter.id, 'DISPUTES');
    const review = await api.db.prisma.review.create({ data: { claimId: claim.id, rating: 'FALSE', organizationName: 'Node Desk' } });
    ids = { Speaker: speaker.id, Source: source.id, Claim: claim.id, Rebuttal: rebuttal.id, Review: review.id };
    Object.assign(expected, {
      Speaker: { name: 'Node Speaker' },
      Source: { title: 'Node Source' },
      Claim: { text: 'Node claim' },
      Rebuttal: { stance: 'DISPUTES' },
      Review: { organizationName: 'Node Desk' },
    });
  });
  afterAll(() => api.close());

  it.each(['Speaker', 'Source', 'Claim', 'Rebuttal', 'Review'] as const)(
    'node(id:) finds a %s by its raw UUID, as its type',
    async (type) => {
      const data = dataOf<{ node: NodeData }>(await api.gql(`query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`, { id: ids[type] }));
      expect(data.node).toEqual({ __typename: type, id: ids[type], ...expected[type] });
    },
  );

  it('node(id:) finds an id given in upper case, and is null for a UUID no record has', async () => {
    const data = dataOf<{ found: NodeData; missing: NodeData }>(
      await api.gql(`query($id: ID!, $unknown: ID!) { found: node(id: $id) { id } missing: node(id: $unknown) { id } }`, {
        id: ids.Claim.toUpperCase(),
        unknown: unknownId(),
      }),
    );
    expect(data).toEqual({ found: { id: ids.Claim }, missing: null });
  });

  it('nodes(ids:) returns mixed types in the order asked, null where no record has the id', async () => {
    const unknown = unknownId();
    const order = [ids.Review, unknown, ids.Speaker, ids.Claim, ids.Rebuttal, ids.Source, ids.Claim];
    const data = dataOf<{ nodes: NodeData[] }>(
      await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ${NODE_FIELDS} } }`, { ids: order }),
    );
    expect(data.nodes.map((node) => node?.__typename ?? null)).toEqual(['Review', null, 'Speaker', 'Claim', 'Rebuttal', 'Source', 'Claim']);
    expect(data.nodes.map((node) => node?.id ?? null)).toEqual(order.map((id) => (id === unknown ? null : id)));
    expect(data.nodes[3]).toEqual({ __typename: 'Claim', id: ids.Claim, text: 'Node claim' });
  });

  it('looks up the types of several ids in one statement, for nodes(ids:) and node(id:) fields alike, then one per type', async () => {
    api.statements.length = 0;
    const data = dataOf<{ a: NodeData; b: NodeData; c: NodeData; many: NodeData[] }>(
      await api.gql(
        `query($a: ID!, $b: ID!, $c: ID!, $ids: [ID!]!) {
          a: node(id: $a) { id } b: node(id: $b) { id } c: node(id: $c) { id } many: nodes(ids: $ids) { id } }`,
        {
          a: ids.Speaker,
          b: ids.Claim,
          c: unknownId(),
          ids: [ids.Review, ids.Rebuttal, ids.Source, unknownId()],
        },
      ),
    );
    expect([data.a?.id, data.b?.id, data.c, data.many.map((node) => node?.id ?? null)]).toEqual([
      ids.Speaker,
      ids.Claim,
      null,
      [ids.Review, ids.Rebuttal, ids.Source, null],
    ]);
    const lookups = api.statements.filter((sql) => /UNION ALL/.test(sql));
    expect(lookups).toHaveLength(1);
    for (const table of ['speakers', 'sources', 'claims', 'rebuttals', 'reviews'])
      expect(lookups[0]).toMatch(new RegExp(`FROM ${table}\\b`));
    // The lookup, then each type's byId loader once.
    expect(api.statements).toHaveLength(1 + 5);
  });

  it('shares the byId loaders with relations: a node also reached through a relation is fetched once', async () => {
    api.statements.length = 0;
    const data = dataOf<{ node: { speaker: { id: string } } | null; speaker: NodeData }>(
      await api.gql(
        `query($claim: ID!, $speaker: ID!) { node(id: $claim) { ... on Claim { speaker { id } } } speaker: node(id: $speaker) { id } }`,
        {
          claim: ids.Claim,
          speaker: ids.Speaker,
        },
      ),
    );
    expect(data).toEqual({ node: { speaker: { id: ids.Speaker } }, speaker: { id: ids.Speaker } });
    expect(api.statements.filter((sql) => /FROM "?(public"?\.)?"?speakers"?/.test(sql) && !/UNION ALL/.test(sql))).toHaveLength(1);
  });

  it('refuses an id that is not a UUID with BAD_USER_INPUT naming the argument, or the position in ids', async () => {
    const one = await api.gql('{ node(id: "claim-1") { id } }');
    expect(errorCodes(one)).toEqual(['BAD_USER_INPUT']);
    expect(one.errors?.[0]?.extensions?.field).toBe('id');
    const many = await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [ids.Claim, ids.Speaker, ids.Source, 'nope'] });
    expect(errorCodes(many)).toEqual(['BAD_USER_INPUT']);
    expect(many.errors?.[0]?.extensions?.field).toBe('ids.3');
    expect(many.data).toBeNull();
  });

  it('takes at most 100 ids: 100 unknown ones are 100 nulls, 101 is BAD_USER_INPUT on ids', async () => {
    const hundred = Array.from({ length: 100 }, unknownId);
    const data = dataOf<{ nodes: NodeData[] }>(await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: hundred }));
    expect(data.nodes).toEqual(hundred.map(() => null));
    const tooMany = await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [...hundred, ids.Claim] });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors?.[0]?.extensions?.field).toBe('ids');
  });

  it('answers anonymous reads, as the records themselves are readable', async () => {
    const data = dataOf<{ node: NodeData }>(await api.gql('query($id: ID!) { node(id: $id) { __typename } }', { id: ids.Source }, null));
    expect(data.node).toEqual({ __typename: 'Source' });
  });
});
