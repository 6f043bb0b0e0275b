import type { TraceShape } from '../helpers/api-shapes';
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';

const NODE_FIELDS = `depth claim { text statedAt speaker { name } source { publisher } }`;

describe('trace and disputes on the seeded INF-treaty corpus', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ seed: true });
  });
  afterAll(() => api.close());

  const claimId = async (start: string) => (await api.db.prisma.claim.findFirstOrThrow({ where: { text: { startsWith: start } } })).id;
  const trace = async (id: string, args = '') =>
    dataOf(
      await api.gql(
        `query($id: ID!) { trace(claimId: $id ${args}) { truncated root { text } nodes { ${NODE_FIELDS} }
        edges { stance claim { speaker { name } } counterclaim { speaker { name } } } } }`,
        { id },
      ),
    ).trace;
  const view = (nodes: TraceShape['nodes']) =>
    nodes.map((node) => `${node.depth} ${node.claim.speaker.name}: ${node.claim.text.slice(0, 30)}`);

  it('traces Coats’s accusation to Ryabkov’s answers', async () => {
    const result = await trace(await claimId('We believe Russia’s objective was to keep the United States constrained'));
    expect(result.truncated).toBe(false);
    expect(view(result.nodes)).toEqual([
      '0 Daniel Coats: We believe Russia’s objective ',
      '1 Sergei Ryabkov: It’s hard to say what the U.S.',
      '1 Sergei Ryabkov: It’s possible that intelligenc',
    ]);
    expect(result.edges.map((edge) => `${edge.counterclaim.speaker.name} ${edge.stance} ${edge.claim.speaker.name}`)).toEqual([
      'Sergei Ryabkov DISPUTES Daniel Coats',
      'Sergei Ryabkov DISPUTES Daniel Coats',
    ]);
  });

  it('traces the administration’s charge of violation to Ryabkov, and the whole dispute around it both ways', async () => {
    const violating = await claimId('Russia is the country violating the treaty');
    expect(view((await trace(violating)).nodes)).toEqual([
      '0 Trump administration: Russia is the country violatin',
      '1 Sergei Ryabkov: It’s possible that intelligenc',
    ]);
    const both = await trace(violating, ', direction: BOTH');
    expect(both.truncated).toBe(false);
    expect(both.nodes.map((node) => `${node.depth} ${node.claim.speaker.name}`).sort()).toEqual([
      '0 Trump administration',
      '1 Russian officials (unnamed)',
      '1 Sergei Ryabkov',
      '2 Daniel Coats',
      '2 U.S. officials (unnamed)',
      '3 Sergei Ryabkov',
    ]);
    expect(both.edges).toHaveLength(5);
    const shallow = await trace(violating, ', direction: BOTH, depth: 2');
    expect(shallow.truncated).toBe(true);
    expect(shallow.edges).toHaveLength(4);
  });

  it('traces Maas’s plea back to the Trump statement it answers, and orders them as a timeline', async () => {
    const plea = await claimId('We’re working to persuade the United States not to hastily withdraw');
    const result = await trace(plea, ', direction: REBUTS');
    expect(result.truncated).toBe(false);
    expect(view(result.nodes)).toEqual(['0 Heiko Maas: We’re working to persuade the ', '1 Donald Trump: unless Russia comes to us and ']);
    expect(result.edges.map((edge) => edge.stance)).toEqual(['DISPUTES']);
    expect(
      dataOf(
        await api.gql(
          `query($id: ID!) { trace(claimId: $id, direction: BOTH) { nodes(order: STATED_AT) { claim { statedAt speaker { name } } } } }`,
          { id: plea },
        ),
      ).trace.nodes,
    ).toEqual([
      { claim: { statedAt: '2018-10-20', speaker: { name: 'Donald Trump' } } },
      { claim: { statedAt: null, speaker: { name: 'Heiko Maas' } } },
    ]);
  });

  it('says who answers whom among Coats, Ryabkov, Maas, Kosachev and Stoltenberg', async () => {
    const data = dataOf(
      await api.gql(`{ speakers(first: 50) { nodes { slug disputes { speaker { slug } rebuttalsReceived rebuttalsMade } } } }`),
    );
    const disputes = Object.fromEntries(
      data.speakers.nodes.map((speaker) => [
        speaker.slug,
        speaker.disputes.map((dispute) => `${dispute.speaker.slug} received ${dispute.rebuttalsReceived} made ${dispute.rebuttalsMade}`),
      ]),
    );
    expect(disputes['daniel-coats']).toEqual(['sergei-ryabkov received 2 made 0']);
    // Most rebuttals first; equal counts come in no promised order.
    expect(disputes['sergei-ryabkov']![0]).toBe('daniel-coats received 0 made 2');
    expect([...disputes['sergei-ryabkov']!].sort()).toEqual([
      'daniel-coats received 0 made 2',
      'senior-us-official received 0 made 1',
      'trump-administration received 0 made 1',
    ]);
    expect([...disputes['heiko-maas']!].sort()).toEqual(['donald-trump received 0 made 1', 'senior-us-official received 1 made 0']);
    expect(disputes['konstantin-kosachev']).toEqual(['senior-us-official received 0 made 1']);
    expect(disputes['jens-stoltenberg']).toEqual(['donald-trump received 0 made 1']);
  });
});
