import DataLoader from 'dataloader';
import { createByIdLoader, createGroupLoader, createTableChildPageLoader, type ChildTable } from '../../common/loaders';
import type { DbClient } from '../../db/database';
import type { Appearance } from '../../generated/prisma/client';
import { contextOf, type AnchorContext } from './anchoring';
import { APPEARANCE_TABLE, type SourceTextInfo } from './appearance.columns';

const appearancesBy = (parentColumn: string): ChildTable => ({
  table: 'appearances',
  parentColumn,
  alias: 'a',
  columns: APPEARANCE_TABLE.sqlColumns('a'),
});

export interface ContextKey {
  appearanceId: string;
  chars: number;
}

interface ContextRow {
  id: string;
  before: string;
  exact: string;
  after: string;
  moreBefore: boolean;
  moreAfter: boolean;
}

export function createAppearanceLoaders(prisma: DbClient, signal: AbortSignal) {
  return {
    byId: createByIdLoader((ids) => prisma.appearance.findMany({ where: { id: { in: [...ids] } } }), signal),
    pageByClaim: createTableChildPageLoader<Appearance>(prisma, appearancesBy('claim_id'), signal),
    pageBySource: createTableChildPageLoader<Appearance>(prisma, appearancesBy('source_id'), signal),
    firstByClaim: createGroupLoader(
      (claimIds) => prisma.appearance.findMany({ where: { claimId: { in: [...claimIds] }, isFirst: true } }),
      (appearance) => appearance.claimId,
      signal,
    ),
    /** A source's text but the text itself. */
    textInfoBySource: createGroupLoader<SourceTextInfo>(
      (sourceIds) => prisma.sourceText.findMany({ where: { sourceId: { in: [...sourceIds] } }, omit: { content: true } }),
      (text) => text.sourceId,
      signal,
    ),
    /** A source's text, read only for Source.content. */
    contentBySource: createGroupLoader(
      (sourceIds) => prisma.sourceText.findMany({ where: { sourceId: { in: [...sourceIds] } }, select: { sourceId: true, content: true } }),
      (text) => text.sourceId,
      signal,
    ),
    /**
     * The words around each appearance's passage (at the anchor, or at the closest match when BROKEN), cut in SQL: only
     * the slices are read, never whole texts (the content column is stored uncompressed for it).
     */
    context: new DataLoader<ContextKey, AnchorContext | null, string>(
      async (keys) => {
        signal.throwIfAborted();
        const byChars = new Map<number, string[]>();
        for (const { appearanceId, chars } of keys) byChars.set(chars, [...(byChars.get(chars) ?? []), appearanceId]);
        const found = new Map<string, AnchorContext>();
        for (const [chars, ids] of byChars) {
          const rows = await prisma.$queryRaw<ContextRow[]>`
            SELECT a.id, substring(t.content FROM greatest(p.s - ${chars}::int, 0) + 1 FOR least(${chars}::int, p.s)) AS before,
                   substring(t.content FROM p.s + 1 FOR p.e - p.s) AS exact, substring(t.content FROM p.e + 1 FOR ${chars}::int) AS after,
                   p.s > ${chars}::int AS "moreBefore", substring(t.content FROM p.e + ${chars}::int + 1 FOR 1) <> '' AS "moreAfter"
            FROM appearances a
            JOIN source_texts t ON t.source_id = a.source_id
            CROSS JOIN LATERAL (
              SELECT CASE WHEN a.verification = 'BROKEN' THEN a.closest_start ELSE a.start_offset END AS s,
                     CASE WHEN a.verification = 'BROKEN' THEN a.closest_end ELSE a.end_offset END AS e
            ) p
            WHERE a.id = ANY(${ids}::uuid[]) AND p.s IS NOT NULL AND a.verification <> 'UNVERIFIED'`;
          for (const row of rows) found.set(`${chars}|${row.id}`, contextOf(row));
        }
        return keys.map(({ appearanceId, chars }) => found.get(`${chars}|${appearanceId}`) ?? null);
      },
      { cacheKeyFn: ({ appearanceId, chars }) => `${chars}|${appearanceId}` },
    ),
  };
}

export type AppearanceLoaders = ReturnType<typeof createAppearanceLoaders>;
