import { createByIdLoader, createTableChildPageLoader } from '../../common/loaders';
import type { DbClient } from '../../db/database';
import { Prisma, type Review } from '../../generated/prisma/client';

/** The columns of a reviews row aliased `v`, named as Prisma names a Review's fields, for hand-written queries. */
export const REVIEW_COLUMNS = Prisma.raw(
  'v.id, v.claim_id AS "claimId", v.rating::text AS rating, v.rating_text AS "ratingText", v.summary, ' +
    'v.organization_name AS "organizationName", v.organization_url AS "organizationUrl", v.author_name AS "authorName", ' +
    'v.url, v.published_at AS "publishedAt", v.language, v.created_at AS "createdAt", v.updated_at AS "updatedAt"',
);

export function createReviewLoaders(prisma: DbClient, signal: AbortSignal) {
  return {
    byId: createByIdLoader((ids) => prisma.review.findMany({ where: { id: { in: [...ids] } } }), signal),
    /** Pages of a claim's reviews, oldest first. */
    pageByClaim: createTableChildPageLoader<Review>(prisma, { table: 'reviews', parentColumn: 'claim_id', alias: 'v', columns: REVIEW_COLUMNS }, signal),
  };
}

export type ReviewLoaders = ReturnType<typeof createReviewLoaders>;
