import { GraphQLJSON } from 'graphql-scalars';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection.type';
import { PERMISSIONS } from '../../auth/permissions';
import { writeOf, type Context } from '../../context';
import { pageReadPlanOf, readPlanOf } from '../../graphql/read-plan';
import { AS_OF_DESCRIPTION } from '../history/history.service';
import { ReasonArgs } from '../history/reason.args';
import { Claim } from '../claims/claim.type';
import { SchemaOrgClaimReview } from './claim-review.type';
import { loadClaimReview } from './load-claim-review';
import { CreateReviewInput, ReviewFilter, UpdateReviewInput } from './review.input';
import type { ReviewRecord } from './review.service';
import { Review, ReviewConnection } from './review.type';

@Resolver(() => Review)
export class ReviewResolver {
  @Query(() => ReviewConnection, { description: 'Reviews matching the filter, oldest first.' })
  async reviews(
    @Arg('filter', () => ReviewFilter, { nullable: true, description: 'Conditions the reviews must meet; every review when omitted.' })
    filter: ReviewFilter | null,
    @Args() page: PageArgs,
    @Ctx() { services, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ReviewConnection.from(await services.reviews.list(filter ?? {}, page, pageReadPlanOf(info, 'Review', loaders)));
  }

  @Query(() => Review, {
    nullable: true,
    description: 'The review with this id (as it stood at asOf, when given); null when there is none.',
  })
  review(
    @Arg('id', () => ID, { description: "The review's id." }) id: string,
    @Arg('asOf', () => Date, { nullable: true, description: AS_OF_DESCRIPTION }) asOf: Date | null,
    @Ctx() { services, viewer, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return asOf ? services.history.reviewAsOf(id, asOf, viewer) : services.reviews.findById(id, readPlanOf(info, 'Review', loaders));
  }

  @Mutation(() => Review, { description: 'Records a review of a claim; CONFLICT when another review has the same url.' })
  @Authorized(PERMISSIONS.createReview)
  createReview(
    @Arg('input', { description: 'The new review.' }) input: CreateReviewInput,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.reviews.create(input, writeOf(context, reason));
  }

  @Mutation(() => Review, {
    description:
      "Changes the fields given in input and returns the review as it now stands; a change to a PUBLISHED claim's review is recorded as a correction.",
  })
  @Authorized(PERMISSIONS.updateReview)
  updateReview(
    @Arg('id', () => ID, { description: 'The review to change.' }) id: string,
    @Arg('input', { description: 'The fields to change.' }) input: UpdateReviewInput,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.reviews.update(id, input, writeOf(context, reason));
  }

  @Mutation(() => Review, {
    description:
      'Refused with CONFLICT for any review of a PUBLISHED claim: retract the claim first (setClaimReviewStatus, with a reason), or correct the review with updateReview.',
  })
  @Authorized(PERMISSIONS.deleteReview)
  deleteReview(
    @Arg('id', () => ID, { description: 'The review to delete.' }) id: string,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.reviews.delete(id, writeOf(context, reason));
  }

  @FieldResolver(() => Claim, { description: 'The claim reviewed.' })
  claim(@Root() review: ReviewRecord, @Ctx() { loaders }: Context) {
    return loaders.claims.byId.load(review.claimId);
  }

  @FieldResolver(() => GraphQLJSON, {
    description:
      'The review as the raw schema.org ClaimReview JSON-LD document, ready for a <script type="application/ld+json">, for ' +
      'clients that want it as is. The same document, typed: schemaOrg.',
  })
  claimReview(@Root() review: ReviewRecord, @Ctx() { loaders }: Context) {
    return loadClaimReview(review, loaders);
  }

  @FieldResolver(() => SchemaOrgClaimReview, {
    description: 'The review as schema.org ClaimReview, typed: the same document as claimReview.',
  })
  schemaOrg(@Root() review: ReviewRecord, @Ctx() { loaders }: Context) {
    return loadClaimReview(review, loaders);
  }
}
