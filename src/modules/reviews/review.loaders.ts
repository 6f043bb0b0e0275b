import { createByIdLoader, createGroupLoader, createTableChildPageLoader } from '../../common/loaders';
import type { DbClient } from '../../db/database';
import type { Review } from '../../generated/prisma/client';
import { REVIEW_TABLE } from './review.columns';

export function createReviewLoaders(prisma: DbClient, signal: AbortSignal) {
  return {
    byId: createByIdLoader((ids) => prisma.review.findMany({ where: { id: { in: [...ids] } } }), signal),
    /** Every appearance of a claim, the first first, then in id order: the appearance list of its ClaimReview. */
    appearancesByClaim: createGroupLoader(
      (claimIds) =>
        prisma.appearance.findMany({ where: { claimId: { in: [...claimIds] } }, orderBy: [{ isFirst: 'desc' }, { id: 'asc' }] }),
      (appearance) => appearance.claimId,
      signal,
    ),
    /** Pages of a claim's reviews, oldest first. */
    pageByClaim: createTableChildPageLoader<Review>(
      prisma,
      { table: 'reviews', parentColumn: 'claim_id', alias: 'v', columns: REVIEW_TABLE.sqlColumns('v') },
      signal,
    ),
  };
}

export type ReviewLoaders = ReturnType<typeof createReviewLoaders>;
