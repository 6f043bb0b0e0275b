// How imported records are recognised as ones the database already holds: names, texts and URLs compared in a
// normalised form, so that spelling noise (case, accents, curly quotes, a trailing slash) does not create duplicates.
import { slugify } from '../../common/slugify';

/** Speakers are the same when their names slugify alike: "Jens  STOLTENBERG." and "Jens Stoltenberg". */
export const nameKey = (name: string): string => slugify(name);

/** Claim texts compared without case, typographic quotes and dashes, or runs of white space. */
export function textKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const TRACKING_PARAMETER = /^(utm_\w+|fbclid|gclid)$/i;

/**
 * An absolute http(s) URL in one spelling: scheme and host in lower case, no default port, fragment, tracking
 * parameters or trailing slash. Undefined when the text is not such a URL.
 */
export function normalizeUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (TRACKING_PARAMETER.test(name)) url.searchParams.delete(name);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}${url.search}`;
}
