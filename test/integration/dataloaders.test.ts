import type { ClaimShape, SpeakerShape } from '../helpers/api-shapes';
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';
import { makeClaim, makeRebuttal, makeSource, makeSpeaker } from '../helpers/factories';

describe('relations through per-request DataLoaders', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
    // 50 claims by 10 speakers in 5 sources, each claim countered by the next one.
    const speakers = await Promise.all(Array.from({ length: 10 }, () => makeSpeaker(api.db.prisma)));
    const sources = await Promise.all(Array.from({ length: 5 }, () => makeSource(api.db.prisma)));
    const claims = [];
    for (let i = 0; i < 50; i += 1) {
      claims.push(await makeClaim(api.db.prisma, { speakerId: speakers[i % 10]!.id, sourceId: sources[i % 5]!.id }));
    }
    for (let i = 0; i + 1 < claims.length; i += 1) await makeRebuttal(api.db.prisma, claims[i]!.id, claims[i + 1]!.id);
    // Each source's text names its claims (the factories' "Claim <n>"), and each claim's first appearance is anchored there.
    for (const source of sources) {
      const texts = claims.filter((claim) => claim.sourceId === source.id).map((claim) => claim.text);
      const content = texts.map((text) => `Someone said: ${text}.`).join(' ');
      await api.db.prisma.sourceText.create({ data: { sourceId: source.id, content, contentHash: '-' } });
      for (const claim of claims.filter((row) => row.sourceId === source.id)) {
        const start = content.indexOf(`${claim.text}.`);
        await api.db.prisma.appearance.updateMany({
          where: { claimId: claim.id },
          data: { exact: claim.text, startOffset: start, endOffset: start + claim.text.length, verification: 'VERIFIED' },
        });
      }
    }
  });
  afterAll(() => api.close());

  const NESTED_CLAIM = `text speaker { name } source { title }
    rebuttals { nodes { stance counterclaim { text speaker { name } source { title } } } }
    rebuts { nodes { claim { id } } }`;

  it('resolves a nested query over 50 claims in a handful of SQL statements, not one per row', async () => {
    // nodes(ids:) is not planned into one statement (see nested-reads.test.ts): its relations go through the loaders.
    const ids = dataOf(await api.gql('{ claims(first: 50) { nodes { id } } }')).claims.nodes.map((node) => node.id);
    api.statements.length = 0;
    const data = dataOf(
      await api.gql<{ nodes: ClaimShape[] }>(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Claim { ${NESTED_CLAIM} } } }`, { ids }),
    );
    expect(data.nodes).toHaveLength(50);
    expect(data.nodes[0]!.rebuttals.nodes[0]!.counterclaim.speaker.name).toEqual(expect.any(String));
    // node types, claims by id, speakers, sources, rebuttals against, rebuttals made, counterclaims (+ their speakers
    // and sources, already cached or batched): a fixed number whatever the page size.
    expect(api.statements.length).toBeGreaterThan(0);
    expect(api.statements.length).toBeLessThanOrEqual(9);
    // Each end of the rebuttals is one statement for all 50 claims, a page (LIMIT) per claim.
    for (const end of ['claim_id', 'counterclaim_id']) {
      const pages = api.statements.filter((sql) => new RegExp(`FROM rebuttals\\s+WHERE ${end} = p\\.parent_id`).test(sql));
      expect(pages).toHaveLength(1);
      expect(pages[0]).toMatch(/LIMIT/);
    }
    // The same records the planned read of the claims page answers with, in one statement.
    api.statements.length = 0;
    const planned = dataOf(await api.gql(`{ claims(first: 50) { nodes { ${NESTED_CLAIM} } } }`));
    expect(api.statements).toHaveLength(1);
    expect(planned.claims.nodes).toEqual(data.nodes);
  });

  it('reads 50 claims’ appearances with their sources and contexts in a fixed number of statements', async () => {
    const ids = dataOf(await api.gql('{ claims(first: 50) { nodes { id } } }')).claims.nodes.map((node) => node.id);
    const APPEARANCES = `appearances { totalCount nodes { verification source { title } context(chars: 12) { marked } } }`;
    api.statements.length = 0;
    const data = dataOf(
      await api.gql<{ nodes: ClaimShape[] }>(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Claim { ${APPEARANCES} } } }`, { ids }),
    );
    expect(
      data.nodes.every((claim) => claim.appearances.totalCount === 1 && claim.appearances.nodes[0]!.context!.marked.includes('⟦')),
    ).toBe(true);
    // node types, claims, appearance pages, their totals, sources, contexts: one each for all 50 claims.
    expect(api.statements.length).toBeLessThanOrEqual(6);
    expect(api.statements.filter((sql) => /ctx_text/.test(sql))).toHaveLength(1);
    api.statements.length = 0;
    const planned = dataOf(await api.gql(`{ claims(first: 50) { nodes { ${APPEARANCES} } } }`));
    expect(api.statements).toHaveLength(1);
    expect(planned.claims.nodes).toEqual(data.nodes);
  });

  it('batches nested connections across parents: 10 speakers with their claims and counts', async () => {
    const ids = dataOf(await api.gql('{ speakers(first: 10) { nodes { id } } }')).speakers.nodes.map((node) => node.id);
    api.statements.length = 0;
    const data = dataOf(
      await api.gql<{ nodes: SpeakerShape[] }>(
        `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Speaker { name claims(first: 3) { totalCount nodes { text source { title } } } } } }`,
        { ids },
      ),
    );
    expect(data.nodes).toHaveLength(10);
    expect(data.nodes.every((speaker) => speaker.claims.totalCount === 5 && speaker.claims.nodes.length === 3)).toBe(true);
    expect(api.statements.length).toBeGreaterThan(0);
    expect(api.statements.length).toBeLessThanOrEqual(6);
  });
});
