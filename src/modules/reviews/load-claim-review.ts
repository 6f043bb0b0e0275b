import type { Loaders } from '../../context';
import type { ClaimRecord } from '../claims/claim.service';
import { correctionsKey } from '../history/history.loaders';
import { buildClaimReview } from './claim-review';
import type { SchemaOrgClaimReview } from './claim-review.type';
import type { ReviewRecord } from './review.service';

/**
 * The ClaimReview JSON-LD of a review, its claim, speaker (and its organization), appearances with their sources, and
 * corrections read through the request's loaders (a page of reviews reads each of them once, whatever its size).
 * `claim`: the claim as already read (a claim as of an earlier instant, whose reviews are as of it too; appearances have
 * no history read here, so its source as of then stands for where it appeared); else its current row.
 */
export async function loadClaimReview(review: ReviewRecord, loaders: Loaders, claim?: ClaimRecord): Promise<SchemaOrgClaimReview> {
  const [reviewed, corrections] = await Promise.all([
    claim ?? loaders.claims.byId.load(review.claimId),
    loaders.history.corrections.load(correctionsKey(review)),
  ]);
  if (!reviewed) throw new Error(`Review ${review.id} names claim ${review.claimId}, which does not exist`);
  // Two rounds, each one statement per loader for a whole page of reviews: the speaker and the appearances, then the
  // speaker's organization and every source (the claim's and its appearances') in one batch.
  const [speaker, appearances] = await Promise.all([
    loaders.speakers.byId.load(reviewed.speakerId),
    claim ? [] : loaders.reviews.appearancesByClaim.load(reviewed.id),
  ]);
  if (!speaker) throw new Error(`Claim ${reviewed.id} names speaker ${reviewed.speakerId}, which does not exist`);
  const [organization, source, ...sources] = await Promise.all([
    speaker.organizationId === null ? null : loaders.speakers.byId.load(speaker.organizationId),
    reviewed.sourceId ? loaders.sources.byId.load(reviewed.sourceId) : null,
    ...appearances.map((appearance) => loaders.sources.byId.load(appearance.sourceId)),
  ]);
  const appearing = appearances.map((appearance, index) => {
    const appearsIn = sources[index];
    if (!appearsIn) throw new Error(`Appearance ${appearance.id} names source ${appearance.sourceId}, which does not exist`);
    return { appearance, source: appearsIn };
  });
  return buildClaimReview({ review, claim: reviewed, speaker, organization, source, appearances: appearing, corrections });
}
