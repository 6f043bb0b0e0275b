// The review side of a claim: its reviews, their ClaimReview JSON-LD, and the review workflow. Kept with the reviews
// module; type-graphql merges these fields into the Claim type.
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { ReviewStatus } from '../../generated/prisma/enums';
import type { ClaimRecord } from '../claims/claim.service';
import { Claim } from '../claims/claim.type';
import { REVIEW_TRANSITIONS } from './review-workflow';
import { loadClaimReview } from './review.resolver';
import { Review } from './review.type';

const MOVES = Object.entries(REVIEW_TRANSITIONS)
  .map(([from, to]) => `${from} -> ${to.join(' or ')}`)
  .join('; ');

@Resolver(() => Claim)
export class ClaimReviewsResolver {
  @Mutation(() => Claim, {
    description:
      `Moves the claim along the review workflow (${MOVES}); PUBLISHED needs at least one review. An illegal move is ` +
      'BAD_USER_INPUT listing the allowed ones (extensions.allowed); a concurrent change is CONFLICT.',
  })
  setClaimReviewStatus(@Arg('id', () => ID) id: string, @Arg('status', () => ReviewStatus) status: ReviewStatus, @Ctx() { services }: Context) {
    return services.reviews.setClaimStatus(id, status);
  }

  @FieldResolver(() => [Review], { description: "The claim's reviews, oldest first." })
  reviews(@Root() claim: ClaimRecord, @Ctx() { loaders }: Context) {
    return loaders.reviews.byClaimId.load(claim.id);
  }

  @FieldResolver(() => [GraphQLJSON], { description: 'Each review as schema.org ClaimReview JSON-LD.' })
  async claimReviews(@Root() claim: ClaimRecord, @Ctx() { loaders }: Context) {
    const reviews = await loaders.reviews.byClaimId.load(claim.id);
    return Promise.all(reviews.map((review) => loadClaimReview(review, loaders)));
  }
}
