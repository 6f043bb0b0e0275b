// The review workflow of a claim, as one table: from each status, the statuses a claim may move to. Forward moves
// follow the desk's work; the backward ones reopen a claim (REVIEWED -> IN_REVIEW), drop it from the queue
// (IN_REVIEW -> UNREVIEWED) or retract a published verdict to correct it (PUBLISHED -> IN_REVIEW). A published claim
// never goes straight back to UNREVIEWED: a retraction is itself work in review.
import { ReviewStatus } from '../../generated/prisma/enums';

export const REVIEW_TRANSITIONS: Readonly<Record<ReviewStatus, readonly ReviewStatus[]>> = {
  UNREVIEWED: [ReviewStatus.IN_REVIEW],
  IN_REVIEW: [ReviewStatus.REVIEWED, ReviewStatus.UNREVIEWED],
  REVIEWED: [ReviewStatus.PUBLISHED, ReviewStatus.IN_REVIEW],
  PUBLISHED: [ReviewStatus.IN_REVIEW],
};

/** Statuses that only a claim with at least one review may enter: a published verdict must say what it is. */
export const NEEDS_A_REVIEW: ReadonlySet<ReviewStatus> = new Set([ReviewStatus.PUBLISHED]);

export function allowedTransitions(from: ReviewStatus): readonly ReviewStatus[] {
  return REVIEW_TRANSITIONS[from];
}

export function canTransition(from: ReviewStatus, to: ReviewStatus): boolean {
  return REVIEW_TRANSITIONS[from].includes(to);
}
