import { createByIdLoader, createTableChildPageLoader, type ChildTable } from '../../common/loaders';
import type { DbClient } from '../../db/database';
import { Prisma, type Claim } from '../../generated/prisma/client';

/** The columns of a claims row aliased `c`, named as Prisma names a Claim's fields, for hand-written queries. */
export const CLAIM_COLUMNS = Prisma.raw(
  'c.id, c.text, c.kind::text AS kind, c.stated_at AS "statedAt", c.speaker_id AS "speakerId", c.source_id AS "sourceId", ' +
    'c.review_status::text AS "reviewStatus", c.created_at AS "createdAt", c.updated_at AS "updatedAt"',
);

const claimsOf = (parentColumn: string): ChildTable => ({ table: 'claims', parentColumn, alias: 'c', columns: CLAIM_COLUMNS });

export function createClaimLoaders(prisma: DbClient, signal: AbortSignal) {
  return {
    byId: createByIdLoader((ids) => prisma.claim.findMany({ where: { id: { in: [...ids] } } }), signal),
    pageBySpeaker: createTableChildPageLoader<Claim>(prisma, claimsOf('speaker_id'), signal),
    pageBySource: createTableChildPageLoader<Claim>(prisma, claimsOf('source_id'), signal),
  };
}

export type ClaimLoaders = ReturnType<typeof createClaimLoaders>;
