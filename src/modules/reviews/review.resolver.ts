import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection.type';
import { PERMISSIONS } from '../../auth/permissions';
import { writeOf, type Context, type Loaders } from '../../context';
import { correctionsKey } from '../history/history.loaders';
import { AS_OF_DESCRIPTION } from '../history/history.service';
import { ReasonArgs } from '../history/reason.args';
import type { ClaimRecord } from '../claims/claim.service';
import { Claim } from '../claims/claim.type';
import { buildClaimReview, type JsonLd } from './claim-review';
import { CreateReviewInput, ReviewFilter, UpdateReviewInput } from './review.input';
import type { ReviewRecord } from './review.service';
import { Review, ReviewConnection } from './review.type';

/**
 * The ClaimReview JSON-LD of a review, its claim, speaker, source and corrections read through the request's loaders.
 * `claim`: the claim as already read (a claim as of an earlier instant, whose reviews are as of it too); else its
 * current row.
 */
export async function loadClaimReview(review: ReviewRecord, loaders: Loaders, claim?: ClaimRecord): Promise<JsonLd> {
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
  return buildClaimReview({ review, claim: reviewed, speaker, source, corrections });
}

@Resolver(() => Review)
export class ReviewResolver {
  @Query(() => ReviewConnection, { description: 'Reviews matching the filter, oldest first.' })
  async reviews(
    @Arg('filter', () => ReviewFilter, { nullable: true }) filter: ReviewFilter | null,
    @Args() page: PageArgs,
    @Ctx() { services }: Context,
  ) {
    return ReviewConnection.from(await services.reviews.list(filter ?? {}, page));
  }

  @Query(() => Review, { nullable: true })
  review(
    @Arg('id', () => ID) id: string,
    @Arg('asOf', () => Date, { nullable: true, description: AS_OF_DESCRIPTION }) asOf: Date | null,
    @Ctx() { services, viewer }: Context,
  ) {
    return asOf ? services.history.reviewAsOf(id, asOf, viewer) : services.reviews.findById(id);
  }

  @Mutation(() => Review, { description: 'CONFLICT when another review has the same url.' })
  @Authorized(PERMISSIONS.createReview)
  createReview(@Arg('input') input: CreateReviewInput, @Args() { reason }: ReasonArgs, @Ctx() context: Context) {
    return context.services.reviews.create(input, writeOf(context, reason));
  }

  @Mutation(() => Review)
  @Authorized(PERMISSIONS.updateReview)
  updateReview(@Arg('id', () => ID) id: string, @Arg('input') input: UpdateReviewInput, @Args() { reason }: ReasonArgs, @Ctx() context: Context) {
    return context.services.reviews.update(id, input, writeOf(context, reason));
  }

  @Mutation(() => Review, { description: 'Refused with CONFLICT for any review of a PUBLISHED claim: retract the claim first (setClaimReviewStatus, with a reason), or correct the review with updateReview.' })
  @Authorized(PERMISSIONS.deleteReview)
  deleteReview(@Arg('id', () => ID) id: string, @Args() { reason }: ReasonArgs, @Ctx() context: Context) {
    return context.services.reviews.delete(id, writeOf(context, reason));
  }

  @FieldResolver(() => Claim, { description: 'The claim reviewed.' })
  claim(@Root() review: ReviewRecord, @Ctx() { loaders }: Context) {
    return loaders.claims.byId.load(review.claimId);
  }

  @FieldResolver(() => GraphQLJSON, { description: 'The review as schema.org ClaimReview JSON-LD, ready for a <script type="application/ld+json">.' })
  claimReview(@Root() review: ReviewRecord, @Ctx() { loaders }: Context) {
    return loadClaimReview(review, loaders);
  }
}
