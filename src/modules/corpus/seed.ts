// Applies a seed corpus idempotently, in one transaction: records already present (speakers by slug, sources by URL
// or else by title, claims by speaker and text, rebuttals by their pair of claims) are left exactly as they are, so
// a second run changes nothing. The exceptions fill in what older seeds lacked: a corpus speaker seeded before speakers
// had aliases, or identities, gets the corpus's aliases, wikidataId, sameAs and organization, each as long as it still
// has none (so what an editor set since stays, and a second run finds nothing to fill in; a wikidataId another speaker
// holds is left out); a source without text gets the corpus's; a claim's first appearance without an anchor is anchored
// in that text (src/modules/appearances/anchoring.ts).
import type { PrismaClient } from '../../generated/prisma/client';
import { parseLocalDate } from '../../common/scalars';
import { commandWrite, recordAs } from '../history/recorded-transaction';
import { locateAnchor, sentenceAround } from '../appearances/anchoring';
import { anchorColumns, sha256Hex, storeSourceText } from '../appearances/appearance.service';
import { INF_TREATY_CORPUS, readCorpus, readSourceContent, type SeedClaim, type SeedCorpus, type SeedSpeaker } from './corpus';

export interface SeedSummary {
  speakers: number;
  sources: number;
  claims: number;
  rebuttals: number;
}

export interface SeedOptions {
  /** What history names as the seed's actor: the command that ran it. */
  runBy?: string;
  corpus?: SeedCorpus;
  /** The corpus's file, which its sources' content files are read relative to. */
  corpusFile?: string;
}

export async function seedDatabase(
  prisma: PrismaClient,
  { runBy = 'db:seed', corpusFile = INF_TREATY_CORPUS, corpus = readCorpus(corpusFile) }: SeedOptions = {},
): Promise<SeedSummary> {
  return prisma.$transaction(
    async (tx) => {
      await recordAs(tx, commandWrite('SEED', `${runBy} (prisma/seed/inf-treaty.json)`));
      const idsOf = async () =>
        new Map(
          (
            await tx.speaker.findMany({ where: { slug: { in: corpus.speakers.map((s) => s.slug) } }, select: { id: true, slug: true } })
          ).map((speaker) => [speaker.slug, speaker.id]),
        );
      // Organizations (the speakers naming none) first, so that their members are created with the link in place.
      const rows = (speakers: SeedSpeaker[], ids: Map<string, string>) =>
        speakers.map(({ organization, ...speaker }) => ({
          ...speaker,
          organizationId: organization === undefined ? null : ids.get(organization)!,
        }));
      const [members, others] = partition(corpus.speakers, (speaker) => speaker.organization !== undefined);
      let createdSpeakers = (await tx.speaker.createMany({ data: rows(others, new Map()), skipDuplicates: true })).count;
      createdSpeakers += (await tx.speaker.createMany({ data: rows(members, await idsOf()), skipDuplicates: true })).count;
      const speakerIds = await idsOf();

      for (const { slug, aliases, wikidataId, sameAs = [], organization } of corpus.speakers) {
        if (aliases.length > 0) await tx.speaker.updateMany({ where: { slug, aliases: { isEmpty: true } }, data: { aliases } });
        if (wikidataId !== undefined && !(await tx.speaker.findUnique({ where: { wikidataId }, select: { id: true } }))) {
          await tx.speaker.updateMany({ where: { slug, isNamed: true, wikidataId: null }, data: { wikidataId } });
        }
        if (sameAs.length > 0) await tx.speaker.updateMany({ where: { slug, isNamed: true, sameAs: { isEmpty: true } }, data: { sameAs } });
        if (organization !== undefined) {
          await tx.speaker.updateMany({ where: { slug, organizationId: null }, data: { organizationId: speakerIds.get(organization)! } });
        }
      }

      let createdSources = 0;
      const sourceIds = new Map<string, string>();
      for (const { key, publishedAt, content, ...source } of corpus.sources) {
        const existing = await tx.source.findFirst({
          where: source.url !== null ? { url: source.url } : { url: null, title: source.title },
          select: { id: true },
        });
        const id =
          existing?.id ??
          (await tx.source.create({ data: { ...source, publishedAt: publishedAt ? new Date(publishedAt) : null }, select: { id: true } }))
            .id;
        if (!existing) createdSources += 1;
        sourceIds.set(key, id);
      }
      const contents = new Map<string, string>();
      for (const source of corpus.sources) {
        const text = readSourceContent(corpusFile, source);
        if (text === null) continue;
        const sourceId = sourceIds.get(source.key)!;
        const content = text.normalize('NFC');
        contents.set(sourceId, content);
        if (!(await tx.sourceText.findUnique({ where: { sourceId }, select: { sourceId: true } }))) {
          const columns = { content, contentHash: sha256Hex(content), language: source.content?.language ?? null, retrievedAt: null };
          await storeSourceText(tx, sourceId, columns);
        }
      }

      const known = await tx.claim.findMany({
        where: { speakerId: { in: [...speakerIds.values()] } },
        select: { id: true, speakerId: true, text: true },
      });
      const claimIds = new Map<string, string>();
      const byContent = new Map(known.map((claim) => [`${claim.speakerId}\n${claim.text}`, claim.id]));
      let createdClaims = 0;
      for (const claim of corpus.claims) {
        const speakerId = speakerIds.get(claim.speaker)!;
        let id = byContent.get(`${speakerId}\n${claim.text}`);
        if (id === undefined) {
          id = (
            await tx.claim.create({
              data: {
                text: claim.text,
                kind: claim.kind,
                statedAt: claim.statedAt ? (parseLocalDate(claim.statedAt) ?? null) : null,
                speakerId,
                sourceId: claim.source ? sourceIds.get(claim.source)! : null,
              },
              select: { id: true },
            })
          ).id;
          createdClaims += 1;
        }
        claimIds.set(claim.key, id);
        const sourceId = claim.source ? sourceIds.get(claim.source)! : null;
        const content = sourceId ? contents.get(sourceId) : undefined;
        if (sourceId && content !== undefined) {
          const first = await tx.appearance.findFirst({
            where: { claimId: id, isFirst: true, sourceId, exact: null },
            select: { id: true },
          });
          if (first)
            await tx.appearance.update({
              where: { id: first.id },
              data: anchorColumns(content, seedAnchor(content, claim), claim, `claim "${claim.key}"`),
            });
        }
      }

      const createdRebuttals = await tx.rebuttal.createMany({
        data: corpus.rebuttals.map((rebuttal) => ({
          claimId: claimIds.get(rebuttal.claim)!,
          counterclaimId: claimIds.get(rebuttal.counterclaim)!,
          stance: rebuttal.stance,
          rationale: rebuttal.rationale,
        })),
        skipDuplicates: true,
      });

      return { speakers: createdSpeakers, sources: createdSources, claims: createdClaims, rebuttals: createdRebuttals.count };
    },
    { timeout: 60_000 },
  );
}

/** Where a corpus claim stands in its source's text: its own words for a QUOTE, the sentence holding them for a PARAPHRASE. */
function seedAnchor(content: string, claim: SeedClaim): { start: number; end: number } {
  const located = locateAnchor(content, { exact: claim.anchor ?? claim.text });
  if ('problem' in located) throw new Error(`The corpus claim "${claim.key}" cannot be anchored: ${located.problem.message}`);
  return claim.kind === 'PARAPHRASE' ? sentenceAround(content, located.anchor) : located.anchor;
}

/** True when the database holds no speakers: the state in which `npm start` seeds it. */
export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.speaker.count()) === 0;
}

/** The items for which `test` holds, and the others. */
function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
