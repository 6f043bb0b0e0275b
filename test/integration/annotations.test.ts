// Appearance.annotation over HTTP on the seeded corpus (every claim anchored): each appearance of a claim page as a W3C
// Web Annotation meeting the model, the same document the annotations export writes, read in a fixed number of statements.
import { annotationModelViolations } from '../helpers/annotation-model';
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';

describe('Appearance.annotation', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ seed: true });
  });
  afterAll(() => api.close());

  it('gives each appearance as a Web Annotation of the model, its quote and position the anchor the API shows', async () => {
    type Node = {
      text: string;
      appearances: {
        nodes: {
          verification: string;
          anchor: { exact: string; start: number; end: number } | null;
          annotation: Record<string, unknown>;
        }[];
      };
    };
    api.statements.length = 0;
    const { claims } = dataOf(
      await api.gql<{ claims: { nodes: Node[] } }>(
        `{ claims(first: 20) { nodes { text appearances(first: 5) { nodes { verification anchor { exact start end } annotation } } } } }`,
      ),
    );
    const selects = api.statements.filter((sql) => /^\s*SELECT/i.test(sql)).length;
    const appearances = claims.nodes.flatMap((claim) => claim.appearances.nodes.map((appearance) => ({ claim, appearance })));
    expect(appearances.length).toBeGreaterThanOrEqual(20);
    for (const { claim, appearance } of appearances) {
      const { annotation } = appearance;
      expect(annotationModelViolations(annotation)).toEqual([]);
      expect(annotation).toMatchObject({
        type: 'Annotation',
        motivation: 'identifying',
        body: [{ type: 'TextualBody', value: claim.text }, {}],
      });
      const target = annotation.target as { selector?: unknown[]; 'claimtrace:verification': string };
      expect(target['claimtrace:verification']).toBe(appearance.verification);
      if (appearance.anchor && appearance.verification === 'VERIFIED')
        expect(target.selector).toEqual([
          expect.objectContaining({ type: 'TextQuoteSelector', exact: appearance.anchor.exact }),
          { type: 'TextPositionSelector', start: appearance.anchor.start, end: appearance.anchor.end },
        ]);
    }
    // Loaders, not a statement per appearance: whatever the page, a handful of statements.
    expect(selects).toBeLessThanOrEqual(8);
  });
});
