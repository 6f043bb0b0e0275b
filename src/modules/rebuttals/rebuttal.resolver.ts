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
  @Query(() => Rebuttal, { nullable: true })
  rebuttal(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return services.rebuttals.findById(id);
  }

  @Mutation(() => Rebuttal, { description: 'Records that `counterclaimId` counters `claimId`; CONFLICT if that pair exists.' })
  @Authorized(PERMISSIONS.createRebuttal)
  createRebuttal(@Arg('input') input: CreateRebuttalInput, @Args() { reason }: ReasonArgs, @Ctx() context: Context) {
    return context.services.rebuttals.create(input, writeOf(context, reason));
  }

  @Mutation(() => Rebuttal)
  @Authorized(PERMISSIONS.updateRebuttal)
  updateRebuttal(@Arg('id', () => ID) id: string, @Arg('input') input: UpdateRebuttalInput, @Args() { reason }: ReasonArgs, @Ctx() context: Context) {
    return context.services.rebuttals.update(id, input, writeOf(context, reason));
  }

  @Mutation(() => Rebuttal)
  @Authorized(PERMISSIONS.deleteRebuttal)
  deleteRebuttal(@Arg('id', () => ID) id: string, @Args() { reason }: ReasonArgs, @Ctx() context: Context) {
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
