// An appearance as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/), in its JSON-LD serialisation: the
// target is the passage of the source (TextQuoteSelector and TextPositionSelector, and a Media Fragments time range for
// a recording), the body is the claim (its words, attributed to the speaker, and its identity). One pure builder, used by
// `npm run export -- --format annotations` (an AnnotationCollection, export.service.ts) and by Appearance.annotation.
import type { Appearance, Claim, Source, Speaker } from '../../generated/prisma/client';
import { wikidataIdOf } from '../speakers/speaker-identity';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/**
 * Terms the Web Annotation vocabulary lacks, under a prefix of our own declared in the @context after the model's (as
 * its section on extensions asks): whether the quote stands in the stored text, and where it now stands when it does not.
 * A URN, since claimtrace has no web address to publish a vocabulary at.
 */
export const CLAIMTRACE_CONTEXT = { claimtrace: 'urn:claimtrace:terms:' } as const;

export const ANNOTATION_CONTEXTS = [ANNOTATION_CONTEXT, CLAIMTRACE_CONTEXT] as const;

/** Media Fragments URI 1.0 (https://www.w3.org/TR/media-frags/), the spec a FragmentSelector of a time range conforms to. */
export const MEDIA_FRAGMENTS = 'http://www.w3.org/TR/media-frags/';

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface FragmentSelector {
  type: 'FragmentSelector';
  conformsTo: typeof MEDIA_FRAGMENTS;
  value: string;
}

export type Selector = TextQuoteSelector | TextPositionSelector | FragmentSelector;

export interface AnnotationAgent {
  id?: string;
  type: 'Person' | 'Organization' | 'Software';
  name: string;
}

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  format: 'text/plain';
  purpose: 'identifying';
  creator: AnnotationAgent;
}

export interface ClaimBody {
  id: string;
  purpose: 'identifying';
}

export interface AnnotationTarget {
  source: string;
  selector?: Selector[];
  'claimtrace:verification': Appearance['verification'];
  /** Of a BROKEN quote: where its text stands now in the stored content, when it stands anywhere. */
  'claimtrace:closestMatch'?: TextPositionSelector;
}

export interface WebAnnotation {
  '@context'?: typeof ANNOTATION_CONTEXTS;
  id: string;
  type: 'Annotation';
  motivation: 'identifying';
  created: string;
  modified: string;
  generator: AnnotationAgent;
  body: [TextualBody, ClaimBody];
  target: AnnotationTarget;
}

export interface AnnotationParts {
  appearance: Appearance;
  claim: Claim;
  speaker: Speaker;
  source: Source;
}

/** Records have UUIDs and no web address of their own: a URN names them (RFC 9562's urn:uuid namespace). */
export const uuidIri = (id: string): string => `urn:uuid:${id}`;

/** The software that wrote the annotation (the model's generator, a Software agent): this service, not a person. */
const GENERATOR: AnnotationAgent = { type: 'Software', name: 'claimtrace' };

/**
 * Who said the words: the speaker as the creator of the body (the model's creator of a resource is who made it). Its
 * Wikidata entity URI when it has one (the IRI Wikidata's linked data names it by), else its record's URN. A speaker
 * with a role is a Person, one without an Organization, as in the ClaimReview output (claim-review.ts).
 */
function speakerAgent(speaker: Speaker): AnnotationAgent {
  const item = speaker.wikidataId ?? speaker.sameAs.map(wikidataIdOf).find((id) => id !== undefined);
  return {
    id: item === undefined ? uuidIri(speaker.id) : `http://www.wikidata.org/entity/${item}`,
    type: speaker.role === null ? 'Organization' : 'Person',
    name: speaker.name,
  };
}

/** A time range as Media Fragments writes it ("t=12.5,20"; "t=12.5" when open-ended; "t=,20" from the start). */
function timeFragment(start: number | null, end: number | null): string {
  return `t=${start ?? ''}${end === null ? '' : `,${end}`}`;
}

/**
 * The selectors of the passage, each describing the same segment (the model's rule for several selectors): the quote
 * with its context, its position in the stored text (of a BROKEN quote left out: the stored position no longer holds
 * the quote, so it would describe another segment), and the time it is said at in a recording.
 */
function selectors(appearance: Appearance): Selector[] {
  const found: Selector[] = [];
  const { exact, prefix, suffix, startOffset, endOffset, startSeconds, endSeconds, verification } = appearance;
  if (exact !== null) {
    found.push({
      type: 'TextQuoteSelector',
      exact,
      ...(prefix === null || prefix === '' ? {} : { prefix }),
      ...(suffix === null || suffix === '' ? {} : { suffix }),
    });
    if (startOffset !== null && endOffset !== null && verification !== 'BROKEN')
      found.push({ type: 'TextPositionSelector', start: startOffset, end: endOffset });
  }
  if (startSeconds !== null || endSeconds !== null)
    found.push({ type: 'FragmentSelector', conformsTo: MEDIA_FRAGMENTS, value: timeFragment(startSeconds, endSeconds) });
  return found;
}

/**
 * The appearance as a Web Annotation. Its motivation is `identifying` (the model's "assign an identity to the Target"):
 * the annotation says which claim the passage is, its body being the claim's words and the claim itself. Not
 * `assessing`, which is what a review of the claim does, nor `describing` or `commenting`, which add words of the
 * annotator's own. `@context` is left out with `embedded` (an annotation inside a collection takes the collection's).
 */
export function buildWebAnnotation({ appearance, claim, speaker, source }: AnnotationParts, { embedded = false } = {}): WebAnnotation {
  const found = selectors(appearance);
  const closest =
    appearance.verification === 'BROKEN' && appearance.closestStart !== null && appearance.closestEnd !== null
      ? { type: 'TextPositionSelector' as const, start: appearance.closestStart, end: appearance.closestEnd }
      : undefined;
  return {
    ...(embedded ? {} : { '@context': ANNOTATION_CONTEXTS }),
    id: uuidIri(appearance.id),
    type: 'Annotation',
    motivation: 'identifying',
    created: appearance.createdAt.toISOString(),
    modified: appearance.updatedAt.toISOString(),
    generator: GENERATOR,
    body: [
      { type: 'TextualBody', value: claim.text, format: 'text/plain', purpose: 'identifying', creator: speakerAgent(speaker) },
      { id: uuidIri(claim.id), purpose: 'identifying' },
    ],
    target: {
      source: source.url ?? uuidIri(source.id),
      ...(found.length > 0 ? { selector: found } : {}),
      'claimtrace:verification': appearance.verification,
      ...(closest ? { 'claimtrace:closestMatch': closest } : {}),
    },
  };
}
