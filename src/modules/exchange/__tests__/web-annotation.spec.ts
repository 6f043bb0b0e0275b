import type { Appearance, Claim, Source, Speaker } from '../../../generated/prisma/client';
import { ANNOTATION_CONTEXT, buildWebAnnotation, type AnnotationParts } from '../web-annotation';
import { annotationModelViolations } from '../../../../test/helpers/annotation-model';

const at = new Date('2026-03-01T10:00:00.000Z');
const later = new Date('2026-03-02T11:30:00.000Z');

const speaker: Speaker = {
  id: '01900000-0000-7000-8000-000000000001',
  slug: 'jens-stoltenberg',
  name: 'Jens Stoltenberg',
  role: 'NATO Secretary General',
  affiliation: 'NATO',
  country: null,
  isNamed: true,
  aliases: [],
  wikidataId: 'Q1000001',
  sameAs: [],
  organizationId: null,
  createdAt: at,
  updatedAt: at,
};

const source: Source = {
  id: '01900000-0000-7000-8000-000000000002',
  title: 'Press conference',
  url: 'https://www.nato.int/cps/en/natohq/opinions_163367.htm',
  publisher: 'NATO',
  author: null,
  publishedAt: at,
  kind: 'ARTICLE',
  createdAt: at,
  updatedAt: at,
};

const claim: Claim = {
  id: '01900000-0000-7000-8000-000000000003',
  text: 'Russia is in material breach of the treaty',
  kind: 'QUOTE',
  statedAt: at,
  speakerId: speaker.id,
  sourceId: source.id,
  reviewStatus: 'UNREVIEWED',
  createdAt: at,
  updatedAt: at,
};

const appearance: Appearance = {
  id: '01900000-0000-7000-8000-000000000004',
  claimId: claim.id,
  sourceId: source.id,
  exact: 'Russia is in material breach of the treaty',
  prefix: 'Allies have concluded that ',
  suffix: '. Russia has six months',
  startOffset: 120,
  endOffset: 162,
  startSeconds: null,
  endSeconds: null,
  isFirst: true,
  verification: 'VERIFIED',
  closestStart: null,
  closestEnd: null,
  verifiedAt: later,
  createdAt: at,
  updatedAt: later,
};

const parts = (changes: Partial<Appearance> = {}, others: Partial<Omit<AnnotationParts, 'appearance'>> = {}): AnnotationParts => ({
  appearance: { ...appearance, ...changes },
  claim,
  speaker,
  source,
  ...others,
});

describe('an appearance as a W3C Web Annotation', () => {
  it('targets the quote and its position in the source, with the claim as its body and the speaker as who said it', () => {
    const annotation = buildWebAnnotation(parts());
    expect(annotationModelViolations(annotation)).toEqual([]);
    expect(annotation).toEqual({
      '@context': [ANNOTATION_CONTEXT, { claimtrace: 'urn:claimtrace:terms:' }],
      id: 'urn:uuid:01900000-0000-7000-8000-000000000004',
      type: 'Annotation',
      motivation: 'identifying',
      created: '2026-03-01T10:00:00.000Z',
      modified: '2026-03-02T11:30:00.000Z',
      generator: { type: 'Software', name: 'claimtrace' },
      body: [
        {
          type: 'TextualBody',
          value: claim.text,
          format: 'text/plain',
          purpose: 'identifying',
          creator: { id: 'http://www.wikidata.org/entity/Q1000001', type: 'Person', name: 'Jens Stoltenberg' },
        },
        { id: 'urn:uuid:01900000-0000-7000-8000-000000000003', purpose: 'identifying' },
      ],
      target: {
        source: source.url,
        selector: [
          { type: 'TextQuoteSelector', exact: appearance.exact, prefix: appearance.prefix, suffix: appearance.suffix },
          { type: 'TextPositionSelector', start: 120, end: 162 },
        ],
        'claimtrace:verification': 'VERIFIED',
      },
    });
  });

  it('leaves the stale position of a BROKEN quote out, saying where its text stands now', () => {
    const annotation = buildWebAnnotation(parts({ verification: 'BROKEN', closestStart: 130, closestEnd: 172 }));
    expect(annotationModelViolations(annotation)).toEqual([]);
    expect(annotation.target.selector).toEqual([
      { type: 'TextQuoteSelector', exact: appearance.exact, prefix: appearance.prefix, suffix: appearance.suffix },
    ]);
    expect(annotation.target['claimtrace:verification']).toBe('BROKEN');
    expect(annotation.target['claimtrace:closestMatch']).toEqual({ type: 'TextPositionSelector', start: 130, end: 172 });
    expect(buildWebAnnotation(parts({ verification: 'BROKEN' })).target).not.toHaveProperty('claimtrace:closestMatch');
  });

  it('places a passage of a recording by a Media Fragments time range, and names a source without a URL by its URN', () => {
    const annotation = buildWebAnnotation(
      parts(
        {
          exact: null,
          prefix: null,
          suffix: null,
          startOffset: null,
          endOffset: null,
          startSeconds: 12.5,
          endSeconds: 20,
          verification: 'UNVERIFIED',
        },
        { source: { ...source, url: null, kind: 'TRANSCRIPT' } },
      ),
    );
    expect(annotationModelViolations(annotation)).toEqual([]);
    expect(annotation.target).toEqual({
      source: 'urn:uuid:01900000-0000-7000-8000-000000000002',
      selector: [{ type: 'FragmentSelector', conformsTo: 'http://www.w3.org/TR/media-frags/', value: 't=12.5,20' }],
      'claimtrace:verification': 'UNVERIFIED',
    });
    expect(buildWebAnnotation(parts({ startSeconds: 30, endSeconds: null })).target.selector?.at(-1)).toMatchObject({ value: 't=30' });
  });

  it('targets the whole source when the appearance has no anchor, and names an unidentified speaker by its URN', () => {
    const annotation = buildWebAnnotation(
      parts(
        { exact: null, prefix: null, suffix: null, startOffset: null, endOffset: null, verification: 'UNVERIFIED' },
        { speaker: { ...speaker, wikidataId: null, role: null, name: 'U.S. Department of State' } },
      ),
    );
    expect(annotationModelViolations(annotation)).toEqual([]);
    expect(annotation.target).toEqual({ source: source.url, 'claimtrace:verification': 'UNVERIFIED' });
    expect(annotation.body[0].creator).toEqual({ id: `urn:uuid:${speaker.id}`, type: 'Organization', name: 'U.S. Department of State' });
  });

  it('leaves @context to the collection when embedded in one, and the checker catches what the model forbids', () => {
    const embedded = buildWebAnnotation(parts(), { embedded: true });
    expect(embedded).not.toHaveProperty('@context');
    expect(annotationModelViolations(embedded, { embedded: true })).toEqual([]);
    expect(annotationModelViolations(embedded)).toContain('@context must include http://www.w3.org/ns/anno.jsonld');
    expect(
      annotationModelViolations(
        { ...embedded, id: 'not an iri', target: { selector: [{ type: 'TextPositionSelector', start: -1 }] } },
        { embedded: true },
      ),
    ).toEqual([
      'id must be an IRI, got "not an iri"',
      'target.source must be an IRI',
      'target.selector.0.start must be a non-negative integer',
      'target.selector.0.end must be a non-negative integer',
    ]);
  });
});
