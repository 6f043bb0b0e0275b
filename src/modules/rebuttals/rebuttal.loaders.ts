import { createGroupLoader } from '../../common/loaders';
import type { PrismaClient } from '../../generated/prisma/client';

export function createRebuttalLoaders(prisma: PrismaClient, signal: AbortSignal) {
  return {
    /** Rebuttals against a claim (the claim is their target). */
    byClaimId: createGroupLoader(
      (ids) => prisma.rebuttal.findMany({ where: { claimId: { in: [...ids] } }, orderBy: { id: 'asc' } }),
      (rebuttal) => rebuttal.claimId,
      signal,
    ),
    /** Rebuttals a claim makes (the claim is their counterclaim). */
    byCounterclaimId: createGroupLoader(
      (ids) => prisma.rebuttal.findMany({ where: { counterclaimId: { in: [...ids] } }, orderBy: { id: 'asc' } }),
      (rebuttal) => rebuttal.counterclaimId,
      signal,
    ),
  };
}

export type RebuttalLoaders = ReturnType<typeof createRebuttalLoaders>;
