import { createByIdLoader, createTableChildPageLoader, type ChildTable } from '../../common/loaders';
import type { DbClient } from '../../db/database';
import { Prisma, type Rebuttal } from '../../generated/prisma/client';

/** The columns of a rebuttals row aliased `r`, named as Prisma names a Rebuttal's fields, for hand-written queries. */
export const REBUTTAL_COLUMNS = Prisma.raw(
  'r.id, r.claim_id AS "claimId", r.counterclaim_id AS "counterclaimId", r.stance::text AS stance, r.rationale, ' +
    'r.created_at AS "createdAt", r.updated_at AS "updatedAt"',
);

const rebuttalsBy = (parentColumn: string): ChildTable => ({ table: 'rebuttals', parentColumn, alias: 'r', columns: REBUTTAL_COLUMNS });

export function createRebuttalLoaders(prisma: DbClient, signal: AbortSignal) {
  return {
    byId: createByIdLoader((ids) => prisma.rebuttal.findMany({ where: { id: { in: [...ids] } } }), signal),
    /** Pages of the rebuttals against a claim (the claim is their target), oldest first. */
    pageByClaim: createTableChildPageLoader<Rebuttal>(prisma, rebuttalsBy('claim_id'), signal),
    /** Pages of the rebuttals a claim makes (the claim is their counterclaim), oldest first. */
    pageByCounterclaim: createTableChildPageLoader<Rebuttal>(prisma, rebuttalsBy('counterclaim_id'), signal),
  };
}

export type RebuttalLoaders = ReturnType<typeof createRebuttalLoaders>;
