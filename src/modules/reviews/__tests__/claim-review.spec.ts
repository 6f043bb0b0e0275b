import type { Appearance, Claim, Review, Source, Speaker } from '../../../generated/prisma/client';
import { buildClaimReview } from '../claim-review';
import type { SchemaOrgClaimReview } from '../claim-review.type';
import { UNANCHORED } from '../../appearances/appearance.service';

/** The document as a search engine reads it: untyped JSON, as sent. */
type JsonLd = Record<string, unknown>;
const asSent = (claimReview: SchemaOrgClaimReview): JsonLd => JSON.parse(JSON.stringify(claimReview)) as JsonLd;

/**
 * Google's fact-check markup rules (developers.google.com/search/docs/appearance/structured-data/factcheck): the
 * required properties, and the recommended ones wherever the record has the data for them, each of the right type.
 */
function claimReviewProblems(
  json: JsonLd,
  expect: { url: boolean; datePublished: boolean; claimDate: boolean; appearance: boolean },
): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => ok || problems.push(problem);
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const isText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  const isDate = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
  const isUrl = (value: unknown) => typeof value === 'string' && /^https?:\/\/\S+$/.test(value);

  check(json['@context'] === 'https://schema.org', '@context is https://schema.org');
  check(json['@type'] === 'ClaimReview', '@type is ClaimReview');
  check(isText(json.claimReviewed), 'claimReviewed (required) is text');
  check(expect.url ? isUrl(json.url) : json.url === undefined, 'url (required when known) is an absolute URL');
  check(expect.datePublished ? isDate(json.datePublished) : json.datePublished === undefined, 'datePublished is an ISO 8601 date');

  const rating = json.reviewRating;
  check(isObject(rating) && rating['@type'] === 'Rating', 'reviewRating (required) is a Rating');
  if (isObject(rating)) {
    check(isText(rating.alternateName), 'reviewRating.alternateName (required) is text');
    check(typeof rating.bestRating === 'number' && typeof rating.worstRating === 'number', 'bestRating and worstRating are numbers');
    if (rating.ratingValue !== undefined) {
      const value = rating.ratingValue as number;
      check(
        Number.isInteger(value) && value >= (rating.worstRating as number) && value <= (rating.bestRating as number),
        'ratingValue is on the scale',
      );
    }
  }

  const author = json.author;
  check(isObject(author) && author['@type'] === 'Organization' && isText(author.name), 'author is an Organization with a name');
  if (isObject(author) && author.url !== undefined) check(isUrl(author.url), 'author.url is a URL');

  const item = json.itemReviewed;
  check(isObject(item) && item['@type'] === 'Claim', 'itemReviewed is a Claim');
  if (isObject(item)) {
    const speaker = item.author;
    check(
      isObject(speaker) && ['Person', 'Organization'].includes(speaker['@type'] as string) && isText(speaker.name),
      'itemReviewed.author is a named Person or Organization',
    );
    check(expect.claimDate ? isDate(item.datePublished) : item.datePublished === undefined, 'itemReviewed.datePublished is a date');
    const isWork = (work: unknown) => isObject(work) && work['@type'] === 'CreativeWork' && isText(work.headline);
    if (expect.appearance) {
      const appearances = item.appearance;
      check(
        Array.isArray(appearances) && appearances.length > 0 && appearances.every(isWork),
        'appearance lists CreativeWorks with a headline',
      );
    } else {
      check(item.appearance === undefined, 'no appearance without a source');
    }
    if (item.firstAppearance !== undefined) check(isWork(item.firstAppearance), 'firstAppearance is a CreativeWork with a headline');
  }
  // Nothing empty: a missing value is left out, never sent as null or "".
  JSON.stringify(json, (key, value: unknown) => (value === null || value === '' ? (problems.push(`${key} is empty`), value) : value));
  return problems;
}

const at = (day: string) => new Date(`${day}T00:00:00.000Z`);
const stamps = { createdAt: at('2024-01-01'), updatedAt: at('2024-01-01') };

const coats: Speaker = {
  id: 's1',
  slug: 'daniel-coats',
  name: 'Daniel Coats',
  role: 'Director of National Intelligence',
  affiliation: 'United States government',
  country: 'United States',
  isNamed: true,
  aliases: ['DNI'],
  wikidataId: null,
  sameAs: [],
  organizationId: null,
  ...stamps,
};
const officials: Speaker = {
  id: 's2',
  slug: 'russian-officials',
  name: 'Russian officials (unnamed)',
  role: null,
  affiliation: null,
  country: null,
  isNamed: false,
  aliases: [],
  wikidataId: null,
  sameAs: [],
  organizationId: null,
  ...stamps,
};
const article: Source = {
  id: 'so1',
  title: 'Trump administration steps up efforts',
  url: 'https://news.example.org/inf',
  publisher: 'Example News',
  author: 'A. Reporter',
  publishedAt: at('2019-02-01'),
  kind: 'ARTICLE',
  ...stamps,
};
const claim: Claim = {
  id: 'c1',
  text: 'Russia quietly built and deployed a force of illegal missiles',
  kind: 'QUOTE',
  statedAt: at('2019-01-29'),
  speakerId: 's1',
  sourceId: 'so1',
  reviewStatus: 'PUBLISHED',
  ...stamps,
};
const review: Review = {
  id: 'r1',
  claimId: 'c1',
  rating: 'MOSTLY_TRUE',
  ratingText: 'Largely accurate',
  summary: 'NATO allies back the assessment',
  organizationName: 'Example Fact Desk',
  organizationUrl: 'https://factdesk.example.org',
  authorName: 'Jane Checker',
  url: 'https://factdesk.example.org/coats-inf',
  publishedAt: at('2019-02-05'),
  language: 'en',
  ...stamps,
};

describe('buildClaimReview', () => {
  it('carries corrections as schema.org CorrectionComment, oldest first, and no correction property without any', () => {
    const corrections = [
      { reason: 'The rating was FALSE; the record supports MOSTLY_FALSE.', recordedAt: new Date('2019-02-04T09:30:00.123Z') },
      { reason: 'Retracted to add the 2019 test data.', recordedAt: new Date('2019-03-01T12:00:00.000Z') },
    ];
    expect(buildClaimReview({ review, claim, speaker: coats, source: article, corrections }).correction).toEqual([
      { '@type': 'CorrectionComment', text: corrections[0]!.reason, datePublished: '2019-02-04T09:30:00.123Z' },
      { '@type': 'CorrectionComment', text: corrections[1]!.reason, datePublished: '2019-03-01T12:00:00.000Z' },
    ]);
    expect(buildClaimReview({ review, claim, speaker: coats, source: article, corrections: [] })).not.toHaveProperty('correction');
    expect(buildClaimReview({ review, claim, speaker: coats, source: article })).not.toHaveProperty('correction');
  });

  it('writes every required and recommended property of a full record', () => {
    const json = buildClaimReview({ review, claim, speaker: coats, source: article });
    expect(claimReviewProblems(asSent(json), { url: true, datePublished: true, claimDate: true, appearance: true })).toEqual([]);
    expect(json).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://factdesk.example.org/coats-inf',
      claimReviewed: claim.text,
      datePublished: '2019-02-05',
      inLanguage: 'en',
      headline: 'NATO allies back the assessment',
      author: { '@type': 'Organization', name: 'Example Fact Desk', url: 'https://factdesk.example.org' },
      creator: { '@type': 'Person', name: 'Jane Checker' },
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 4,
        bestRating: 5,
        worstRating: 1,
        alternateName: 'Largely accurate',
        name: 'Largely accurate',
      },
      itemReviewed: {
        '@type': 'Claim',
        author: {
          '@type': 'Person',
          name: 'Daniel Coats',
          jobTitle: 'Director of National Intelligence',
          affiliation: { '@type': 'Organization', name: 'United States government' },
        },
        datePublished: '2019-01-29',
        appearance: [
          {
            '@type': 'CreativeWork',
            url: 'https://news.example.org/inf',
            headline: 'Trump administration steps up efforts',
            datePublished: '2019-02-01',
            author: { '@type': 'Person', name: 'A. Reporter' },
            publisher: { '@type': 'Organization', name: 'Example News' },
          },
        ],
      },
    });
  });

  it("gives the claim's author its identities as sameAs, and an unnamed speaker its organization's", () => {
    const usGovernment: Speaker = {
      ...officials,
      id: 's3',
      slug: 'united-states-government',
      name: 'United States government',
      isNamed: true,
      wikidataId: 'Q48525',
      sameAs: ['https://www.usa.gov/'],
    };
    const identified: Speaker = {
      ...coats,
      wikidataId: 'Q1000001',
      sameAs: ['https://en.wikipedia.org/wiki/Dan_Coats', 'https://www.wikidata.org/wiki/Q1000001'],
      organizationId: 's3',
    };
    const author = (speaker: Speaker, organization: Speaker | null = null) =>
      buildClaimReview({ review, claim, speaker, organization, source: article }).itemReviewed.author;
    expect(author(identified, usGovernment)).toEqual({
      '@type': 'Person',
      name: 'Daniel Coats',
      jobTitle: 'Director of National Intelligence',
      affiliation: {
        '@type': 'Organization',
        name: 'United States government',
        sameAs: ['https://www.wikidata.org/wiki/Q48525', 'https://www.usa.gov/'],
      },
      sameAs: ['https://www.wikidata.org/wiki/Q1000001', 'https://en.wikipedia.org/wiki/Dan_Coats'],
    });
    const official: Speaker = { ...officials, role: 'Senior U.S. official', organizationId: 's3' };
    expect(author(official, usGovernment)).toEqual({
      '@type': 'Organization',
      name: 'United States government',
      sameAs: ['https://www.wikidata.org/wiki/Q48525', 'https://www.usa.gov/'],
    });
    // Without an organization, an unnamed speaker stays as before, with no identity.
    expect(author({ ...official, organizationId: null })).toEqual({
      '@type': 'Person',
      name: officials.name,
      jobTitle: 'Senior U.S. official',
    });
    const json = buildClaimReview({ review, claim, speaker: official, organization: usGovernment, source: article });
    expect(claimReviewProblems(asSent(json), { url: true, datePublished: true, claimDate: true, appearance: true })).toEqual([]);
  });

  it('lists every appearance, the quote as the text of an anchored one, and names the first one as firstAppearance', () => {
    const appearance = (id: string, source: Source, changes: Partial<Appearance>): { appearance: Appearance; source: Source } => ({
      appearance: {
        id,
        claimId: claim.id,
        sourceId: source.id,
        ...UNANCHORED,
        isFirst: false,
        ...stamps,
        ...changes,
      },
      source,
    });
    const transcript: Source = { ...article, id: 'so2', title: 'Press briefing', url: 'https://www.dni.gov/briefing', author: null };
    const appearances = [
      appearance('a1', article, { isFirst: true, exact: claim.text, startOffset: 10, endOffset: 71, verification: 'VERIFIED' }),
      appearance('a2', transcript, {}),
    ];
    const json = buildClaimReview({ review, claim, speaker: coats, source: article, appearances });
    expect(claimReviewProblems(asSent(json), { url: true, datePublished: true, claimDate: true, appearance: true })).toEqual([]);
    const first = {
      '@type': 'CreativeWork',
      url: 'https://news.example.org/inf',
      headline: 'Trump administration steps up efforts',
      text: claim.text,
      datePublished: '2019-02-01',
      author: { '@type': 'Person', name: 'A. Reporter' },
      publisher: { '@type': 'Organization', name: 'Example News' },
    };
    expect(json.itemReviewed.appearance).toEqual([
      first,
      {
        '@type': 'CreativeWork',
        url: 'https://www.dni.gov/briefing',
        headline: 'Press briefing',
        datePublished: '2019-02-01',
        publisher: { '@type': 'Organization', name: 'Example News' },
      },
    ]);
    expect(json.itemReviewed.firstAppearance).toEqual(first);
    // No appearance marked first: none is named first.
    const unordered = buildClaimReview({ review, claim, speaker: coats, source: article, appearances: [appearances[1]!] });
    expect(unordered.itemReviewed).not.toHaveProperty('firstAppearance');
  });

  it('leaves out what a sparse record lacks (no source, an unnamed speaker, no dates) and stays valid', () => {
    const sparse: Review = {
      ...review,
      ratingText: null,
      summary: null,
      organizationUrl: null,
      authorName: null,
      publishedAt: null,
      language: null,
    };
    const json = buildClaimReview({
      review: sparse,
      claim: { ...claim, statedAt: null, sourceId: null },
      speaker: officials,
      source: null,
    });
    expect(claimReviewProblems(asSent(json), { url: true, datePublished: false, claimDate: false, appearance: false })).toEqual([]);
    expect(json.itemReviewed).toEqual({ '@type': 'Claim', author: { '@type': 'Organization', name: 'Russian officials (unnamed)' } });
    expect(json.reviewRating).toMatchObject({ alternateName: 'Mostly true', ratingValue: 4 });
    expect(json).not.toHaveProperty('creator');
  });

  it('gives UNPROVEN its words but no number, and a source without URL a headline only', () => {
    const json = buildClaimReview({
      review: { ...review, rating: 'UNPROVEN', ratingText: null, url: null },
      claim,
      speaker: coats,
      source: { ...article, url: null, publisher: null, author: null, publishedAt: null },
    });
    expect(claimReviewProblems(asSent(json), { url: false, datePublished: true, claimDate: true, appearance: true })).toEqual([]);
    expect(json.reviewRating).toEqual({ '@type': 'Rating', bestRating: 5, worstRating: 1, alternateName: 'Unproven', name: 'Unproven' });
    expect(json.itemReviewed.appearance).toEqual([{ '@type': 'CreativeWork', headline: 'Trump administration steps up efforts' }]);
  });
});
