import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection.type';
import { pageWindow } from '../../common/pagination';
import { PERMISSIONS } from '../../auth/permissions';
import { writeOf, type Context } from '../../context';
import { pageReadPlanOf, readPlanOf } from '../../graphql/read-plan';
import { AS_OF_DESCRIPTION } from '../history/history.service';
import { ReasonArgs } from '../history/reason.args';
import { RebuttalConnection } from '../rebuttals/rebuttal.type';
import { Source } from '../sources/source.type';
import { Speaker } from '../speakers/speaker.type';
import { ClaimFilter, CreateClaimInput, UpdateClaimInput } from './claim.input';
import type { ClaimRecord } from './claim.service';
import { Claim, ClaimConnection } from './claim.type';

@Resolver(() => Claim)
export class ClaimResolver {
  @Query(() => ClaimConnection, { description: 'Claims matching the filter, oldest first.' })
  async claims(
    @Arg('filter', () => ClaimFilter, { nullable: true, description: 'Conditions the claims must meet; every claim when omitted.' })
    filter: ClaimFilter | null,
    @Args() page: PageArgs,
    @Ctx() { services, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ClaimConnection.from(await services.claims.list(filter ?? {}, page, pageReadPlanOf(info, 'Claim', loaders)));
  }

  @Query(() => Claim, { nullable: true, description: 'The claim with this id (as it stood at asOf, when given); null when there is none.' })
  claim(
    @Arg('id', () => ID, { description: "The claim's id." }) id: string,
    @Arg('asOf', () => Date, { nullable: true, description: AS_OF_DESCRIPTION }) asOf: Date | null,
    @Ctx() { services, viewer, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return asOf ? services.history.claimAsOf(id, asOf, viewer) : services.claims.findById(id, readPlanOf(info, 'Claim', loaders));
  }

  @Mutation(() => Claim, { description: 'Creates the claim, and the rebuttals it makes when `rebuts` is given, in one transaction.' })
  @Authorized(PERMISSIONS.createClaim)
  createClaim(
    @Arg('input', { description: 'The new claim.' }) input: CreateClaimInput,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.claims.create(input, writeOf(context, reason));
  }

  @Mutation(() => Claim, { description: 'Changes the fields given in input and returns the claim as it now stands.' })
  @Authorized(PERMISSIONS.updateClaim)
  updateClaim(
    @Arg('id', () => ID, { description: 'The claim to change.' }) id: string,
    @Arg('input', { description: 'The fields to change.' }) input: UpdateClaimInput,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.claims.update(id, input, writeOf(context, reason));
  }

  @Mutation(() => Claim, { description: 'Deletes the claim and every rebuttal edge it stands on.' })
  @Authorized(PERMISSIONS.deleteClaim)
  deleteClaim(
    @Arg('id', () => ID, { description: 'The claim to delete.' }) id: string,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.claims.delete(id, writeOf(context, reason));
  }

  @FieldResolver(() => Speaker, { description: 'Who asserted it.' })
  speaker(@Root() claim: ClaimRecord, @Ctx() { loaders }: Context) {
    return loaders.speakers.byId.load(claim.speakerId);
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Where it was reported; null when no source is recorded.' })
  source(@Root() claim: ClaimRecord, @Ctx() { loaders }: Context) {
    return claim.sourceId ? loaders.sources.byId.load(claim.sourceId) : null;
  }

  @FieldResolver(() => RebuttalConnection, { description: 'Rebuttals against this claim, each with its counterclaim, oldest first.' })
  async rebuttals(@Root() claim: ClaimRecord, @Args() page: PageArgs, @Ctx() { loaders }: Context) {
    return RebuttalConnection.from(await loaders.rebuttals.pageByClaim.load({ parentId: claim.id, window: pageWindow(page) }));
  }

  @FieldResolver(() => RebuttalConnection, { description: 'Rebuttals this claim makes against other claims, oldest first.' })
  async rebuts(@Root() claim: ClaimRecord, @Args() page: PageArgs, @Ctx() { loaders }: Context) {
    return RebuttalConnection.from(await loaders.rebuttals.pageByCounterclaim.load({ parentId: claim.id, window: pageWindow(page) }));
  }
}
