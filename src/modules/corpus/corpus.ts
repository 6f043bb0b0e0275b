// The shape of a seed corpus file (prisma/seed/*.json) and the checks it must pass before anything is written:
// references between its records resolve, and keys are unique.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config';
import type { ClaimKind, RebuttalStance, SourceKind } from '../../generated/prisma/enums';
import { WIKIDATA_ID_PATTERN } from '../speakers/speaker-identity';

export interface SeedSpeaker {
  slug: string;
  name: string;
  role: string | null;
  affiliation: string | null;
  country: string | null;
  isNamed: boolean;
  /** Other names the speaker goes by, found by speakers(search). */
  aliases: string[];
  /** The Wikidata item, only where it is certain (a named speaker's; left out rather than guessed). */
  wikidataId?: string;
  /** Other pages that stand for the speaker. */
  sameAs?: string[];
  /** The slug of the corpus speaker standing for the body this one speaks for (an unnamed speaker's identity). */
  organization?: string;
}

export interface SeedSource {
  /** Local to the file: claims cite sources by it. */
  key: string;
  title: string;
  url: string | null;
  publisher: string | null;
  author: string | null;
  /** ISO 8601 date-time. */
  publishedAt: string | null;
  kind: SourceKind;
  /** The text the source was read from, in a file beside the corpus (prisma/seed/articles/), stored as its content. */
  content?: { file: string; language: string | null } | null;
}

export interface SeedClaim {
  /** Local to the file: rebuttals name claims by it. */
  key: string;
  speaker: string;
  source: string | null;
  kind: ClaimKind;
  text: string;
  /** YYYY-MM-DD. */
  statedAt: string | null;
  /**
   * The passage of the source's text to anchor to, when it is not found from the claim's text alone: a QUOTE
   * interrupted by its attribution. Otherwise a QUOTE is anchored to its own words and a PARAPHRASE to the sentence
   * that holds its words.
   */
  anchor?: string | null;
}

export interface SeedRebuttal {
  claim: string;
  counterclaim: string;
  stance: RebuttalStance;
  rationale: string | null;
}

export interface SeedCorpus {
  speakers: SeedSpeaker[];
  sources: SeedSource[];
  claims: SeedClaim[];
  rebuttals: SeedRebuttal[];
}

export const INF_TREATY_CORPUS = path.join(projectRoot, 'prisma', 'seed', 'inf-treaty.json');

/** The text of a corpus source's content file, read relative to the corpus file. */
export function readSourceContent(corpusFile: string, source: SeedSource): string | null {
  return source.content ? fs.readFileSync(path.join(path.dirname(corpusFile), source.content.file), 'utf8') : null;
}

export function readCorpus(file: string = INF_TREATY_CORPUS): SeedCorpus {
  const corpus = JSON.parse(fs.readFileSync(file, 'utf8')) as SeedCorpus;
  const problems: string[] = [];
  const unique = (what: string, keys: string[]) => {
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key)) problems.push(`${what} "${key}" appears twice`);
      seen.add(key);
    }
    return seen;
  };
  const speakers = unique(
    'speaker slug',
    corpus.speakers.map((speaker) => speaker.slug),
  );
  const sources = unique(
    'source key',
    corpus.sources.map((source) => source.key),
  );
  const claims = unique(
    'claim key',
    corpus.claims.map((claim) => claim.key),
  );
  // The identity rules of speaker.service.ts, checked before anything is written.
  const bySlug = new Map(corpus.speakers.map((speaker) => [speaker.slug, speaker]));
  for (const speaker of corpus.speakers) {
    if (speaker.wikidataId !== undefined && !WIKIDATA_ID_PATTERN.test(speaker.wikidataId))
      problems.push(`speaker "${speaker.slug}" has wikidataId "${speaker.wikidataId}", not "Q" and digits`);
    if (!speaker.isNamed && (speaker.wikidataId !== undefined || (speaker.sameAs ?? []).length > 0))
      problems.push(`speaker "${speaker.slug}" is unnamed and has an identity of its own; give it an organization instead`);
    if (speaker.organization === undefined) continue;
    const organization = bySlug.get(speaker.organization);
    if (!organization) problems.push(`speaker "${speaker.slug}" names unknown organization "${speaker.organization}"`);
    else if (organization.organization !== undefined || organization === speaker)
      problems.push(`speaker "${speaker.slug}" names organization "${speaker.organization}", which belongs to an organization itself`);
  }
  unique(
    'speaker wikidataId',
    corpus.speakers.flatMap((speaker) => speaker.wikidataId ?? []),
  );
  for (const source of corpus.sources) {
    if (source.content && !fs.existsSync(path.join(path.dirname(file), source.content.file))) {
      problems.push(`source "${source.key}" names a missing content file "${source.content.file}"`);
    }
  }
  for (const claim of corpus.claims) {
    if (!speakers.has(claim.speaker)) problems.push(`claim "${claim.key}" names unknown speaker "${claim.speaker}"`);
    if (claim.source !== null && !sources.has(claim.source)) problems.push(`claim "${claim.key}" cites unknown source "${claim.source}"`);
  }
  unique(
    'rebuttal',
    corpus.rebuttals.map((rebuttal) => `${rebuttal.claim} <- ${rebuttal.counterclaim}`),
  );
  for (const rebuttal of corpus.rebuttals) {
    for (const end of [rebuttal.claim, rebuttal.counterclaim]) if (!claims.has(end)) problems.push(`rebuttal names unknown claim "${end}"`);
    if (rebuttal.claim === rebuttal.counterclaim) problems.push(`claim "${rebuttal.claim}" rebuts itself`);
  }
  if (problems.length > 0) throw new Error(`${file} is not a valid seed corpus:\n  - ${problems.join('\n  - ')}`);
  return corpus;
}
