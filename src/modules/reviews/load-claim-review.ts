import type { Loaders } from '../../context';
import type { ClaimRecord } from '../claims/claim.service';
import { correctionsKey } from '../history/history.loaders';
import { buildClaimReview } from './claim-review';
import type { SchemaOrgClaimReview } from './claim-review.type';
import type { ReviewRecord } from './review.service';

/**
 * The ClaimReview JSON-LD of a review, its claim, speaker (and its organization), source and corrections read through
 * the request's loaders.
 * `claim`: the claim as already read (a claim as of an earlier instant, whose reviews are as of it too); else its
 * current row.
 */
export async function loadClaimReview(review: ReviewRecord, loaders: Loaders, claim?: ClaimRecord): Promise<SchemaOrgClaimReview> {
  const [reviewed, corrections] = await Promise.all([
    claim ?? loaders.claims.byId.load(review.claimId),
    loaders.history.corrections.load(correctionsKey(review)),
  ]);
  if (!reviewed) throw new Error(`Review ${review.id} names claim ${review.claimId}, which does not exist`);
  const [speaker, source] = await Promise.all([
    loaders.speakers.byId.load(reviewed.speakerId),
    reviewed.sourceId ? loaders.sources.byId.load(reviewed.sourceId) : null,
  ]);
  if (!speaker) throw new Error(`Claim ${reviewed.id} names speaker ${reviewed.speakerId}, which does not exist`);
  const organization = speaker.organizationId === null ? null : await loaders.speakers.byId.load(speaker.organizationId);
  return buildClaimReview({ review, claim: reviewed, speaker, organization, source, corrections });
}
