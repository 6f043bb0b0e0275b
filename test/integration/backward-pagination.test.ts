// Every connection pages both ways (https://relay.dev/graphql/connections.htm): walked backward with last/before it
// gives the items walked forward with first/after, in the same order, page by page, with the same cursors; pageInfo
// says at both ends whether more come; and the mixes of directions are refused on the argument at fault.
import { makeClaim, makeRebuttal, makeSource, makeSpeaker } from '../helpers/factories';
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';

type Variables = Record<string, unknown>;

/** A connection as CONNECTION selects it; a search hit's node is a hit, its claim inside. */
interface ConnectionRead extends Omit<PageRead, 'edges'> {
  edges: { cursor: string; node: { id?: string; claim?: { id: string } } }[];
}

/** A connection to page: `template` holds PAGE where the page arguments go and CONNECTION where its selection does. */
interface ConnectionCase {
  name: string;
  template: string;
  /** Where the connection is in the answer's data. */
  path: (string | number)[];
  /** Variable definitions besides the page's, and their values. */
  definitions?: string;
  variables?: () => Variables;
  node?: string;
}

interface PageRead {
  edges: { cursor: string; id: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

const PAGE_SIZE = 3;

describe('backward pagination: last/before on every connection', () => {
  let api: TestServer;
  let hub: string;
  let speakerId: string;
  let sourceId: string;
  let asOf: string;

  beforeAll(async () => {
    api = await startTestServer();
    const speakers = await Promise.all(Array.from({ length: 3 }, () => makeSpeaker(api.db.prisma)));
    for (let i = 0; i < 7; i += 1) await makeSpeaker(api.db.prisma, { name: `Backwardson ${i}` });
    speakerId = speakers[0]!.id;
    sourceId = (await makeSource(api.db.prisma)).id;
    for (let i = 0; i < 6; i += 1) await makeSource(api.db.prisma);
    hub = (await makeClaim(api.db.prisma, { speakerId, sourceId, text: 'the hub' })).id;
    for (let i = 0; i < 14; i += 1) {
      // Days repeat and some are unknown, so that the search's order leans on every part of its key.
      const statedAt = i % 3 === 0 ? null : new Date(`2020-0${(i % 2) + 1}-01`);
      const counter = await makeClaim(api.db.prisma, {
        speakerId: speakers[i % 2]!.id,
        ...(i % 2 ? {} : { sourceId }),
        text: `counter ${i}`,
        statedAt,
      });
      await makeRebuttal(api.db.prisma, hub, counter.id);
      if (i < 7) await makeRebuttal(api.db.prisma, counter.id, hub);
    }
    for (let i = 0; i < 7; i += 1) {
      await api.db.prisma.review.create({
        data: { claimId: hub, rating: 'FALSE', organizationName: `Desk ${i}`, publishedAt: new Date('2020-01-01T10:00:00Z') },
      });
    }
    for (let i = 0; i < 6; i += 1) await api.createKey('VIEWER', `key ${i}`);
    for (let i = 0; i < 7; i += 1) {
      dataOf(
        await api.gql('mutation($id: ID!, $name: String!) { updateSpeaker(id: $id, input: { affiliation: $name }) { id } }', {
          id: speakerId,
          name: `desk ${i}`,
        }),
      );
    }
    asOf = new Date(Date.now() + 1).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
  afterAll(() => api.close());

  const CONNECTION = '{ totalCount edges { cursor node { NODE } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }';

  async function readPage(c: ConnectionCase, page: Variables): Promise<PageRead> {
    const query = `query($first: Int, $after: String, $last: Int, $before: String${c.definitions ?? ''}) { ${c.template
      .replace('PAGE', 'first: $first, after: $after, last: $last, before: $before')
      .replace('CONNECTION', CONNECTION.replace('NODE', c.node ?? 'id'))} }`;
    let found: unknown = dataOf(await api.gql<Variables>(query, { ...c.variables?.(), ...page }));
    for (const step of c.path) found = (found as Record<string | number, unknown>)[step];
    const connection = found as ConnectionRead;
    return {
      edges: connection.edges.map((edge) => ({ cursor: edge.cursor, id: edge.node.id ?? edge.node.claim!.id })),
      pageInfo: connection.pageInfo,
      totalCount: connection.totalCount,
    };
  }

  /** Walks the connection forward and backward, and back from each forward page, checking each against the others. */
  async function pageBothWays(c: ConnectionCase): Promise<void> {
    const forward: PageRead[] = [await readPage(c, { first: PAGE_SIZE })];
    while (forward.at(-1)!.pageInfo.hasNextPage)
      forward.push(await readPage(c, { first: PAGE_SIZE, after: forward.at(-1)!.pageInfo.endCursor }));
    const backward: PageRead[] = [await readPage(c, { last: PAGE_SIZE })];
    while (backward.at(-1)!.pageInfo.hasPreviousPage)
      backward.push(await readPage(c, { last: PAGE_SIZE, before: backward.at(-1)!.pageInfo.startCursor }));

    const all = forward.flatMap((page) => page.edges);
    expect(all.length).toBeGreaterThan(2 * PAGE_SIZE);
    // The same edges (ids and cursors) in the same order, the pages counted from the end.
    expect([...backward].reverse().flatMap((page) => page.edges)).toEqual(all);
    for (const [index, page] of backward.entries()) {
      const end = all.length - index * PAGE_SIZE;
      expect(page.edges).toEqual(all.slice(Math.max(0, end - PAGE_SIZE), end));
      expect(page.pageInfo).toEqual({
        hasNextPage: index > 0,
        hasPreviousPage: index < backward.length - 1,
        startCursor: page.edges[0]!.cursor,
        endCursor: page.edges.at(-1)!.cursor,
      });
      expect(page.totalCount).toBe(all.length);
    }
    expect(forward.map((page) => [page.pageInfo.hasPreviousPage, page.pageInfo.hasNextPage])).toEqual(
      forward.map((_, index) => [index > 0, index < forward.length - 1]),
    );
    // From each forward page back to the one before it: the same page.
    for (let index = 1; index < forward.length; index += 1) {
      const before = await readPage(c, { last: PAGE_SIZE, before: forward[index]!.pageInfo.startCursor });
      expect(before.edges).toEqual(forward[index - 1]!.edges);
      expect(before.pageInfo).toMatchObject({ hasPreviousPage: index > 1, hasNextPage: true });
    }
    // Before the first item, and last: 0, nothing.
    expect((await readPage(c, { before: all[0]!.cursor })).edges).toEqual([]);
    expect((await readPage(c, { last: 0 })).pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false, startCursor: null });
  }

  const ROOTS: ConnectionCase[] = [
    { name: 'claims', template: 'claims(PAGE) CONNECTION', path: ['claims'] },
    {
      name: 'claims with a filter',
      template: 'claims(filter: { speakerId: $speaker }, PAGE) CONNECTION',
      path: ['claims'],
      definitions: ', $speaker: ID!',
      variables: () => ({ speaker: speakerId }),
    },
    { name: 'speakers', template: 'speakers(PAGE) CONNECTION', path: ['speakers'] },
    { name: 'speakers(search)', template: 'speakers(search: "backwardson", PAGE) CONNECTION', path: ['speakers'] },
    { name: 'sources', template: 'sources(PAGE) CONNECTION', path: ['sources'], node: 'id' },
    { name: 'reviews', template: 'reviews(PAGE) CONNECTION', path: ['reviews'] },
    {
      name: 'searchClaims',
      template: 'searchClaims(query: "counter", PAGE) CONNECTION',
      path: ['searchClaims'],
      node: 'rank claim { id }',
    },
    // One speaker's entries: the whole history would be as many pages as the records written above.
    {
      name: 'history',
      template: 'history(filter: { entityId: $speaker }, PAGE) CONNECTION',
      path: ['history'],
      definitions: ', $speaker: ID!',
      variables: () => ({ speaker: speakerId }),
    },
    { name: 'apiKeys', template: 'apiKeys(PAGE) CONNECTION', path: ['apiKeys'] },
  ];

  const NESTED: ConnectionCase[] = (
    [
      ['rebuttals', 'Claim', () => hub],
      ['rebuts', 'Claim', () => hub],
      ['reviews', 'Claim', () => hub],
      ['history', 'Speaker', () => speakerId],
      ['claims', 'Speaker', () => speakerId],
      ['claims', 'Source', () => sourceId],
    ] as [string, string, () => string][]
  ).flatMap(([field, type, id]) => {
    const root = type.toLowerCase();
    const variables = () => ({ id: id() });
    return [
      // Planned: the root field reads the page in its statement; through nodes(ids:), the loaders read it.
      {
        name: `${type}.${field} planned`,
        template: `${root}(id: $id) { ${field}(PAGE) CONNECTION }`,
        path: [root, field],
        definitions: ', $id: ID!',
        variables,
      },
      {
        name: `${type}.${field} through the loaders`,
        template: `nodes(ids: [$id]) { ... on ${type} { ${field}(PAGE) CONNECTION } }`,
        path: ['nodes', 0, field],
        definitions: ', $id: ID!',
        variables,
      },
    ];
  });

  it.each([...ROOTS, ...NESTED].map((c) => [c.name, c] as const))(
    '%s: backward gives the forward pages, in order, with pageInfo right at both ends',
    async (_name, c) => {
      await pageBothWays(c);
    },
  );

  it('a claim read as of an instant pages its reviews of then backward too', async () => {
    await pageBothWays({
      name: 'Claim.reviews asOf',
      template: 'claim(id: $id, asOf: $asOf) { reviews(PAGE) CONNECTION }',
      path: ['claim', 'reviews'],
      definitions: ', $id: ID!, $asOf: DateTimeISO!',
      variables: () => ({ id: hub, asOf }),
    });
  });

  it('nested connections page backward under every parent of a page, planned in one statement', async () => {
    const QUERY = `query($before: String) { claims(last: 4, before: $before) { nodes { id rebuts(last: 2) { nodes { id } pageInfo { hasPreviousPage hasNextPage } } } pageInfo { startCursor } } }`;
    api.statements.length = 0;
    const { claims } = dataOf(await api.gql(QUERY));
    expect(api.statements).toHaveLength(1);
    const { claims: earlier } = dataOf(await api.gql(QUERY, { before: claims.pageInfo.startCursor }));
    const parents = [...earlier.nodes, ...claims.nodes];
    const { nodes } = dataOf(
      await api.gql(
        `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Claim { id rebuts(last: 2) { nodes { id } pageInfo { hasPreviousPage hasNextPage } } } } }`,
        { ids: parents.map((node) => node.id) },
      ),
    );
    expect(nodes).toEqual(parents);
  });

  it('refuses first with last, after with before, a mix of directions, sizes out of range and foreign cursors, on the argument', async () => {
    const { claims } = dataOf(await api.gql('{ claims(first: 1) { pageInfo { endCursor } } }'));
    const cursor = claims.pageInfo.endCursor as string;
    const refusals: [string, Variables, string][] = [
      ['first: $n, last: $n', { n: 1 }, 'last'],
      ['after: $c, before: $c', { c: cursor }, 'before'],
      ['last: $n, after: $c', { n: 1, c: cursor }, 'after'],
      ['first: $n, before: $c', { n: 1, c: cursor }, 'before'],
      ['last: $n', { n: -1 }, 'last'],
      ['last: $n', { n: 101 }, 'last'],
      ['last: $n, before: $c', { n: 1, c: 'garbage' }, 'before'],
    ];
    for (const [args, variables, field] of refusals) {
      const definitions = Object.keys(variables)
        .map((name) => `$${name}: ${name === 'n' ? 'Int' : 'String'}`)
        .join(', ');
      for (const template of [
        `claims(${args}) { totalCount }`,
        `claim(id: $id) { rebuttals(${args}) { totalCount } }`,
        `nodes(ids: [$id]) { ... on Claim { rebuts(${args}) { totalCount } } }`,
      ]) {
        const withId = template.includes('$id');
        const response = await api.gql(`query(${withId ? '$id: ID!, ' : ''}${definitions}) { ${template} }`, {
          ...(withId ? { id: hub } : {}),
          ...variables,
        });
        expect(response.errors?.map((error) => error.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
      }
    }
    // A list's cursors are its own, backward too.
    const search = await api.gql('query($c: String) { searchClaims(query: "counter", last: 2, before: $c) { totalCount } }', { c: cursor });
    expect(search.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
    const history = await api.gql('query($c: String) { history(before: $c) { totalCount } }', { c: cursor });
    expect(history.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
    expect(history.errors?.[0]?.message).toMatch(/pageInfo.startCursor/);
  });
});
