import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection.type';
import { pageWindow } from '../../common/pagination';
import { PERMISSIONS } from '../../auth/permissions';
import { writeOf, type Context } from '../../context';
import { pageReadPlanOf, readPlanOf } from '../../graphql/read-plan';
import { ReasonArgs } from '../history/reason.args';
import { ClaimConnection } from '../claims/claim.type';
import { CreateSourceInput, UpdateSourceInput } from './source.input';
import type { SourceRecord } from './source.service';
import { Source, SourceConnection } from './source.type';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { description: 'All sources, oldest first.' })
  async sources(@Args() page: PageArgs, @Ctx() { services, loaders }: Context, @Info() info: GraphQLResolveInfo) {
    return SourceConnection.from(await services.sources.list(page, pageReadPlanOf(info, 'Source', loaders)));
  }

  @Query(() => Source, { nullable: true, description: 'The source with this id; null when there is none.' })
  source(
    @Arg('id', () => ID, { description: "The source's id." }) id: string,
    @Ctx() { services, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return services.sources.findById(id, readPlanOf(info, 'Source', loaders));
  }

  @Mutation(() => Source, { description: 'Records a new source; CONFLICT when another source has the same url.' })
  @Authorized(PERMISSIONS.createSource)
  createSource(
    @Arg('input', { description: 'The new source.' }) input: CreateSourceInput,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.sources.create(input, writeOf(context, reason));
  }

  @Mutation(() => Source, { description: 'Changes the fields given in input and returns the source as it now stands.' })
  @Authorized(PERMISSIONS.updateSource)
  updateSource(
    @Arg('id', () => ID, { description: 'The source to change.' }) id: string,
    @Arg('input', { description: 'The fields to change.' }) input: UpdateSourceInput,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.sources.update(id, input, writeOf(context, reason));
  }

  @Mutation(() => Source, { description: 'Refused with CONFLICT while claims cite the source.' })
  @Authorized(PERMISSIONS.deleteSource)
  deleteSource(
    @Arg('id', () => ID, { description: 'The source to delete.' }) id: string,
    @Args() { reason }: ReasonArgs,
    @Ctx() context: Context,
  ) {
    return context.services.sources.delete(id, writeOf(context, reason));
  }

  @FieldResolver(() => ClaimConnection, { description: 'The claims that appeared in this source, oldest first.' })
  async claims(@Root() source: SourceRecord, @Args() page: PageArgs, @Ctx() { loaders }: Context) {
    return ClaimConnection.from(await loaders.claims.pageBySource.load({ parentId: source.id, window: pageWindow(page) }));
  }
}
