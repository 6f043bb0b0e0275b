import { seedDatabase } from '../../src/modules/corpus/seed';
import type { SpeakerShape } from '../helpers/api-shapes';
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';

describe('the seeded INF-treaty corpus', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ seed: true });
  });
  afterAll(() => api.close());

  it('answers the README query with the officials of both articles and their claims', async () => {
    const data = dataOf(
      await api.gql(
        `{ speakers(first: 20) { nodes { name claims(first: 5) { nodes { text rebuttals { nodes { counterclaim { text speaker { name } } } } } } } } }`,
      ),
    );
    const names = data.speakers.nodes.map((speaker) => speaker.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Daniel Coats',
        'Sergei Ryabkov',
        'Jens Stoltenberg',
        'Heiko Maas',
        'Konstantin Kosachev',
        'Donald Trump',
        'John Bolton',
      ]),
    );
    const coats = data.speakers.nodes.find((speaker) => speaker.name === 'Daniel Coats')!;
    const illegalMissiles = coats.claims.nodes.find((claim) => claim.text.includes('illegal missiles'))!;
    expect(illegalMissiles.rebuttals.nodes.map((rebuttal) => rebuttal.counterclaim.speaker.name)).toContain('Sergei Ryabkov');
  });

  it('records anonymous attributions as unnamed speakers, with roles and affiliations from the articles', async () => {
    const data = dataOf(
      await api.gql<{ nato: SpeakerShape; ryabkov: SpeakerShape }>(`{ nato: speaker(slug: "nato-official") { name isNamed affiliation }
                      ryabkov: speaker(slug: "sergei-ryabkov") { role country isNamed } }`),
    );
    expect(data.nato).toMatchObject({ isNamed: false, affiliation: 'NATO' });
    expect(data.ryabkov).toEqual({ role: 'Deputy Foreign Minister', country: 'Russia', isNamed: true });
  });

  it('links Maas’s plea and Kosachev’s warning to the claims they answer', async () => {
    const data = dataOf(
      await api.gql<{
        maas: SpeakerShape;
        kosachev: SpeakerShape;
      }>(`{ maas: speaker(slug: "heiko-maas") { claims { nodes { text rebuts { nodes { stance claim { speaker { name } } } } } } }
                      kosachev: speaker(slug: "konstantin-kosachev") { claims { nodes { rebuts { nodes { claim { text speaker { slug } } } } } } } }`),
    );
    const plea = data.maas.claims.nodes.find((claim) => claim.text.startsWith('We’re working to persuade the United States'))!;
    expect(plea.rebuts.nodes.map((rebuttal) => rebuttal.claim.speaker.name)).toContain('Donald Trump');
    const answered = data.kosachev.claims.nodes.flatMap((claim) => claim.rebuts.nodes.map((rebuttal) => rebuttal.claim.speaker.slug));
    expect(answered).toContain('senior-us-official');
  });

  it('seeds idempotently: a second run creates nothing and changes nothing', async () => {
    const snapshot = () =>
      Promise.all([
        api.db.prisma.speaker.findMany({ orderBy: { id: 'asc' } }),
        api.db.prisma.source.findMany({ orderBy: { id: 'asc' } }),
        api.db.prisma.claim.findMany({ orderBy: { id: 'asc' } }),
        api.db.prisma.rebuttal.findMany({ orderBy: { id: 'asc' } }),
        api.db.prisma.appearance.findMany({ orderBy: { id: 'asc' } }),
        api.db.prisma.sourceText.findMany({ orderBy: { sourceId: 'asc' } }),
        api.db.prisma.historyEntry.count(),
      ]);
    const before = await snapshot();
    expect(await seedDatabase(api.db.prisma)).toEqual({ speakers: 0, sources: 0, claims: 0, rebuttals: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('stores both articles as their sources’ text and anchors every claim: each QUOTE verbatim, each PARAPHRASE to its sentence', async () => {
    const claims = dataOf(
      await api.gql(`{ claims(first: 100) { totalCount nodes { text kind source { content } appearances { totalCount }
                       firstAppearance { verification anchor { exact start end } context(chars: 0) { exact } } } } }`),
    ).claims;
    expect(claims.totalCount).toBe(claims.nodes.length);
    for (const claim of claims.nodes) {
      const first = claim.firstAppearance!;
      const content = claim.source!.content!;
      expect({ text: claim.text, verification: first.verification, appearances: claim.appearances.totalCount }).toEqual({
        text: claim.text,
        verification: 'VERIFIED',
        appearances: 1,
      });
      const anchor = first.anchor!;
      expect([...content].slice(anchor.start!, anchor.end!).join('')).toBe(anchor.exact);
      expect(first.context!.exact).toBe(anchor.exact);
      const fold = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ');
      if (claim.kind === 'QUOTE') {
        // The one quotation interrupted by its attribution ("…,” Stoltenberg said, “…") is read without it.
        expect(fold(anchor.exact.replace(/” Stoltenberg said, “/, ' '))).toContain(fold(claim.text));
      } else {
        expect(fold(anchor.exact)).toContain(fold(claim.text));
        // A whole sentence: it starts a paragraph or follows one's end, and ends with its stop (or a closing quote).
        expect(anchor.exact).toMatch(/[.?!…]["”’]?$/);
        expect(content.slice(0, content.indexOf(anchor.exact)).trimEnd()).toMatch(/(^|[.?!…]["”’]?)$/);
      }
    }
    expect(claims.nodes.filter((claim) => claim.kind === 'QUOTE').length).toBeGreaterThan(10);
  });
});
