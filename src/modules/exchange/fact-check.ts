// The two public fact-check formats the importer reads, both brought to one shape (FactCheck): the Google Fact Check
// Tools claims:search response ({ claims: [{ text, claimant, claimDate, claimReview: [...] }] }) and schema.org
// ClaimReview JSON-LD (one object, an array, or an @graph). Parsing checks each record on its own: a bad one becomes a
// RejectedRecord with the reason, and the others go on.
import { parseLocalDate } from '../../common/scalars';
import { jsonTextViolation } from '../../common/text-rules';
import { normalizeUrl } from './matching';

export class RejectedRecord extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RejectedRecord';
  }
}

/**
 * Refuses a record holding a string the database would refuse or alter (a NUL, a lone surrogate), or that the API's
 * input rules would refuse in free text (control characters, unbalanced bidi controls): the record is rejected with
 * the place named, and the rest of the file goes on.
 */
export function checkRecordText(record: unknown): void {
  const violation = jsonTextViolation(record, 'text');
  if (violation !== undefined) throw new RejectedRecord(violation);
}

export interface FactCheckSpeaker {
  name: string;
  /** The jobTitle of a Person; its presence makes the speaker a person rather than an institution. */
  role: string | null;
  affiliation: string | null;
  /** The claimant's sameAs URLs as written (ClaimReview's itemReviewed.author.sameAs: one URL or a list); the importer sorts them. */
  sameAs: string[];
}

export interface FactCheckSource {
  url: string | null;
  title: string;
  publisher: string | null;
  author: string | null;
  publishedAt: Date | null;
}

export interface FactCheckReview {
  organizationName: string;
  organizationUrl: string | null;
  authorName: string | null;
  url: string | null;
  summary: string | null;
  ratingText: string | null;
  /** A numeric rating and its scale, used when the words are not in the rating table. */
  ratingValue: { value: number; worst: number; best: number } | null;
  publishedAt: Date | null;
  language: string | null;
}

/** A publication the claim appears in, with its words as the publication has them when the file gives them. */
export interface FactCheckAppearance {
  source: FactCheckSource;
  /** The quote (CreativeWork text), stored as the appearance's exact text; null when not given. */
  quote: string | null;
  /** Named as the claim's firstAppearance. */
  isFirst: boolean;
}

export interface FactCheck {
  text: string;
  speaker: FactCheckSpeaker;
  statedAt: Date | null;
  /** Where the claim appears, each source once: the first appearance first; the first listed is the claim's source. */
  appearances: FactCheckAppearance[];
  reviews: FactCheckReview[];
}

export type FactCheckFormat = 'factcheck-tools' | 'claimreview';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The records of a parsed JSON document and their format, or undefined when it is neither format. */
export function factCheckItems(document: unknown): { format: FactCheckFormat; items: unknown[] } | undefined {
  if (isObject(document) && Array.isArray(document.claims)) return { format: 'factcheck-tools', items: document.claims };
  const items = Array.isArray(document)
    ? document
    : isObject(document) && Array.isArray(document['@graph'])
      ? document['@graph']
      : [document];
  if (items.length > 0 && items.some((item) => isObject(item) && item['@type'] === 'ClaimReview')) return { format: 'claimreview', items };
  return undefined;
}

function text(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new RejectedRecord(`${field} must be text, got ${JSON.stringify(value)}`);
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function required(value: unknown, field: string, reason: string): string {
  const found = text(value, field);
  if (found === null) throw new RejectedRecord(reason);
  return found;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/** An ISO 8601 date-time ("2019-02-01T12:00:00Z") or date ("2019-02-01"); anything looser is refused, not guessed. */
function dateTime(value: unknown, field: string): Date | null {
  const written = text(value, field);
  if (written === null) return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(written) ? parseLocalDate(written) : ISO_DATE_TIME.test(written) ? new Date(written) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new RejectedRecord(`${field} is not a date: "${written}"`);
  return date;
}

/** The calendar day of a date or date-time, as a claim's statedAt keeps it. */
function day(value: unknown, field: string): Date | null {
  const date = dateTime(value, field);
  return date && (parseLocalDate(date.toISOString().slice(0, 10)) ?? null);
}

const MISSING_CLAIMANT = 'missing claimant: every claim needs the speaker who made it';
const MISSING_TEXT = 'missing claim text';

export function fromFactCheckTools(item: unknown): FactCheck {
  if (!isObject(item)) throw new RejectedRecord('not an object');
  if (item.claimReview !== undefined && !Array.isArray(item.claimReview)) throw new RejectedRecord('claimReview must be an array');
  return {
    text: required(item.text, 'text', MISSING_TEXT),
    speaker: { name: required(item.claimant, 'claimant', MISSING_CLAIMANT), role: null, affiliation: null, sameAs: [] },
    statedAt: day(item.claimDate, 'claimDate'),
    // The API names the review's URL (claimReview[].url), not where the claim appeared.
    appearances: [],
    reviews: ((item.claimReview as unknown[] | undefined) ?? []).map((review, index) => {
      const field = `claimReview.${index}`;
      if (!isObject(review)) throw new RejectedRecord(`${field} is not an object`);
      const publisher = isObject(review.publisher) ? review.publisher : {};
      const site = text(publisher.site, `${field}.publisher.site`);
      const organizationName = text(publisher.name, `${field}.publisher.name`) ?? site;
      if (organizationName === null) throw new RejectedRecord(`${field} has no publisher name or site`);
      return {
        organizationName,
        organizationUrl: site === null ? null : /^https?:\/\//.test(site) ? site : `https://${site}`,
        authorName: null,
        url: text(review.url, `${field}.url`),
        summary: text(review.title, `${field}.title`),
        ratingText: text(review.textualRating, `${field}.textualRating`),
        ratingValue: null,
        publishedAt: dateTime(review.reviewDate, `${field}.reviewDate`),
        language: text(review.languageCode, `${field}.languageCode`),
      };
    }),
  };
}

/** A CreativeWork the claim appears in, or a bare URL; null when it names nothing (no URL, headline or name). */
function creativeWork(value: unknown, field: string, isFirst: boolean): FactCheckAppearance | null {
  if (typeof value === 'string') {
    const url = text(value, field);
    return url === null ? null : { source: { url, title: url, publisher: null, author: null, publishedAt: null }, quote: null, isFirst };
  }
  if (!isObject(value)) return null;
  const url = text(value.url, `${field}.url`);
  const title = text(value.headline, `${field}.headline`) ?? text(value.name, `${field}.name`) ?? url;
  if (title === null) return null;
  return {
    source: {
      url,
      title,
      publisher: isObject(value.publisher) ? text(value.publisher.name, `${field}.publisher.name`) : null,
      author: isObject(value.author) ? text(value.author.name, `${field}.author.name`) : null,
      publishedAt: dateTime(value.datePublished, `${field}.datePublished`),
    },
    quote: text(value.text, `${field}.text`),
    isFirst,
  };
}

/**
 * A Claim's firstAppearance and appearance (one CreativeWork or URL, or a list), the first appearance first, each
 * publication once (by URL, normalised, or without one by title): a first appearance listed among the others too, as
 * claimtrace's own export writes it, is one appearance.
 */
function appearances(claim: Json): FactCheckAppearance[] {
  const listed = Array.isArray(claim.appearance)
    ? claim.appearance.map((value: unknown, index) => creativeWork(value, `itemReviewed.appearance.${index}`, false))
    : [creativeWork(claim.appearance, 'itemReviewed.appearance', false)];
  const found = [creativeWork(claim.firstAppearance, 'itemReviewed.firstAppearance', true), ...listed];
  const seen = new Map<string, FactCheckAppearance>();
  for (const appearance of found) {
    if (appearance === null) continue;
    const { url, title } = appearance.source;
    const key = url === null ? `title:${title}` : `url:${normalizeUrl(url) ?? url}`;
    const known = seen.get(key);
    if (known === undefined) seen.set(key, appearance);
    else known.quote ??= appearance.quote;
  }
  return [...seen.values()];
}

function ratingValue(rating: Json): FactCheckReview['ratingValue'] {
  const number = (value: unknown) =>
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  const value = number(rating.ratingValue);
  if (!Number.isFinite(value)) return null;
  const worst = number(rating.worstRating ?? 1);
  const best = number(rating.bestRating ?? 5);
  return { value, worst, best };
}

export function fromClaimReview(item: unknown): FactCheck {
  if (!isObject(item)) throw new RejectedRecord('not an object');
  if (item['@type'] !== 'ClaimReview') throw new RejectedRecord(`@type is ${JSON.stringify(item['@type'])}, not ClaimReview`);
  const claim = isObject(item.itemReviewed) ? item.itemReviewed : {};
  const claimant = isObject(claim.author) ? claim.author : {};
  const author = isObject(item.author) ? item.author : {};
  const creator = isObject(item.creator) ? item.creator : {};
  const rating = isObject(item.reviewRating) ? item.reviewRating : {};
  const isPerson = claimant['@type'] === 'Person';
  return {
    text: required(item.claimReviewed, 'claimReviewed', MISSING_TEXT),
    speaker: {
      name: required(claimant.name, 'itemReviewed.author.name', MISSING_CLAIMANT),
      role: isPerson ? text(claimant.jobTitle, 'itemReviewed.author.jobTitle') : null,
      affiliation:
        isPerson && isObject(claimant.affiliation) ? text(claimant.affiliation.name, 'itemReviewed.author.affiliation.name') : null,
      sameAs: (Array.isArray(claimant.sameAs) ? claimant.sameAs : [claimant.sameAs]).flatMap(
        (url: unknown, index) =>
          text(url, Array.isArray(claimant.sameAs) ? `itemReviewed.author.sameAs.${index}` : 'itemReviewed.author.sameAs') ?? [],
      ),
    },
    statedAt: day(claim.datePublished, 'itemReviewed.datePublished'),
    appearances: appearances(claim),
    reviews: [
      {
        organizationName: required(author.name, 'author.name', 'missing author.name: the organisation that published the review'),
        organizationUrl: text(author.url, 'author.url'),
        authorName: text(creator.name, 'creator.name'),
        url: text(item.url, 'url'),
        summary: text(item.headline, 'headline'),
        ratingText: text(rating.alternateName, 'reviewRating.alternateName') ?? text(rating.name, 'reviewRating.name'),
        ratingValue: ratingValue(rating),
        publishedAt: dateTime(item.datePublished, 'datePublished'),
        language: text(item.inLanguage, 'inLanguage'),
      },
    ],
  };
}
