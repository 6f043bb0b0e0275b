// Writes the database, or the part a filter selects, in one of the exchange formats, reading each table in pages by
// id. jsonl: every row of speakers (organizations first), sources, their texts, claims, appearances, rebuttals and
// reviews, in that order (see jsonl.ts), and with withHistory every history entry after them, in id order (the order
// they were written in). claimreview: a JSON array of the ClaimReview JSON-LD of every review (what
// Review.claimReview returns). annotations: every appearance as a W3C Web Annotation, in one AnnotationCollection.
import type { HistoryEntry, Prisma, PrismaClient } from '../../generated/prisma/client';
import type { ReviewStatus } from '../../generated/prisma/enums';
import { randomUUID } from 'node:crypto';
import { buildClaimReview } from '../reviews/claim-review';
import type { Model } from './import.service';
import { toLine, type RowType } from './jsonl';
import { normalizeUrl } from './matching';
import { pagesById } from './pages';
import { ANNOTATION_CONTEXTS, buildWebAnnotation, uuidIri } from './web-annotation';

export const EXPORT_FORMATS = ['jsonl', 'claimreview', 'annotations'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Selects claims; the export then holds those claims, their speakers and sources, reviews, and the rebuttals between them. */
export interface ExportFilter {
  speakerSlug?: string;
  sourceUrl?: string;
  reviewStatus?: ReviewStatus[];
}

export type ExportCounts = Partial<Record<Model, number>>;

export interface ExportResult {
  counts: ExportCounts;
  /** What the reader of the file should know: records written that its consumers may not accept. */
  notes: string[];
}

type Write = (chunk: string) => Promise<void>;

/** Sources' texts per page: an article is tens of kilobytes, so a page of them stays within a few megabytes. */
const TEXT_PAGE_SIZE = 50;

function claimScope(filter: ExportFilter): Prisma.ClaimWhereInput | undefined {
  const urls = filter.sourceUrl ? { url: { in: [filter.sourceUrl, normalizeUrl(filter.sourceUrl) ?? filter.sourceUrl] } } : undefined;
  const where: Prisma.ClaimWhereInput = {
    ...(filter.speakerSlug ? { speaker: { slug: filter.speakerSlug } } : {}),
    // A claim is in a source when it appears there, first or not.
    ...(urls ? { OR: [{ source: urls }, { appearances: { some: { source: urls } } }] } : {}),
    ...(filter.reviewStatus?.length ? { reviewStatus: { in: filter.reviewStatus } } : {}),
  };
  return Object.keys(where).length > 0 ? where : undefined;
}

export interface ExportOptions {
  /** jsonl only, of the whole database only (a filter's part has no history of its own to cut out): the history too. */
  withHistory?: boolean;
}

export async function exportDatabase(
  prisma: PrismaClient,
  format: ExportFormat,
  filter: ExportFilter,
  write: Write,
  { withHistory = false }: ExportOptions = {},
): Promise<ExportResult> {
  const scope = claimScope(filter);
  if (withHistory && (format !== 'jsonl' || scope !== undefined))
    throw new Error('withHistory exports the whole database as jsonl: no filter, no other format');
  if (format === 'claimreview') return exportClaimReviews(prisma, scope, write);
  if (format === 'annotations') return exportAnnotations(prisma, scope, write);
  const counts = await exportRows(prisma, scope, write);
  if (withHistory) counts.history = await exportHistory(prisma, write);
  return { counts, notes: [] };
}

async function exportHistory(prisma: PrismaClient, write: Write): Promise<number> {
  let count = 0;
  const pages = pagesById<HistoryEntry, bigint>((where, take) => prisma.historyEntry.findMany({ where, orderBy: { id: 'asc' }, take }));
  for await (const page of pages) {
    await write(page.map((entry) => `${toLine('history', entry)}\n`).join(''));
    count += page.length;
  }
  return count;
}

async function exportRows(prisma: PrismaClient, scope: Prisma.ClaimWhereInput | undefined, write: Write): Promise<ExportCounts> {
  const order = { orderBy: { id: 'asc' as const } };
  // The speakers of the claims, and the organizations they name; organizations (which name none) first, so that an
  // import, row by row, has each organization before the speakers naming it.
  const speakers = (organizationId: Prisma.SpeakerWhereInput['organizationId']) => (where: { id?: { gt: string } }, take: number) =>
    prisma.speaker.findMany({
      where: {
        ...where,
        organizationId,
        ...(scope && { OR: [{ claims: { some: scope } }, { members: { some: { claims: { some: scope } } } }] }),
      },
      ...order,
      take,
    });
  // The sources the claims are in: as their source, or where they appear.
  const sourceScope: Prisma.SourceWhereInput | undefined = scope && {
    OR: [{ claims: { some: scope } }, { appearances: { some: { claim: scope } } }],
  };
  type Fetch = (where: { id?: { gt: string } }, take: number) => Promise<{ id: string }[]>;
  const tables: [RowType, Model, Fetch, number?][] = [
    ['speaker', 'speakers', speakers(null)],
    ['speaker', 'speakers', speakers({ not: null })],
    ['source', 'sources', (where, take) => prisma.source.findMany({ where: { ...where, ...sourceScope }, ...order, take })],
    [
      'sourceText',
      'sourceTexts',
      // Keyed by their source's id; few to a page, since each holds a whole article.
      async (where, take) =>
        (
          await prisma.sourceText.findMany({
            where: { sourceId: where.id, ...(sourceScope && { source: sourceScope }) },
            orderBy: { sourceId: 'asc' },
            take,
          })
        ).map((text) => ({ ...text, id: text.sourceId })),
      TEXT_PAGE_SIZE,
    ],
    ['claim', 'claims', (where, take) => prisma.claim.findMany({ where: { ...where, ...scope }, ...order, take })],
    [
      'appearance',
      'appearances',
      (where, take) => prisma.appearance.findMany({ where: { ...where, ...(scope && { claim: scope }) }, ...order, take }),
    ],
    [
      'rebuttal',
      'rebuttals',
      (where, take) =>
        prisma.rebuttal.findMany({ where: { ...where, ...(scope && { claim: scope, counterclaim: scope }) }, ...order, take }),
    ],
    ['review', 'reviews', (where, take) => prisma.review.findMany({ where: { ...where, ...(scope && { claim: scope }) }, ...order, take })],
  ];
  const counts: ExportCounts = {};
  for (const [type, model, fetch, pageSize] of tables) {
    counts[model] ??= 0;
    for await (const page of pagesById(fetch, pageSize)) {
      await write(page.map((row) => `${toLine(type, row)}\n`).join(''));
      counts[model] += page.length;
    }
  }
  return counts;
}

async function exportClaimReviews(prisma: PrismaClient, scope: Prisma.ClaimWhereInput | undefined, write: Write): Promise<ExportResult> {
  let count = 0;
  let withoutUrl = 0;
  const pages = pagesById((where, take) =>
    prisma.review.findMany({
      where: { ...where, ...(scope && { claim: scope }) },
      orderBy: { id: 'asc' },
      take,
      include: {
        claim: {
          include: {
            speaker: { include: { organization: true } },
            source: true,
            appearances: { include: { source: true }, orderBy: [{ isFirst: 'desc' }, { id: 'asc' }] },
          },
        },
      },
    }),
  );
  await write('[');
  for await (const page of pages) {
    const items = page.map(
      ({
        claim: {
          speaker: { organization, ...speaker },
          source,
          appearances: found,
          ...claim
        },
        ...review
      }) => {
        if (review.url === null) withoutUrl += 1;
        const appearances = found.map(({ source: appearsIn, ...appearance }) => ({ appearance, source: appearsIn }));
        const built = buildClaimReview({ review, claim, speaker, organization, source, appearances });
        const json = JSON.stringify(built, null, 2).replace(/^/gm, '  ');
        return `${count++ === 0 ? '\n' : ',\n'}${json}`;
      },
    );
    await write(items.join(''));
  }
  await write(count === 0 ? ']\n' : '\n]\n');
  const notes =
    withoutUrl === 0
      ? []
      : [
          `${withoutUrl} review(s) have no url: written without one, but Google's fact-check markup requires the review's URL (set it with updateReview)`,
        ];
  return { counts: { reviews: count }, notes };
}

/**
 * The appearances of the claims as one W3C AnnotationCollection (https://www.w3.org/TR/annotation-model/#collections)
 * whose one page, embedded, lists them in id order: the model's own way to hand over many annotations in one JSON-LD
 * document, with one @context for all (a jsonl of annotations would be a format of our own, which no annotation tool
 * reads). The collection and its page are this export's, named by new URNs; total is written after the items, as the
 * items are streamed and JSON-LD does not order keys. A collection with no annotation has no page.
 */
async function exportAnnotations(prisma: PrismaClient, scope: Prisma.ClaimWhereInput | undefined, write: Write): Promise<ExportResult> {
  const collection = uuidIri(randomUUID());
  const page = uuidIri(randomUUID());
  const pages = pagesById((where, take) =>
    prisma.appearance.findMany({
      where: { ...where, ...(scope && { claim: scope }) },
      orderBy: { id: 'asc' },
      take,
      include: { claim: { include: { speaker: true } }, source: true },
    }),
  );
  const indent = (json: string, spaces: number) => json.replace(/\n/g, `\n${' '.repeat(spaces)}`);
  await write(
    `{\n  "@context": ${indent(JSON.stringify(ANNOTATION_CONTEXTS, null, 2), 2)},\n  "id": ${JSON.stringify(collection)},\n` +
      `  "type": "AnnotationCollection",\n  "label": "claimtrace appearances",\n`,
  );
  let count = 0;
  for await (const appearances of pages) {
    const items = appearances.map(({ claim: { speaker, ...claim }, source, ...appearance }) => {
      const json = indent(JSON.stringify(buildWebAnnotation({ appearance, claim, speaker, source }, { embedded: true }), null, 2), 6);
      const head =
        count++ === 0
          ? `  "first": {\n    "id": ${JSON.stringify(page)},\n    "type": "AnnotationPage",\n    "partOf": ${JSON.stringify(collection)},\n    "startIndex": 0,\n    "items": [\n`
          : ',\n';
      return `${head}      ${json}`;
    });
    await write(items.join(''));
  }
  await write(`${count === 0 ? '' : '\n    ]\n  },\n'}  "total": ${count}\n}\n`);
  return { counts: { appearances: count }, notes: [] };
}
