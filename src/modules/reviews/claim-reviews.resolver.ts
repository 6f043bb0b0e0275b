// The review side of a claim: its reviews, their ClaimReview JSON-LD, and the review workflow. Kept with the reviews
// module; type-graphql merges these fields into the Claim type.
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection.type';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageWindow, type PageWindow } from '../../common/pagination';
import { PERMISSIONS } from '../../auth/permissions';
import { writeOf, type Context, type Loaders } from '../../context';
import { asOfOf } from '../history/history.service';
import { ReasonArgs } from '../history/reason.args';
import { ReviewStatus } from '../../generated/prisma/enums';
import type { ClaimRecord } from '../claims/claim.service';
import { Claim } from '../claims/claim.type';
import { REVIEW_TRANSITIONS } from './review-workflow';
import { loadClaimReview } from './load-claim-review';
import { ReviewConnection } from './review.type';

const MOVES = Object.entries(REVIEW_TRANSITIONS)
  .map(([from, to]) => `${from} -> ${to.join(' or ')}`)
  .join('; ');

/** A page of the claim's reviews: as they stand, or, for a claim read as of an instant, as they stood then. */
function reviewPage(claim: ClaimRecord, window: PageWindow, loaders: Loaders) {
  const asOf = asOfOf(claim);
  return (asOf ? loaders.history.reviewPageAsOf(asOf) : loaders.reviews.pageByClaim).load({ parentId: claim.id, window });
}

@Resolver(() => Claim)
export class ClaimReviewsResolver {
  @Mutation(() => Claim, {
    description:
      `Moves the claim along the review workflow (${MOVES}); PUBLISHED needs at least one review. An illegal move is ` +
      'BAD_USER_INPUT listing the allowed ones (extensions.allowed); a concurrent change is CONFLICT.',
  })
  @Authorized(PERMISSIONS.setClaimReviewStatus)
  setClaimReviewStatus(
    @Arg('id', () => ID, { description: 'The claim to move.' }) id: string,
    @Arg('status', () => ReviewStatus, { description: 'The status to move it to.' }) status: ReviewStatus,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.reviews.setClaimStatus(id, status, writeOf(context, reason));
  }

  @FieldResolver(() => ReviewConnection, {
    description: "The claim's reviews, oldest first; of a claim read asOf an instant, its reviews as they stood then.",
  })
  async reviews(@Root() claim: ClaimRecord, @Args() page: PageArgs, @Ctx() { loaders }: Context) {
    return ReviewConnection.from(await reviewPage(claim, pageWindow(page), loaders));
  }

  @FieldResolver(() => [GraphQLJSON], {
    description:
      'The first reviews (oldest first), each as the raw schema.org ClaimReview JSON-LD document; typed: reviews { nodes { schemaOrg } }.',
  })
  async claimReviews(
    @Root() claim: ClaimRecord,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `How many, at most ${MAX_PAGE_SIZE}.` })
    first: number | null,
    @Ctx() { loaders }: Context,
  ) {
    // The same page as reviews(first) with no cursor: a query asking for both reads the reviews once.
    const { nodes } = await reviewPage(claim, pageWindow({ first }), loaders);
    const asOf = asOfOf(claim);
    return Promise.all(nodes.map((review) => loadClaimReview(review, loaders, asOf ? claim : undefined)));
  }
}
