import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
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
  createRebuttal(@Arg('input') input: CreateRebuttalInput, @Ctx() { services }: Context) {
    return services.rebuttals.create(input);
  }

  @Mutation(() => Rebuttal)
  updateRebuttal(@Arg('id', () => ID) id: string, @Arg('input') input: UpdateRebuttalInput, @Ctx() { services }: Context) {
    return services.rebuttals.update(id, input);
  }

  @Mutation(() => Rebuttal)
  deleteRebuttal(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return services.rebuttals.delete(id);
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
