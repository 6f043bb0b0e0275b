import type { TraceShape } from '../helpers/api-shapes';
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';

type Stance = 'REFUTES' | 'DISPUTES' | 'QUALIFIES';

interface Graph {
  /** Claim id by name. */
  ids: Record<string, string>;
  /** Claim name by id. */
  names: Map<string, string>;
}

interface TraceView {
  /** "name:depth" in the order returned. */
  nodes: string[];
  /** "counterclaim>claim", sorted. */
  edges: string[];
  truncated: boolean;
}

const TRACE_FIELDS = `root { id } truncated nodes { depth claim { id } } edges { claim { id } counterclaim { id } }`;

describe('trace', () => {
  let api: TestServer;
  let graphs = 0;
  let speakerId: string;

  beforeAll(async () => {
    api = await startTestServer();
    speakerId = (await api.db.prisma.speaker.create({ data: { slug: 'tracer', name: 'Tracer' } })).id;
  });
  afterAll(() => api.close());

  /**
   * Writes a graph from edges written "B>A" (claim B counters claim A), optionally with a stance ("B>A:QUALIFIES").
   * Claim ids are fixed UUIDv7-shaped values in name order, so that "lowest id first" is "first name first".
   */
  async function graph(edges: string[], extraClaims: string[] = []): Promise<Graph> {
    graphs += 1;
    const parsed = edges.map((edge) => {
      const [pair, stance = 'REFUTES'] = edge.split(':');
      const [counterclaim, claim] = pair!.split('>');
      return { counterclaim: counterclaim!, claim: claim!, stance: stance as Stance };
    });
    const names = [...new Set([...parsed.flatMap((edge) => [edge.claim, edge.counterclaim]), ...extraClaims])].sort();
    const ids = Object.fromEntries(
      names.map((name, index) => [
        name,
        `01900000-0000-7000-8${graphs.toString(16).padStart(3, '0')}-${(index + 1).toString(16).padStart(12, '0')}`,
      ]),
    );
    await api.db.prisma.claim.createMany({
      data: names.map((name) => ({ id: ids[name]!, text: `claim ${name}`, kind: 'QUOTE', speakerId })),
    });
    await api.db.prisma.rebuttal.createMany({
      data: parsed.map((edge) => ({ claimId: ids[edge.claim]!, counterclaimId: ids[edge.counterclaim]!, stance: edge.stance })),
    });
    return { ids, names: new Map(names.map((name) => [ids[name]!, name])) };
  }

  async function trace(g: Graph, root: string, args: string = ''): Promise<TraceView> {
    const data = dataOf(await api.gql(`query($id: ID!) { trace(claimId: $id ${args}) { ${TRACE_FIELDS} } }`, { id: g.ids[root] }));
    const name = (claim: { id: string }) => g.names.get(claim.id) ?? `?${claim.id}`;
    expect(name(data.trace.root)).toBe(root);
    return {
      nodes: data.trace.nodes.map((node) => `${name(node.claim)}:${node.depth}`),
      edges: data.trace.edges.map((edge) => `${name(edge.counterclaim)}>${name(edge.claim)}`).sort(),
      truncated: data.trace.truncated,
    };
  }

  describe('on a chain A <- B <- C <- D', () => {
    let g: Graph;
    beforeAll(async () => {
      g = await graph(['B>A', 'C>B', 'D>C']);
    });

    it('follows counterclaims (REBUTTALS, the default) to the depth asked for, and says whether it cut the chain', async () => {
      expect(await trace(g, 'A')).toEqual({ nodes: ['A:0', 'B:1', 'C:2', 'D:3'], edges: ['B>A', 'C>B', 'D>C'], truncated: false });
      expect(await trace(g, 'A', 'depth: 2')).toEqual({ nodes: ['A:0', 'B:1', 'C:2'], edges: ['B>A', 'C>B'], truncated: true });
      expect(await trace(g, 'A', 'depth: 0')).toEqual({ nodes: ['A:0'], edges: [], truncated: true });
      expect(await trace(g, 'D', 'depth: 0')).toEqual({ nodes: ['D:0'], edges: [], truncated: false });
      expect(await trace(g, 'D')).toEqual({ nodes: ['D:0'], edges: [], truncated: false });
    });

    it('follows what a claim counters (REBUTS), and both ways (BOTH)', async () => {
      expect(await trace(g, 'D', 'direction: REBUTS')).toEqual({
        nodes: ['D:0', 'C:1', 'B:2', 'A:3'],
        edges: ['B>A', 'C>B', 'D>C'],
        truncated: false,
      });
      expect(await trace(g, 'A', 'direction: REBUTS')).toEqual({ nodes: ['A:0'], edges: [], truncated: false });
      expect(await trace(g, 'B', 'direction: BOTH, depth: 1')).toEqual({
        nodes: ['B:0', 'A:1', 'C:1'],
        edges: ['B>A', 'C>B'],
        truncated: true,
      });
      expect(await trace(g, 'B', 'direction: BOTH, depth: 2')).toEqual({
        nodes: ['B:0', 'A:1', 'C:1', 'D:2'],
        edges: ['B>A', 'C>B', 'D>C'],
        truncated: false,
      });
    });
  });

  describe('on cycles: A <- B <- C <- A, and A <-> D', () => {
    let g: Graph;
    beforeAll(async () => {
      g = await graph(['B>A', 'C>B', 'A>C', 'D>A', 'A>D']);
    });

    it('terminates and returns each claim once, at its shortest depth, with every edge among them once', async () => {
      const all = ['A>C', 'A>D', 'B>A', 'C>B', 'D>A'];
      expect(await trace(g, 'A', 'depth: 10')).toEqual({ nodes: ['A:0', 'B:1', 'D:1', 'C:2'], edges: all, truncated: false });
      expect(await trace(g, 'A', 'depth: 10, direction: REBUTS')).toEqual({
        nodes: ['A:0', 'C:1', 'D:1', 'B:2'],
        edges: all,
        truncated: false,
      });
      expect(await trace(g, 'A', 'depth: 10, direction: BOTH')).toEqual({
        nodes: ['A:0', 'B:1', 'C:1', 'D:1'],
        edges: all,
        truncated: false,
      });
      expect(await trace(g, 'C', 'depth: 10')).toEqual({ nodes: ['C:0', 'A:1', 'B:2', 'D:2'], edges: all, truncated: false });
    });

    it('is not truncated when the only edges beyond the depth lead back into the trace', async () => {
      // From A at depth 1: A, B and D; B is countered by C (new: truncated), D is countered by A (seen).
      expect(await trace(g, 'A', 'depth: 1')).toEqual({ nodes: ['A:0', 'B:1', 'D:1'], edges: ['A>D', 'B>A', 'D>A'], truncated: true });
      expect(await trace(g, 'A', 'depth: 2')).toEqual({
        nodes: ['A:0', 'B:1', 'D:1', 'C:2'],
        edges: ['A>C', 'A>D', 'B>A', 'C>B', 'D>A'],
        truncated: false,
      });
    });
  });

  describe('on six claims that all counter each other (30 edges)', () => {
    it('returns at most 4 edges per claim it may hold (maxNodes), the oldest', async () => {
      const names = ['A', 'B', 'C', 'D', 'E', 'F'];
      const g = await graph(names.flatMap((counter) => names.filter((claim) => claim !== counter).map((claim) => `${counter}>${claim}`)));
      const all = await trace(g, 'A', 'maxNodes: 8, depth: 1');
      expect(all.nodes).toHaveLength(6);
      expect(all.edges).toHaveLength(30);
      const capped = await trace(g, 'A', 'maxNodes: 6, depth: 1');
      expect(capped.nodes).toHaveLength(6);
      expect(capped.edges).toHaveLength(24);
      const oldest = await api.db.prisma.rebuttal.findMany({
        where: { claimId: { in: Object.values(g.ids) } },
        orderBy: { id: 'asc' },
        take: 24,
      });
      expect(capped.edges).toEqual(oldest.map((edge) => `${g.names.get(edge.counterclaimId)}>${g.names.get(edge.claimId)}`).sort());
    });
  });

  describe('on a diamond: A <- B, A <- C, B <- D, C <- D, D <- E', () => {
    let g: Graph;
    beforeAll(async () => {
      g = await graph(['B>A:REFUTES', 'C>A:QUALIFIES', 'D>B:REFUTES', 'D>C:DISPUTES', 'E>D:REFUTES']);
    });

    it('reaches the shared claim once, and keeps both edges into it', async () => {
      expect(await trace(g, 'A')).toEqual({
        nodes: ['A:0', 'B:1', 'C:1', 'D:2', 'E:3'],
        edges: ['B>A', 'C>A', 'D>B', 'D>C', 'E>D'],
        truncated: false,
      });
      expect(await trace(g, 'E', 'direction: REBUTS')).toEqual({
        nodes: ['E:0', 'D:1', 'B:2', 'C:2', 'A:3'],
        edges: ['B>A', 'C>A', 'D>B', 'D>C', 'E>D'],
        truncated: false,
      });
    });

    it('follows and returns only the rebuttals of the stances asked for', async () => {
      expect(await trace(g, 'A', 'stances: [REFUTES]')).toEqual({
        nodes: ['A:0', 'B:1', 'D:2', 'E:3'],
        edges: ['B>A', 'D>B', 'E>D'],
        truncated: false,
      });
      expect(await trace(g, 'A', 'stances: [QUALIFIES, DISPUTES]')).toEqual({
        nodes: ['A:0', 'C:1', 'D:2'],
        edges: ['C>A', 'D>C'],
        truncated: false,
      });
      expect(await trace(g, 'E', 'direction: REBUTS, stances: [DISPUTES, DISPUTES]')).toEqual({
        nodes: ['E:0'],
        edges: [],
        truncated: false,
      });
      expect(await trace(g, 'A', 'stances: []')).toEqual({ nodes: ['A:0'], edges: [], truncated: false });
    });
  });

  describe('on a fan-out: H countered by X01..X12, X01 countered by Y', () => {
    let g: Graph;
    const xs = Array.from({ length: 12 }, (_, index) => `X${String(index + 1).padStart(2, '0')}`);
    beforeAll(async () => {
      g = await graph([...xs.map((x) => `${x}>H`), 'Y>X01']);
    });

    it('stops at maxNodes, keeping the closest claims and the oldest among equals, and says it cut the graph', async () => {
      expect(await trace(g, 'H', 'maxNodes: 5')).toEqual({
        nodes: ['H:0', 'X01:1', 'X02:1', 'X03:1', 'X04:1'],
        edges: ['X01>H', 'X02>H', 'X03>H', 'X04>H'],
        truncated: true,
      });
      expect(await trace(g, 'H', 'maxNodes: 1')).toEqual({ nodes: ['H:0'], edges: [], truncated: true });
    });

    it('is truncated exactly when a claim is left out, by the node cap or by the depth', async () => {
      const level1 = ['H:0', ...xs.map((x) => `${x}:1`)];
      expect(await trace(g, 'H', 'depth: 2, maxNodes: 14')).toMatchObject({ nodes: [...level1, 'Y:2'], truncated: false });
      expect(await trace(g, 'H', 'depth: 2, maxNodes: 13')).toMatchObject({ nodes: level1, truncated: true });
      expect(await trace(g, 'H', 'depth: 1, maxNodes: 13')).toMatchObject({ nodes: level1, truncated: true });
      expect(await trace(g, 'Y', 'direction: REBUTS, depth: 2, maxNodes: 3')).toEqual({
        nodes: ['Y:0', 'X01:1', 'H:2'],
        edges: ['X01>H', 'Y>X01'],
        truncated: false,
      });
      expect(await trace(g, 'Y', 'direction: BOTH, depth: 3, maxNodes: 14')).toMatchObject({
        nodes: ['Y:0', 'X01:1', 'H:2', ...xs.slice(1).map((x) => `${x}:3`)],
        truncated: false,
      });
      expect(await trace(g, 'Y', 'direction: BOTH, depth: 2')).toMatchObject({ nodes: ['Y:0', 'X01:1', 'H:2'], truncated: true });
    });
  });

  it('lists the nodes as a timeline by statedAt, undated claims last and ties by id', async () => {
    const g = await graph(['B>A', 'C>A', 'D>B', 'E>A']);
    const dates: Record<string, string | null> = { A: '2019-02-01', B: '2019-01-15', C: null, D: '2019-02-01', E: '2018-12-31' };
    for (const [name, date] of Object.entries(dates)) {
      await api.db.prisma.claim.update({ where: { id: g.ids[name] }, data: { statedAt: date ? new Date(`${date}T00:00:00Z`) : null } });
    }
    const data = dataOf(
      await api.gql<{ trace: { timeline: TraceShape['nodes']; byDepth: TraceShape['nodes'] } }>(
        `query($id: ID!) { trace(claimId: $id) { timeline: nodes(order: STATED_AT) { depth claim { id statedAt } } byDepth: nodes { claim { id } } } }`,
        {
          id: g.ids.A,
        },
      ),
    );
    expect(data.trace.timeline.map((node) => `${g.names.get(node.claim.id)}:${node.claim.statedAt}`)).toEqual([
      'E:2018-12-31',
      'B:2019-01-15',
      'A:2019-02-01',
      'D:2019-02-01',
      'C:null',
    ]);
    expect(data.trace.byDepth.map((node) => g.names.get(node.claim.id))).toEqual(['A', 'B', 'C', 'E', 'D']);
  });

  describe('arguments', () => {
    let root: string;
    beforeAll(async () => {
      root = (await graph(['B>A'])).ids.A!;
    });

    it.each([
      ['depth: 11', 'depth'],
      ['depth: -1', 'depth'],
      ['maxNodes: 5001', 'maxNodes'],
      ['maxNodes: 0', 'maxNodes'],
    ])('refuses %s with BAD_USER_INPUT naming the argument', async (args, field) => {
      const response = await api.gql(`query($id: ID!) { trace(claimId: $id, ${args}) { truncated } }`, { id: root });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(response.data).toBeNull();
    });

    it('accepts the limits themselves, and null for the defaults', async () => {
      const response = await api.gql(
        `query($id: ID!) { trace(claimId: $id, depth: 10, maxNodes: 5000) { truncated } n: trace(claimId: $id, depth: null, maxNodes: null, direction: null) { nodes { depth } } }`,
        {
          id: root,
        },
      );
      expect(dataOf(response)).toEqual({ trace: { truncated: false }, n: { nodes: [{ depth: 0 }, { depth: 1 }] } });
    });

    it('answers NOT_FOUND for an unknown claim and BAD_USER_INPUT for a malformed id', async () => {
      const unknown = await api.gql(`{ trace(claimId: "01900000-0000-7000-8fff-000000000000") { truncated } }`);
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'claimId' });
      const malformed = await api.gql(`{ trace(claimId: "42") { truncated } }`);
      expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'claimId' });
    });
  });

  describe('cost', () => {
    const FULL = `query($id: ID!, $maxNodes: Int) { trace(claimId: $id, depth: 10, direction: BOTH, maxNodes: $maxNodes) {
      truncated root { text speaker { name } }
      nodes { depth claim { id text statedAt speaker { name } source { title } rebuttals { nodes { id } } } }
      edges { id stance claim { id text speaker { name } } counterclaim { id speaker { name } } } } }`;

    async function statementsFor(root: string, maxNodes = 500): Promise<{ statements: string[]; nodes: number; edges: number }> {
      api.statements.length = 0;
      const data = dataOf(await api.gql(FULL, { id: root, maxNodes }));
      return { statements: [...api.statements], nodes: data.trace.nodes.length, edges: data.trace.edges.length };
    }

    it('costs the same few statements whatever the size of the trace', async () => {
      // 150 claims by 15 speakers citing 5 sources: a hub countered by 30 claims, each countered by 4 more.
      const speakers = await Promise.all(
        Array.from({ length: 15 }, (_, index) => api.db.prisma.speaker.create({ data: { slug: `cost-${index}`, name: `Cost ${index}` } })),
      );
      const sources = await Promise.all(
        Array.from({ length: 5 }, (_, index) => api.db.prisma.source.create({ data: { title: `Source ${index}` } })),
      );
      const edges = Array.from({ length: 30 }, (_, index) => `M${String(index).padStart(3, '0')}>HUB`);
      for (let index = 0; index < 120; index += 1) edges.push(`L${String(index).padStart(3, '0')}>M${String(index % 30).padStart(3, '0')}`);
      const big = await graph(edges);
      const small = await graph(['B>A']);
      const claims = [...Object.values(big.ids), ...Object.values(small.ids)];
      await Promise.all(
        claims.map((id, index) =>
          api.db.prisma.claim.update({ where: { id }, data: { speakerId: speakers[index % 15]!.id, sourceId: sources[index % 5]!.id } }),
        ),
      );

      const large = await statementsFor(big.ids.HUB!);
      expect(large).toMatchObject({ nodes: 151, edges: 150 });
      const tiny = await statementsFor(small.ids.A!);
      expect(tiny).toMatchObject({ nodes: 2, edges: 1 });
      // The walk, the edges, then one batch each for speakers, sources and the nodes' own rebuttals.
      expect(large.statements).toHaveLength(5);
      expect(tiny.statements).toHaveLength(5);
      expect(large.statements.filter((sql) => /WITH RECURSIVE/i.test(sql))).toHaveLength(1);
      // Claims named by edges are the trace's own nodes: no statement loads them again.
      expect(large.statements.filter((sql) => /FROM\s+"public"\."claims"/i.test(sql))).toHaveLength(0);
      const capped = await statementsFor(big.ids.HUB!, 20);
      expect(capped).toMatchObject({ nodes: 20 });
      expect(capped.statements).toHaveLength(5);

      // Edges are read only when asked for.
      api.statements.length = 0;
      const nodesOnly = dataOf(await api.gql(`query($id: ID!) { trace(claimId: $id) { nodes { depth } } }`, { id: big.ids.HUB }));
      expect(nodesOnly.trace.nodes).toHaveLength(151);
      expect(api.statements).toEqual([expect.stringMatching(/WITH RECURSIVE/i)]);
    });

    it('costs one statement for a claim with no rebuttals', async () => {
      const lonely = await graph([], ['Z']);
      api.statements.length = 0;
      expect(
        dataOf(await api.gql(`query($id: ID!) { trace(claimId: $id) { truncated edges { id } nodes { depth } } }`, { id: lonely.ids.Z })),
      ).toEqual({
        trace: { truncated: false, edges: [], nodes: [{ depth: 0 }] },
      });
      expect(api.statements).toHaveLength(1);
    });
  });
});

describe('Speaker.disputes', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  it('counts, per other speaker, the rebuttals received and made, in one statement for a whole list of speakers', async () => {
    const prisma = api.db.prisma;
    const [ann, bob, cy, dee] = await Promise.all(
      ['ann', 'bob', 'cy', 'dee'].map((slug) => prisma.speaker.create({ data: { slug, name: slug.toUpperCase() } })),
    );
    const claim = async (speaker: { id: string }, text: string) =>
      (await prisma.claim.create({ data: { text, kind: 'QUOTE', speakerId: speaker.id } })).id;
    const a1 = await claim(ann!, 'a1');
    const a2 = await claim(ann!, 'a2');
    const b1 = await claim(bob!, 'b1');
    const b2 = await claim(bob!, 'b2');
    const c1 = await claim(cy!, 'c1');
    await claim(dee!, 'd1');
    const rebut = (claimId: string, counterclaimId: string) =>
      prisma.rebuttal.create({ data: { claimId, counterclaimId, stance: 'DISPUTES' } });
    // Bob counters Ann three times (two of her claims), Ann counters Bob once, Cy counters Bob once, Ann corrects herself.
    await Promise.all([rebut(a1, b1), rebut(a2, b1), rebut(a1, b2), rebut(b1, a2), rebut(b2, c1), rebut(a1, a2)]);

    api.statements.length = 0;
    const data = dataOf(
      await api.gql(`{ speakers(first: 20) { nodes { slug disputes { speaker { slug } rebuttalsReceived rebuttalsMade } } } }`),
    );
    const bySlug = Object.fromEntries(data.speakers.nodes.map((speaker) => [speaker.slug, speaker.disputes]));
    expect(bySlug).toEqual({
      ann: [{ speaker: { slug: 'bob' }, rebuttalsReceived: 3, rebuttalsMade: 1 }],
      bob: [
        { speaker: { slug: 'ann' }, rebuttalsReceived: 1, rebuttalsMade: 3 },
        { speaker: { slug: 'cy' }, rebuttalsReceived: 1, rebuttalsMade: 0 },
      ],
      cy: [{ speaker: { slug: 'bob' }, rebuttalsReceived: 0, rebuttalsMade: 1 }],
      dee: [],
    });
    // The page of speakers, then one statement for all their disputes; the other sides are speakers already loaded.
    expect(api.statements.filter((sql) => /rebuttals/i.test(sql))).toHaveLength(1);
    expect(api.statements.length).toBeLessThanOrEqual(3);

    const firstOnly = dataOf(await api.gql(`{ speaker(slug: "bob") { disputes(first: 1) { speaker { slug } } } }`));
    expect(firstOnly.speaker.disputes).toEqual([{ speaker: { slug: 'ann' } }]);
    const tooMany = await api.gql(`{ speaker(slug: "bob") { disputes(first: 101) { rebuttalsMade } } }`);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
