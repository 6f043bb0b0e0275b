// The request's history loaders: each entity's own history, a review's corrections, and a claim's reviews as of an
// instant, each one statement per batch.
import type DataLoader from 'dataloader';
import { createChildPageLoader, createCountLoader, createGroupLoader, type ChildPageKey } from '../../common/loaders';
import type { Page, PageWindow } from '../../common/pagination';
import type { DbClient } from '../../db/database';
import { keyWindowSql } from '../../db/key-window-sql';
import { Prisma, type Review } from '../../generated/prisma/client';
import type { HistoryEntityType } from '../../generated/prisma/enums';
import { REVIEW_TABLE } from '../reviews/review.columns';
import {
  historyColumns,
  historyCursorOf,
  toHistoryEntry,
  visibleHistory,
  type HistoryEntryRecord,
  type HistoryEntryRow,
} from './history.sql';

/** The key of a review's corrections: the review and its claim (whose retractions and changes are corrections too). */
export const correctionsKey = (review: { id: string; claimId: string }): string => `${review.id}|${review.claimId}`;

export function createHistoryLoaders(prisma: DbClient, signal: AbortSignal) {
  const entityPages = new Map<string, DataLoader<ChildPageKey, Page<HistoryEntryRecord>, string>>();
  const reviewPagesAsOf = new Map<number, DataLoader<ChildPageKey, Page<Review>, string>>();

  /**
   * Pages of entities' own entries, newest first, for many entities in one statement: a LATERAL subquery per entity
   * walks the (entity type, entity id, id) index backwards.
   */
  function entityPageLoader(entityType: HistoryEntityType, seesUnpublished: boolean) {
    const ofEntity = Prisma.sql`h.entity_type = ${entityType}::history_entity_type AND ${visibleHistory(seesUnpublished)}`;
    const fetchWindow = async (entityIds: string[], window: PageWindow) => {
      const { cursor, order } = keyWindowSql(Prisma.sql`h.id`, 'bigint', window, true);
      const rows = await prisma.$queryRaw<(HistoryEntryRow & { parentId: string })[]>`
        SELECT p.parent_id AS "parentId", ${historyColumns(seesUnpublished)}
        FROM unnest(${entityIds}::uuid[]) AS p(parent_id)
        CROSS JOIN LATERAL (
          SELECT * FROM history_entries h
          WHERE h.entity_id = p.parent_id AND ${ofEntity} AND ${cursor}
          ORDER BY h.id ${order}
          LIMIT ${window.take}
        ) h
        ORDER BY p.parent_id, h.id ${order}`;
      return rows.map((row) => ({ ...toHistoryEntry(row), parentId: row.parentId }));
    };
    const counts = createCountLoader(async (entityIds) => {
      const rows = await prisma.$queryRaw<{ parentId: string; count: number }[]>`
        SELECT h.entity_id AS "parentId", count(*)::int AS count FROM history_entries h
        WHERE h.entity_id = ANY(${[...entityIds]}::uuid[]) AND ${ofEntity} GROUP BY h.entity_id`;
      return new Map(rows.map((row) => [row.parentId, row.count]));
    }, signal);
    return createChildPageLoader<HistoryEntryRecord>(fetchWindow, counts, signal, historyCursorOf);
  }

  /** The latest state at or before `asOf` of each review of the claim `p.parent_id`, deleted ones left out. */
  const reviewsAsOf = (asOf: Date) => Prisma.sql`
    SELECT v.* FROM (
      SELECT DISTINCT ON (e.entity_id) e.action, e.state FROM history_entries e
      WHERE e.entity_type = 'REVIEW' AND e.claim_id = p.parent_id AND e.recorded_at <= ${asOf}::timestamptz
      ORDER BY e.entity_id, e.recorded_at DESC, e.id DESC
    ) h
    CROSS JOIN LATERAL jsonb_populate_record(NULL::reviews, h.state) v
    WHERE h.action <> 'DELETE'`;

  function reviewPageAsOfLoader(asOf: Date) {
    const fetchWindow = (claimIds: string[], window: PageWindow) => {
      const { cursor, order } = keyWindowSql(Prisma.sql`reviews.id`, 'uuid', window);
      return prisma.$queryRaw<(Review & { parentId: string })[]>`
        SELECT p.parent_id AS "parentId", ${REVIEW_TABLE.sqlColumns('v')}
        FROM unnest(${claimIds}::uuid[]) AS p(parent_id)
        CROSS JOIN LATERAL (
          SELECT * FROM (${reviewsAsOf(asOf)}) reviews
          WHERE ${cursor}
          ORDER BY reviews.id ${order}
          LIMIT ${window.take}
        ) v
        ORDER BY p.parent_id, v.id ${order}`;
    };
    const counts = createCountLoader(async (claimIds) => {
      const rows = await prisma.$queryRaw<{ parentId: string; count: number }[]>`
        SELECT p.parent_id AS "parentId", (SELECT count(*)::int FROM (${reviewsAsOf(asOf)}) reviews) AS count
        FROM unnest(${[...claimIds]}::uuid[]) AS p(parent_id)`;
      return new Map(rows.map((row) => [row.parentId, row.count]));
    }, signal);
    return createChildPageLoader<Review>(fetchWindow, counts, signal);
  }

  return {
    /** Pages of the history of entities of one type, as far as the viewer may see it (see visibleHistory). */
    pageOf(entityType: HistoryEntityType, seesUnpublished: boolean) {
      const key = `${entityType}:${seesUnpublished}`;
      let loader = entityPages.get(key);
      if (!loader) entityPages.set(key, (loader = entityPageLoader(entityType, seesUnpublished)));
      return loader;
    },
    /**
     * A review's corrections, oldest first, by correctionsKey: its own entries marked as corrections, and its claim's
     * (retractions, changes of the published claim). Public, as corrections are notices to the public of a change to
     * what it was shown; their values are those of a published verdict.
     */
    corrections: createGroupLoader(
      async (keys) => {
        const pairs = keys.map((key) => key.split('|'));
        const rows = await prisma.$queryRaw<(HistoryEntryRow & { key: string })[]>`
          SELECT k.review_id || '|' || k.claim_id AS key, ${historyColumns(false)}
          FROM unnest(${pairs.map(([reviewId]) => reviewId!)}::uuid[], ${pairs.map(([, claimId]) => claimId!)}::uuid[]) AS k(review_id, claim_id)
          JOIN history_entries h ON h.is_correction
            AND ((h.entity_type = 'REVIEW' AND h.entity_id = k.review_id) OR (h.entity_type = 'CLAIM' AND h.entity_id = k.claim_id))
          ORDER BY k.review_id, h.id`;
        return rows.map((row) => ({ ...toHistoryEntry(row), key: row.key }));
      },
      (row) => row.key,
      signal,
    ),
    /** Pages of claims' reviews as they stood at `asOf`, oldest first (by id). */
    reviewPageAsOf(asOf: Date) {
      let loader = reviewPagesAsOf.get(asOf.getTime());
      if (!loader) reviewPagesAsOf.set(asOf.getTime(), (loader = reviewPageAsOfLoader(asOf)));
      return loader;
    },
  };
}

export type HistoryLoaders = ReturnType<typeof createHistoryLoaders>;
