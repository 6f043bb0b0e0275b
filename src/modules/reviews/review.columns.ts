import { tableColumns } from '../../db/table-columns';
import type { Review } from '../../generated/prisma/client';

export const REVIEW_TABLE = tableColumns<Review>()(
  'reviews',
  {
    id: 'id',
    claimId: 'claim_id',
    rating: 'rating',
    ratingText: 'rating_text',
    summary: 'summary',
    organizationName: 'organization_name',
    organizationUrl: 'organization_url',
    authorName: 'author_name',
    url: 'url',
    publishedAt: 'published_at',
    language: 'language',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
  },
  ['publishedAt', 'createdAt', 'updatedAt'],
);
