import { createGroupLoader } from '../../common/loaders';
import type { DbClient } from '../../db/database';

export function createReviewLoaders(prisma: DbClient) {
  return {
    /** A claim's reviews, oldest first. */
    byClaimId: createGroupLoader(
      (ids) => prisma.review.findMany({ where: { claimId: { in: [...ids] } }, orderBy: { id: 'asc' } }),
      (review) => review.claimId,
    ),
  };
}

export type ReviewLoaders = ReturnType<typeof createReviewLoaders>;
