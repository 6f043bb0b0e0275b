import { ReviewStatus } from '../../../generated/prisma/enums';
import { allowedTransitions, canTransition, NEEDS_A_REVIEW, REVIEW_TRANSITIONS } from '../review-workflow';

const { UNREVIEWED, IN_REVIEW, REVIEWED, PUBLISHED } = ReviewStatus;

describe('review workflow', () => {
  it('lists the legal moves from every status', () => {
    expect(REVIEW_TRANSITIONS).toEqual({
      UNREVIEWED: [IN_REVIEW],
      IN_REVIEW: [REVIEWED, UNREVIEWED],
      REVIEWED: [PUBLISHED, IN_REVIEW],
      PUBLISHED: [IN_REVIEW],
    });
  });

  it.each([
    [UNREVIEWED, IN_REVIEW, true],
    [IN_REVIEW, REVIEWED, true],
    [REVIEWED, PUBLISHED, true],
    [REVIEWED, IN_REVIEW, true],
    [PUBLISHED, IN_REVIEW, true],
    [IN_REVIEW, UNREVIEWED, true],
    [UNREVIEWED, REVIEWED, false],
    [UNREVIEWED, PUBLISHED, false],
    [IN_REVIEW, PUBLISHED, false],
    [PUBLISHED, UNREVIEWED, false],
    [PUBLISHED, REVIEWED, false],
    [REVIEWED, REVIEWED, false],
  ])('%s -> %s: %s', (from, to, legal) => {
    expect(canTransition(from, to)).toBe(legal);
  });

  it('reaches every status from UNREVIEWED, and can always get back to IN_REVIEW', () => {
    const reached = new Set<ReviewStatus>([UNREVIEWED]);
    for (const from of reached) for (const to of allowedTransitions(from)) reached.add(to);
    expect([...reached].sort()).toEqual(Object.values(ReviewStatus).sort());
    for (const status of [REVIEWED, PUBLISHED]) expect(allowedTransitions(status)).toContain(IN_REVIEW);
  });

  it('asks for a review before publishing only', () => {
    expect([...NEEDS_A_REVIEW]).toEqual([PUBLISHED]);
  });
});
