import { createGroupLoader } from '../../common/loaders';
import type { DbClient } from '../../db/database';

export function createRebuttalLoaders(prisma: DbClient) {
  return {
    /** Rebuttals against a claim (the claim is their target). */
    byClaimId: createGroupLoader(
      (ids) => prisma.rebuttal.findMany({ where: { claimId: { in: [...ids] } }, orderBy: { id: 'asc' } }),
      (rebuttal) => rebuttal.claimId,
    ),
    /** Rebuttals a claim makes (the claim is their counterclaim). */
    byCounterclaimId: createGroupLoader(
      (ids) => prisma.rebuttal.findMany({ where: { counterclaimId: { in: [...ids] } }, orderBy: { id: 'asc' } }),
      (rebuttal) => rebuttal.counterclaimId,
    ),
  };
}

export type RebuttalLoaders = ReturnType<typeof createRebuttalLoaders>;
