// The normalised verdict scale and the two tables that translate it: to numbers for ClaimReview's reviewRating, and
// from the words fact-checkers publish (for import).
import { ReviewRating } from '../../generated/prisma/enums';
import { slugify } from '../../common/slugify';

/**
 * ClaimReview's numeric scale, Google's documented 1..5 ("1 = False ... 5 = True"). MISLEADING counts as 2: the
 * literal words may hold, the impression they leave does not. UNPROVEN has no place on a true-false scale, so its
 * ratingValue is left out (Google recommends ratingValue but requires only the textual alternateName).
 */
export const RATING_SCALE = { worstRating: 1, bestRating: 5 } as const;

export const RATING_VALUE: Readonly<Record<ReviewRating, number | null>> = {
  FALSE: 1,
  MOSTLY_FALSE: 2,
  MISLEADING: 2,
  MIXED: 3,
  MOSTLY_TRUE: 4,
  TRUE: 5,
  UNPROVEN: null,
};

/** The textual rating published when a review carries no wording of its own. */
export const RATING_LABEL: Readonly<Record<ReviewRating, string>> = {
  TRUE: 'True',
  MOSTLY_TRUE: 'Mostly true',
  MIXED: 'Mixed',
  MOSTLY_FALSE: 'Mostly false',
  FALSE: 'False',
  MISLEADING: 'Misleading',
  UNPROVEN: 'Unproven',
};

/**
 * Publishers' rating words, compared as slugs so that case, accents and punctuation do not matter ("Pants on Fire!",
 * "Engañoso"): English first, then Spanish, Portuguese, French, German and Italian words common in fact-check feeds.
 */
const RATING_WORDS: Readonly<Record<ReviewRating, readonly string[]>> = {
  TRUE: ['true', 'correct', 'accurate', 'verified', 'verdadero', 'verdadeiro', 'cierto', 'vrai', 'richtig', 'wahr', 'vero'],
  MOSTLY_TRUE: [
    'mostly true',
    'mostly correct',
    'mostly accurate',
    'largely true',
    'largely accurate',
    'plutot vrai',
    'weitgehend richtig',
  ],
  MIXED: [
    'half true',
    'half truth',
    'mixed',
    'mixture',
    'partly true',
    'partly false',
    'partially true',
    'partially false',
    'verdad a medias',
    'medio verdadero',
    'mezcla',
    'en partie vrai',
    'teilweise richtig',
    'teilweise falsch',
  ],
  MOSTLY_FALSE: [
    'mostly false',
    'largely false',
    'mostly inaccurate',
    'mostly incorrect',
    'plutot faux',
    'mayormente falso',
    'weitgehend falsch',
  ],
  FALSE: [
    'false',
    'pants on fire',
    'incorrect',
    'inaccurate',
    'wrong',
    'not true',
    'fake',
    'fabricated',
    'hoax',
    'four pinocchios',
    'falso',
    'faux',
    'falsch',
    'fake news',
    'bulo',
  ],
  MISLEADING: [
    'misleading',
    'missing context',
    'lacks context',
    'needs context',
    'out of context',
    'exaggerated',
    'exaggeration',
    'distorts the facts',
    'spin',
    'enganoso',
    'enganosa',
    'trompeur',
    'trompeuse',
    'irrefuhrend',
    'fuorviante',
    'sacado de contexto',
  ],
  UNPROVEN: [
    'unproven',
    'unverified',
    'unsupported',
    'unsubstantiated',
    'no evidence',
    'insufficient evidence',
    'unclear',
    'sin evidencia',
    'sin pruebas',
    'non prouve',
    'unbelegt',
    'unbewiesen',
  ],
};

const RATING_BY_WORD: ReadonlyMap<string, ReviewRating> = new Map(
  Object.entries(RATING_WORDS).flatMap(([rating, words]) => words.map((word) => [slugify(word), rating as ReviewRating] as const)),
);

/** The normalised rating for a publisher's words, or undefined when the word table does not know them. */
export function ratingFromText(text: string): ReviewRating | undefined {
  return RATING_BY_WORD.get(slugify(text));
}

/** A numeric rating on any worst..best scale, placed on the 1..5 scale; undefined when the numbers make no sense. */
export function ratingFromValue(
  value: number,
  worst: number = RATING_SCALE.worstRating,
  best: number = RATING_SCALE.bestRating,
): ReviewRating | undefined {
  if (![value, worst, best].every(Number.isFinite) || best <= worst || value < worst || value > best) return undefined;
  const onScale = Math.round(1 + ((value - worst) / (best - worst)) * 4);
  return ([ReviewRating.FALSE, ReviewRating.MOSTLY_FALSE, ReviewRating.MIXED, ReviewRating.MOSTLY_TRUE, ReviewRating.TRUE] as const)[
    onScale - 1
  ];
}
