import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PERMISSIONS } from '../../auth/permissions';
import { writeOf, type Context } from '../../context';
import { ReasonArgs } from '../history/reason.args';
import { Claim } from '../claims/claim.type';
import { CreateRebuttalInput, UpdateRebuttalInput } from './rebuttal.input';
import type { RebuttalRecord } from './rebuttal.service';
import { Rebuttal } from './rebuttal.type';

@Resolver(() => Rebuttal)
export class RebuttalResolver {
  @Query(() => Rebuttal, { nullable: true, description: 'The rebuttal with this id; null when there is none.' })
  rebuttal(@Arg('id', () => ID, { description: "The rebuttal's id." }) id: string, @Ctx() { services }: Context) {
    return services.rebuttals.findById(id);
  }

  @Mutation(() => Rebuttal, { description: 'Records that `counterclaimId` counters `claimId`; CONFLICT if that pair exists.' })
  @Authorized(PERMISSIONS.createRebuttal)
  createRebuttal(
    @Arg('input', { description: 'The new rebuttal.' }) input: CreateRebuttalInput,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.rebuttals.create(input, writeOf(context, reason));
  }

  @Mutation(() => Rebuttal, { description: 'Changes the stance or rationale and returns the rebuttal as it now stands.' })
  @Authorized(PERMISSIONS.updateRebuttal)
  updateRebuttal(
    @Arg('id', () => ID, { description: 'The rebuttal to change.' }) id: string,
    @Arg('input', { description: 'The fields to change.' }) input: UpdateRebuttalInput,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.rebuttals.update(id, input, writeOf(context, reason));
  }

  @Mutation(() => Rebuttal, { description: 'Deletes the rebuttal (the two claims stay) and returns it as it was.' })
  @Authorized(PERMISSIONS.deleteRebuttal)
  deleteRebuttal(
    @Arg('id', () => ID, { description: 'The rebuttal to delete.' }) id: string,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.rebuttals.delete(id, writeOf(context, reason));
  }

  @FieldResolver(() => Claim, { description: 'The claim being countered.' })
  claim(@Root() rebuttal: RebuttalRecord, @Ctx() { loaders }: Context) {
    return rebuttal.claim ?? loaders.claims.byId.load(rebuttal.claimId);
  }

  @FieldResolver(() => Claim, { description: 'The claim that counters it.' })
  counterclaim(@Root() rebuttal: RebuttalRecord, @Ctx() { loaders }: Context) {
    return rebuttal.counterclaim ?? loaders.claims.byId.load(rebuttal.counterclaimId);
  }
}
