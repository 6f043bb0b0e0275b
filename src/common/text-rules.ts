// Which characters a string may hold, by the kind of field it fills. Applied to every string argument of every
// operation, at any depth, before anything runs (src/graphql/argument-text.ts), and to every string of an imported
// record (as free text: src/modules/exchange/); docs/api.md's "Input rules" states it.
// Nothing is stripped or replaced: a string is taken exactly as given (not normalised), or refused.
//
// - Never, in any field: NUL (PostgreSQL cannot store it) and lone surrogates (UTF-16 halves without their pair: not
//   Unicode text, and stored as U+FFFD by the database driver).
// - `line` (names, aliases, slugs, titles, URLs, ids, cursors, filters on them): no control character at all (C0,
//   DEL, C1, tab and line breaks included), and no bidi embedding, override or isolate controls (U+202A-U+202E,
//   U+2066-U+2069), which make a name display as something it is not.
// - `text` (claim text, summaries, rationales, and searches and filters over them): tab, line feed and carriage
//   return allowed, other control characters not; bidi controls allowed when balanced (every embedding or override
//   closed by U+202C, every isolate by U+2069, nested), as mixed-direction quotes may need them, and refused when
//   one is left open, as it would spill over whatever is displayed after the text.

export const TEXT_KINDS = ['line', 'text'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

/** The GraphQL extension (on an argument or input field) that holds its TextKind; absent means `line`. */
export const TEXT_KIND_EXTENSION = 'textKind';

// What needs a closer look; most strings have none of these and are passed by this one test.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

const PDF = 0x202c;
const PDI = 0x2069;
const isEmbeddingOrOverride = (code: number) => code >= 0x202a && code <= 0x202e && code !== PDF;
const isIsolate = (code: number) => code >= 0x2066 && code <= 0x2068;
const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` cannot fill a field of this kind (a phrase to follow the field's name), or undefined when it can. */
export function textViolation(value: string, kind: TextKind): string | undefined {
  if (!SUSPECT.test(value)) return undefined;
  // Open bidi controls, innermost last: true for an isolate, false for an embedding or override.
  const open: boolean[] = [];
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    const at = `at character ${index}`;
    if (code === 0) return `must not contain a NUL character (U+0000), found ${at}`;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index += 1;
        continue;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) return `is not valid Unicode: a lone surrogate (${hex(code)}) ${at}`;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      if (kind === 'text' && (code === 0x09 || code === 0x0a || code === 0x0d)) continue;
      const allowed = kind === 'text' ? ' other than tab and line breaks' : '';
      return `must not contain control characters${allowed}; found ${hex(code)} ${at}`;
    }
    const bidi = isEmbeddingOrOverride(code) || isIsolate(code) || code === PDF || code === PDI;
    if (!bidi) continue;
    if (kind === 'line') return `must not contain bidirectional formatting characters; found ${hex(code)} ${at}`;
    if (code === PDF || code === PDI) {
      if (open.pop() !== (code === PDI)) return `has an unbalanced bidirectional formatting character (${hex(code)}) ${at}`;
    } else {
      open.push(isIsolate(code));
    }
  }
  if (open.length > 0) return 'leaves a bidirectional embedding, override or isolate open (close it with U+202C or U+2069)';
  return undefined;
}

/**
 * The first string anywhere in a parsed JSON value that a field of this kind cannot hold, as "path phrase" (the path
 * of keys and indexes, e.g. "claimReview.0.publisher.name must not contain ..."), or undefined. Walked with a stack
 * of its own, as a file's JSON may nest deeper than the call stack goes.
 */
export function jsonTextViolation(value: unknown, kind: TextKind): string | undefined {
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: item, path } = next;
    if (typeof item === 'string') {
      const violation = textViolation(item, kind);
      if (violation !== undefined) return path === '' ? violation : `${path} ${violation}`;
    } else if (item !== null && typeof item === 'object') {
      const entries = Array.isArray(item) ? item.map((element, index) => [String(index), element] as const) : Object.entries(item);
      // Keys are strings too (a NUL in one cannot be stored in a JSON column either).
      for (const [key, element] of entries.reverse()) {
        const at = path === '' ? key : `${path}.${key}`;
        pending.push({ value: element, path: at }, { value: key, path: `${at} (its name)` });
      }
    }
  }
  return undefined;
}
