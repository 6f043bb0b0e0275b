import { createByIdLoader, createChildPageLoader, createCountLoader } from '../../common/loaders';
import type { PageWindow } from '../../common/pagination';
import { Prisma, type Claim, type PrismaClient } from '../../generated/prisma/client';

type ClaimParent = 'speaker' | 'source';

const PARENT_COLUMN: Record<ClaimParent, Prisma.Sql> = {
  speaker: Prisma.raw('speaker_id'),
  source: Prisma.raw('source_id'),
};

/** The columns of a claims row aliased `c`, named as Prisma names a Claim's fields, for hand-written queries. */
export const CLAIM_COLUMNS = Prisma.raw(
  'c.id, c.text, c.kind::text AS kind, c.stated_at AS "statedAt", c.speaker_id AS "speakerId", c.source_id AS "sourceId", ' +
    'c.review_status::text AS "reviewStatus", c.created_at AS "createdAt", c.updated_at AS "updatedAt"',
);

/**
 * One page of claims for each parent in one statement: a LATERAL subquery per parent walks the (parent, id) index,
 * so a speaker with a million claims costs no more than one with five.
 */
function fetchClaimWindows(prisma: PrismaClient, parent: ClaimParent) {
  const column = PARENT_COLUMN[parent];
  return (parentIds: string[], window: PageWindow) =>
    prisma.$queryRaw<(Claim & { parentId: string })[]>`
      SELECT p.parent_id AS "parentId", ${CLAIM_COLUMNS}
      FROM unnest(${parentIds}::uuid[]) AS p(parent_id)
      CROSS JOIN LATERAL (
        SELECT * FROM claims
        WHERE ${column} = p.parent_id AND (${window.afterId ?? null}::uuid IS NULL OR id > ${window.afterId ?? null}::uuid)
        ORDER BY id
        LIMIT ${window.take}
      ) c
      ORDER BY p.parent_id, c.id`;
}

function countClaimsBy(prisma: PrismaClient, parent: ClaimParent) {
  return async (ids: readonly string[]) => {
    const field = parent === 'speaker' ? 'speakerId' : 'sourceId';
    const rows = await prisma.claim.groupBy({ by: [field], where: { [field]: { in: [...ids] } }, _count: { _all: true } });
    return new Map(rows.map((row) => [row[field] as string, row._count._all]));
  };
}

export function createClaimLoaders(prisma: PrismaClient, signal: AbortSignal) {
  const countBySpeaker = createCountLoader(countClaimsBy(prisma, 'speaker'), signal);
  const countBySource = createCountLoader(countClaimsBy(prisma, 'source'), signal);
  return {
    byId: createByIdLoader((ids) => prisma.claim.findMany({ where: { id: { in: [...ids] } } }), signal),
    pageBySpeaker: createChildPageLoader<Claim>(fetchClaimWindows(prisma, 'speaker'), countBySpeaker, signal),
    pageBySource: createChildPageLoader<Claim>(fetchClaimWindows(prisma, 'source'), countBySource, signal),
  };
}

export type ClaimLoaders = ReturnType<typeof createClaimLoaders>;
