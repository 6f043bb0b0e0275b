// A speaker's identity outside claimtrace: its Wikidata item and other pages that stand for it (schema.org sameAs).
// One place for the rules the API's inputs, the ClaimReview output and the importer share.

/** A Wikidata item id: "Q" and a positive number written without leading zeros (https://www.wikidata.org/wiki/Help:Items). */
export const WIKIDATA_ID_PATTERN = /^Q[1-9][0-9]*$/;

/** At most this many sameAs URLs per speaker (the input rule and the operation cost's list size). */
export const MAX_SAME_AS = 20;

/** The item's page, the form schema.org sameAs and Google's fact-check markup use for a Wikidata identity. */
export const wikidataUrl = (wikidataId: string): string => `https://www.wikidata.org/wiki/${wikidataId}`;

// The item page (/wiki/Q1), the entity URI (/entity/Q1, what the RDF and SPARQL results use) and the JSON data page
// (/wiki/Special:EntityData/Q1), on www.wikidata.org or m.wikidata.org, over http or https.
const WIKIDATA_URL = /^https?:\/\/(?:www\.|m\.)?wikidata\.org\/(?:wiki\/(?:Special:EntityData\/)?|entity\/)(Q[1-9][0-9]*)(?:\.json)?\/?$/;

/** The item id a Wikidata URL names, or undefined for any other URL. */
export function wikidataIdOf(url: string): string | undefined {
  return WIKIDATA_URL.exec(url.trim())?.[1];
}

/** The key two sameAs URLs are the same by: the URL as WHATWG parses it (host case, default port), without a fragment. */
function sameAsKey(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/** The URLs trimmed, each kept once (the first spelling of those alike by sameAsKey). */
export function distinctSameAs(urls: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const url of urls.map((item) => item.trim())) {
    const key = sameAsKey(url);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(url);
  }
  return kept;
}

/** The speaker's identities as schema.org sameAs: the Wikidata item page first, then the other URLs, none repeated. */
export function sameAsOf(speaker: { wikidataId: string | null; sameAs: readonly string[] }): string[] {
  return distinctSameAs([...(speaker.wikidataId === null ? [] : [wikidataUrl(speaker.wikidataId)]), ...speaker.sameAs]);
}
