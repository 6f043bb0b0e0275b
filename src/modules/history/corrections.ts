// A change to what the public has seen (a review of a PUBLISHED claim, the claim's own text, a retraction) is a
// correction: the IFCN and EFCSN codes ask that it be made openly, with its reason. It needs the publishing role and a
// reason, and its history entries are marked as a correction: Review.corrections lists them, and ClaimReview carries
// them as schema.org `correction`.
import { PUBLISH_ROLE, requireRole } from '../../auth/permissions';
import type { DbClient } from '../../db/database';
import { InvalidInput } from '../../errors/domain-errors';
import type { ReviewStatus } from '../../generated/prisma/enums';
import { markCorrection, type WriteContext } from './recorded-transaction';

/** The claim's review status, its row locked until the transaction ends (so no publish or retraction runs beside). */
export async function lockClaimStatus(tx: DbClient, claimId: string): Promise<ReviewStatus | undefined> {
  const [claim] = await tx.$queryRaw<{ reviewStatus: ReviewStatus }[]>`
    SELECT review_status::text AS "reviewStatus" FROM claims WHERE id = ${claimId}::uuid FOR UPDATE`;
  return claim?.reviewStatus;
}

/** Checks the writer may correct a published verdict and gave a reason, and marks the transaction's writes as one. */
export async function beginCorrection(tx: DbClient, write: WriteContext, action: string): Promise<void> {
  requireRole({ role: write.role }, PUBLISH_ROLE, action);
  if (!write.reason?.trim()) {
    throw new InvalidInput(`To ${action} is a correction of a published verdict: give its reason (the reason argument)`, {
      field: 'reason',
    });
  }
  await markCorrection(tx);
}
