import { createGroupLoader } from '../../common/loaders';
import type { PrismaClient } from '../../generated/prisma/client';

export function createReviewLoaders(prisma: PrismaClient, signal: AbortSignal) {
  return {
    /** A claim's reviews, oldest first. */
    byClaimId: createGroupLoader(
      (ids) => prisma.review.findMany({ where: { claimId: { in: [...ids] } }, orderBy: { id: 'asc' } }),
      (review) => review.claimId,
      signal,
    ),
  };
}

export type ReviewLoaders = ReturnType<typeof createReviewLoaders>;
