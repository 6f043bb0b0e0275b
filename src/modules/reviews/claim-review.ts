// Builds schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview) from a review, its claim, the claim's speaker
// and source, with the properties Google's fact-check markup requires (claimReviewed, reviewRating.alternateName,
// url) and recommends (author, datePublished, itemReviewed as a Claim with author, datePublished, appearance and
// firstAppearance; the claim's author with its sameAs identities, as Fact Check Tools reads itemReviewed.author.sameAs;
// ratingValue on a numeric scale with bestRating and worstRating), and the corrections of a published verdict as
// `correction`. Properties with no value are left out rather than sent empty (`correction` too, for a verdict never
// corrected; firstAppearance for a claim whose first appearance is not known).
import { formatLocalDate } from '../../common/scalars';
import type { Appearance, Claim, Review, Source, Speaker } from '../../generated/prisma/client';
import type {
  SchemaOrgClaimReview,
  SchemaOrgCorrectionComment,
  SchemaOrgCreativeWork,
  SchemaOrgOrganization,
  SchemaOrgPerson,
} from './claim-review.type';
import { RATING_LABEL, RATING_SCALE, RATING_VALUE } from './review-rating';
import { sameAsOf } from '../speakers/speaker-identity';

export interface ClaimReviewParts {
  review: Review;
  claim: Claim;
  speaker: Speaker;
  /** The speaker's organization (Speaker.organization), when it has one. */
  organization?: Speaker | null;
  source: Source | null;
  /**
   * Where the claim appears, each with its source (Claim.appearances), the first appearance first. Left out (a claim
   * read as of an earlier instant) or empty, the claim's source stands for its one appearance.
   */
  appearances?: readonly { appearance: Appearance; source: Source }[];
  /** The corrections of the published verdict, oldest first (Review.corrections). */
  corrections?: readonly { reason: string | null; recordedAt: Date }[];
}

/**
 * The most appearances a ClaimReview lists (the first appearance first, then the oldest): a claim repeated across a
 * news cycle may appear in hundreds of publications, more than markup consumers read, and the typed field is priced by it.
 */
export const MAX_CLAIM_REVIEW_APPEARANCES = 100;

const day = (date: Date | null): string | undefined => (date ? formatLocalDate(date) : undefined);

/** Drops undefined properties, so the output has only what is known (the types' optional properties). */
function compact<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter((entry) => entry[1] !== undefined)) as T;
}

/** The speaker's identities as sameAs (its Wikidata item page first), left out when it has none. */
function sameAs(speaker: Speaker): string[] | undefined {
  const urls = sameAsOf(speaker);
  return urls.length > 0 ? urls : undefined;
}

/** A speaker record standing for an organisation, as an Organization with its identities. */
function organizationAgent(organization: Speaker): SchemaOrgOrganization {
  return compact<SchemaOrgOrganization>({ '@type': 'Organization', name: organization.name, sameAs: sameAs(organization) });
}

/**
 * The speaker as the claim's author. An unnamed speaker with an organization ("a NATO official") is that
 * organisation: the one identity there is to give. Otherwise a speaker with a role is a Person (the role is the
 * jobTitle; its organization, or else the affiliation's name, its affiliation); one without is an institution or a
 * group ("U.S. Department of State", "Russian officials"), so an Organization. Each with its sameAs identities.
 */
function speakerAuthor(speaker: Speaker, organization: Speaker | null): SchemaOrgPerson | SchemaOrgOrganization {
  if (!speaker.isNamed && organization !== null) return organizationAgent(organization);
  if (speaker.role === null)
    return compact<SchemaOrgOrganization>({ '@type': 'Organization', name: speaker.name, sameAs: sameAs(speaker) });
  return compact<SchemaOrgPerson>({
    '@type': 'Person',
    name: speaker.name,
    jobTitle: speaker.role,
    affiliation:
      organization !== null
        ? organizationAgent(organization)
        : speaker.affiliation === null
          ? undefined
          : { '@type': 'Organization', name: speaker.affiliation },
    sameAs: sameAs(speaker),
  });
}

/** A source as the CreativeWork the claim appears in; `quote`: the claim's words as the source has them, when anchored. */
function creativeWork(source: Source, quote: string | null = null): SchemaOrgCreativeWork {
  return compact<SchemaOrgCreativeWork>({
    '@type': 'CreativeWork',
    url: source.url ?? undefined,
    headline: source.title,
    text: quote ?? undefined,
    datePublished: day(source.publishedAt),
    author: source.author === null ? undefined : { '@type': 'Person', name: source.author },
    publisher: source.publisher === null ? undefined : { '@type': 'Organization', name: source.publisher },
  });
}

/** A correction as schema.org CorrectionComment (https://schema.org/correction): its reason, and when it was made. */
function correctionComment(correction: { reason: string | null; recordedAt: Date }): SchemaOrgCorrectionComment {
  return compact<SchemaOrgCorrectionComment>({
    '@type': 'CorrectionComment',
    text: correction.reason ?? undefined,
    datePublished: correction.recordedAt.toISOString(),
  });
}

export function buildClaimReview({
  review,
  claim,
  speaker,
  organization = null,
  source,
  appearances,
  corrections = [],
}: ClaimReviewParts): SchemaOrgClaimReview {
  const ratingText = review.ratingText ?? RATING_LABEL[review.rating];
  // A claim with a source has its first appearance there (the appearances migration); without any, the source stands in.
  const works = appearances?.length
    ? appearances.slice(0, MAX_CLAIM_REVIEW_APPEARANCES).map(({ appearance, source: appearsIn }) => ({
        isFirst: appearance.isFirst,
        work: creativeWork(appearsIn, appearance.exact),
      }))
    : source === null
      ? []
      : [{ isFirst: false, work: creativeWork(source) }];
  return compact<SchemaOrgClaimReview>({
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: review.url ?? undefined,
    claimReviewed: claim.text,
    datePublished: day(review.publishedAt),
    inLanguage: review.language ?? undefined,
    headline: review.summary ?? undefined,
    author: compact<SchemaOrgOrganization>({
      '@type': 'Organization',
      name: review.organizationName,
      url: review.organizationUrl ?? undefined,
    }),
    creator: review.authorName === null ? undefined : { '@type': 'Person', name: review.authorName },
    reviewRating: compact({
      '@type': 'Rating',
      ratingValue: RATING_VALUE[review.rating] ?? undefined,
      ...RATING_SCALE,
      alternateName: ratingText,
      name: ratingText,
    }),
    itemReviewed: compact({
      '@type': 'Claim',
      author: speakerAuthor(speaker, organization),
      datePublished: day(claim.statedAt),
      appearance: works.length > 0 ? works.map(({ work }) => work) : undefined,
      firstAppearance: works.find(({ isFirst }) => isFirst)?.work,
    }),
    correction: corrections.length > 0 ? corrections.map(correctionComment) : undefined,
  });
}
