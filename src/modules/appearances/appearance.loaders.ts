import DataLoader from 'dataloader';
import { createByIdLoader, createGroupLoader, createTableChildPageLoader, type ChildTable } from '../../common/loaders';
import type { DbClient } from '../../db/database';
import type { Appearance } from '../../generated/prisma/client';
import { Prisma } from '../../generated/prisma/client';
import { contextOf, type AnchorContext, type ContextSlices } from './anchoring';
import { contextJsonSql } from './appearance.relations';
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
  context: ContextSlices | null;
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
          const rows = await prisma.$queryRaw<(ContextRow & { id: string })[]>`
            SELECT appearances.id, (${Prisma.raw(contextJsonSql('appearances', chars))}) AS context
            FROM appearances WHERE appearances.id = ANY(${ids}::uuid[])`;
          for (const row of rows) if (row.context) found.set(`${chars}|${row.id}`, contextOf(row.context));
        }
        return keys.map(({ appearanceId, chars }) => found.get(`${chars}|${appearanceId}`) ?? null);
      },
      { cacheKeyFn: ({ appearanceId, chars }) => `${chars}|${appearanceId}` },
    ),
  };
}

export type AppearanceLoaders = ReturnType<typeof createAppearanceLoaders>;
