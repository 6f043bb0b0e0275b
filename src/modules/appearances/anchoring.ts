// Anchoring a claim to the passage of a source's text: finding a W3C Web Annotation TextQuoteSelector (exact, prefix,
// suffix) in the text, checking a TextPositionSelector (start, end), verifying a stored anchor against the text as it
// stands now, the closest match when it no longer stands there, and the words around it. Pure: no database, so the
// service, the seed and an importer all anchor the same way.
//
// Positions count Unicode code points of the NFC-normalised text (as the Web Annotation model asks, and as
// PostgreSQL's substring() counts, so the context can be cut in SQL), never UTF-16 code units.
//
// Texts are compared after folding both sides: NFC, typographic single quotes and apostrophes (‘ ’ ‚ ‛ ′ ʼ) read as
// ', typographic double quotes (“ ” „ ‟ ″) as ", and any run of whitespace (newlines and no-break spaces included) as
// one space. What is stored is always the source's own characters at the position found.

/** Code points of text stored either side of the exact passage, as the selector's prefix and suffix. */
export const CONTEXT_POINTS = 32;

const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u02bc]/;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/;
const WHITESPACE = /\s/;
const SURROGATES = /[\uD800-\uDFFF]/;

/** The text folded for comparison, with where each folded unit starts in the text (and the text's length last). */
interface Folded {
  readonly text: string;
  readonly starts: readonly number[];
}

function foldWithMap(text: string): Folded {
  let folded = '';
  const starts: number[] = [];
  let at = 0;
  while (at < text.length) {
    const unit = text[at]!;
    starts.push(at);
    if (WHITESPACE.test(unit)) {
      folded += ' ';
      while (at < text.length && WHITESPACE.test(text[at]!)) at += 1;
      continue;
    }
    folded += SINGLE_QUOTES.test(unit) ? "'" : DOUBLE_QUOTES.test(unit) ? '"' : unit;
    at += 1;
  }
  starts.push(text.length);
  return { text: folded, starts };
}

/** The text as anchors compare it (see the top of the file). */
export function foldText(text: string): string {
  return foldWithMap(text.normalize('NFC')).text;
}

/** Code points in text[0, unit). */
function pointsBefore(text: string, unit: number): number {
  if (!SURROGATES.test(text)) return unit;
  let points = 0;
  for (let at = 0; at < unit; at += 1) {
    const code = text.charCodeAt(at);
    if (code < 0xdc00 || code > 0xdfff) points += 1;
  }
  return points;
}

/** The UTF-16 index of code point `point` of text (text.length for the end). */
function unitOf(text: string, point: number): number {
  if (!SURROGATES.test(text)) return point;
  let unit = 0;
  for (let seen = 0; seen < point && unit < text.length; seen += 1) unit += (text.codePointAt(unit) ?? 0) > 0xffff ? 2 : 1;
  return unit;
}

/** The length of a text in code points. */
export function codePointLength(text: string): number {
  return pointsBefore(text, text.length);
}

/** text between code points start and end. */
export function slicePoints(text: string, start: number, end: number): string {
  return text.slice(unitOf(text, start), unitOf(text, end));
}

/** A place in a text: [start, end) in code points. */
export interface TextPosition {
  start: number;
  end: number;
}

/** A TextQuoteSelector and a TextPositionSelector that agree, as stored: exact, prefix and suffix in the text's characters. */
export interface TextAnchor extends TextPosition {
  exact: string;
  prefix: string;
  suffix: string;
}

/** What a client gives: the exact text (with prefix/suffix to tell repeats apart), a position, or both. */
export interface AnchorRequest {
  exact?: string | null;
  prefix?: string | null;
  suffix?: string | null;
  start?: number | null;
  end?: number | null;
}

/** Why an anchor cannot be placed, and the field of AnchorRequest at fault. */
export interface AnchorProblem {
  field: 'exact' | 'prefix' | 'start' | 'end';
  message: string;
}

export type AnchorResult = { anchor: TextAnchor } | { problem: AnchorProblem };

/** The anchor at [start, end) of content (NFC), with the content's own characters as exact, prefix and suffix. */
export function anchorAt(content: string, position: TextPosition): TextAnchor {
  const { start, end } = position;
  return {
    start,
    end,
    exact: slicePoints(content, start, end),
    prefix: slicePoints(content, Math.max(0, start - CONTEXT_POINTS), start),
    suffix: slicePoints(content, end, end + CONTEXT_POINTS),
  };
}

/** Every place where the folded `exact` stands in the folded content, as positions in code points of content. */
function occurrences(content: string, folded: Folded, exact: string): TextPosition[] {
  const needle = foldText(exact);
  const found: TextPosition[] = [];
  if (needle.length === 0) return found;
  for (let at = folded.text.indexOf(needle); at !== -1; at = folded.text.indexOf(needle, at + 1)) {
    found.push({ start: pointsBefore(content, folded.starts[at]!), end: pointsBefore(content, folded.starts[at + needle.length]!) });
  }
  return found;
}

/** Whether the text before `position` ends with prefix and the text after it starts with suffix (folded; absent ones agree). */
function contextAgrees(
  content: string,
  position: TextPosition,
  prefix: string | null | undefined,
  suffix: string | null | undefined,
): boolean {
  const before = foldText(slicePoints(content, 0, position.start));
  const after = foldText(slicePoints(content, position.end, codePointLength(content)));
  return (!prefix || before.endsWith(foldText(prefix))) && (!suffix || after.startsWith(foldText(suffix)));
}

/**
 * Places an anchor in content (NFC): at the position given (checking that exact, when given too, stands there), or
 * where exact stands, once (prefix and suffix, when given, must agree with the text either side and tell repeats apart).
 */
export function locateAnchor(content: string, request: AnchorRequest): AnchorResult {
  const length = codePointLength(content);
  const { start, end } = request;
  if (start !== null && start !== undefined && end !== null && end !== undefined) {
    if (start < 0 || start > length)
      return { problem: { field: 'start', message: `start must be within the text (0 to ${length} code points)` } };
    if (end <= start || end > length)
      return { problem: { field: 'end', message: `end must be after start and within the text (at most ${length} code points)` } };
    const anchor = anchorAt(content, { start, end });
    if (request.exact && foldText(request.exact) !== foldText(anchor.exact)) {
      return {
        problem: {
          field: 'exact',
          message: `exact does not stand at [${start}, ${end}); the text there is ${JSON.stringify(anchor.exact)}`,
        },
      };
    }
    return { anchor };
  }
  if (!request.exact || foldText(request.exact).trim() === '') {
    return { problem: { field: 'exact', message: 'An anchor needs its exact text, or a start and an end' } };
  }
  const everywhere = occurrences(content, foldWithMap(content), request.exact);
  if (everywhere.length === 0) return { problem: { field: 'exact', message: "exact does not stand in the source's text" } };
  const matching = everywhere.filter((position) => contextAgrees(content, position, request.prefix, request.suffix));
  const narrowed = Boolean(request.prefix || request.suffix);
  if (matching.length === 0) {
    return {
      problem: {
        field: request.prefix ? 'prefix' : 'exact',
        message: `exact stands ${everywhere.length} time(s) in the text, but never with the prefix and suffix given`,
      },
    };
  }
  if (matching.length > 1) {
    return {
      problem: {
        field: narrowed ? 'prefix' : 'exact',
        message: `exact stands ${matching.length} times in the text${narrowed ? ', even with the prefix and suffix given' : ''}; give ${
          narrowed ? 'a longer prefix or suffix' : 'a prefix or suffix'
        }, or a start and end, to say which`,
      },
    };
  }
  return { anchor: anchorAt(content, matching[0]!) };
}

export type Verification = 'VERIFIED' | 'UNVERIFIED' | 'BROKEN';

/** An anchor as stored: the position is absent when it was recorded before the source had a text. */
export interface StoredAnchor {
  exact: string;
  prefix: string | null;
  suffix: string | null;
  start: number | null;
  end: number | null;
}

export interface VerifiedAnchor {
  verification: Verification;
  /** The anchor to store now: an anchor without a position gets the one found, with the text's prefix and suffix. */
  anchor: StoredAnchor;
  /** For BROKEN: where the passage stands now, if anywhere. */
  closest: TextPosition | null;
}

/**
 * The anchor checked against the source's text as it stands now (null: there is none, so UNVERIFIED). A stored
 * position holds when the exact text (folded) stands there; an anchor without one is placed where it stands once.
 */
export function verifyAnchor(content: string | null, stored: StoredAnchor): VerifiedAnchor {
  if (content === null) return { verification: 'UNVERIFIED', anchor: stored, closest: null };
  if (stored.start === null || stored.end === null) {
    const located = locateAnchor(content, { exact: stored.exact, prefix: stored.prefix, suffix: stored.suffix });
    if ('anchor' in located) return { verification: 'VERIFIED', anchor: located.anchor, closest: null };
    return { verification: 'BROKEN', anchor: stored, closest: closestMatch(content, stored) };
  }
  const length = codePointLength(content);
  if (stored.end <= length && foldText(slicePoints(content, stored.start, stored.end)) === foldText(stored.exact)) {
    return { verification: 'VERIFIED', anchor: stored, closest: null };
  }
  return { verification: 'BROKEN', anchor: stored, closest: closestMatch(content, stored) };
}

/**
 * Where a passage that no longer stands at its position stands now: the place of its exact text whose prefix and
 * suffix agree best (then the nearest to where it was); failing that, the text between its prefix and its suffix, when
 * they still stand close together (the passage was reworded in place); else null.
 */
export function closestMatch(content: string, stored: StoredAnchor): TextPosition | null {
  const folded = foldWithMap(content);
  const found = occurrences(content, folded, stored.exact);
  if (found.length > 0) {
    const score = (position: TextPosition) =>
      (stored.prefix && contextAgrees(content, position, stored.prefix, null) ? 2 : 0) +
      (stored.suffix && contextAgrees(content, position, null, stored.suffix) ? 2 : 0);
    const distance = (position: TextPosition) => Math.abs(position.start - (stored.start ?? 0));
    return [...found].sort((a, b) => score(b) - score(a) || distance(a) - distance(b))[0]!;
  }
  if (!stored.prefix || !stored.suffix) return null;
  const prefix = foldText(stored.prefix);
  const suffix = foldText(stored.suffix);
  const reach = foldText(stored.exact).length * 2 + 100;
  for (let at = folded.text.indexOf(prefix); at !== -1; at = folded.text.indexOf(prefix, at + 1)) {
    const from = at + prefix.length;
    const to = folded.text.indexOf(suffix, from);
    if (to > from && to - from <= reach) {
      return { start: pointsBefore(content, folded.starts[from]!), end: pointsBefore(content, folded.starts[to]!) };
    }
  }
  return null;
}

// A quotation interrupted by its attribution: a closing quote mark, a few words without quote marks, an opening one
// ('time,” Stoltenberg said, “we'). Read without the interruption, the speaker's words run on ('time, we').
const ATTRIBUTION = /["\u201d\u2019] [^"\u201c\u201d]{1,60} ["\u201c\u2018]/g;

/**
 * Whether a QUOTE claim's text stands verbatim in the passage: folded, as it stands, or once the passage's
 * attributions that interrupt the quotation ('”, Stoltenberg said, “') are read as one space.
 */
export function quoteStandsIn(claimText: string, exact: string): boolean {
  const quote = foldText(claimText).trim();
  const passage = exact.normalize('NFC').replace(/\s+/g, ' ');
  return foldText(passage).includes(quote) || foldText(passage.replace(ATTRIBUTION, ' ')).includes(quote);
}

/** The sentence of content (NFC) that holds `position` (Intl's sentence boundaries, trimmed), as a position. */
export function sentenceAround(content: string, position: TextPosition, language = 'en'): TextPosition {
  const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  const startUnit = unitOf(content, position.start);
  const endUnit = unitOf(content, position.end);
  let from = startUnit;
  let to = endUnit;
  for (const { index, segment } of segmenter.segment(content)) {
    const segmentEnd = index + segment.length;
    if (segmentEnd > startUnit && index < endUnit) {
      from = Math.min(from, index);
      to = Math.max(to, segmentEnd);
    }
  }
  const text = content.slice(from, to);
  const leading = text.length - text.trimStart().length;
  const trailing = text.length - text.trimEnd().length;
  return { start: pointsBefore(content, from + leading), end: pointsBefore(content, to - trailing) };
}

/** The words around a passage, cut from the text either side of it. */
export interface AnchorContext {
  before: string;
  exact: string;
  after: string;
  /** before, exact and after with the passage between ⟦ and ⟧, and … where the text goes on. */
  marked: string;
}

/** The text either side of a passage as cut from the source's text, and whether more text precedes or follows it. */
export interface ContextSlices {
  before: string;
  exact: string;
  after: string;
  moreBefore: boolean;
  moreAfter: boolean;
}

/** The context from the slices read: cut back to whole words where the text goes on, and marked. */
export function contextOf(read: ContextSlices): AnchorContext {
  const wordAt = (text: string) => text.search(/\s/);
  let before = read.before;
  let after = read.after;
  if (read.moreBefore && wordAt(before) !== -1) before = before.slice(wordAt(before) + 1);
  if (read.moreAfter) {
    const last = after.search(/\s\S*$/);
    if (last !== -1) after = after.slice(0, last);
  }
  const marked = `${read.moreBefore ? '…' : ''}${before}⟦${read.exact}⟧${after}${read.moreAfter ? '…' : ''}`;
  return { before, exact: read.exact, after, marked };
}
