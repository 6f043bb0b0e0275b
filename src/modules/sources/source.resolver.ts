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

  @Query(() => Source, { nullable: true })
  source(@Arg('id', () => ID) id: string, @Ctx() { services, loaders }: Context, @Info() info: GraphQLResolveInfo) {
    return services.sources.findById(id, readPlanOf(info, 'Source', loaders));
  }

  @Mutation(() => Source)
  @Authorized(PERMISSIONS.createSource)
  createSource(@Arg('input') input: CreateSourceInput, @Args() { reason }: ReasonArgs, @Ctx() context: Context) {
    return context.services.sources.create(input, writeOf(context, reason));
  }

  @Mutation(() => Source)
  @Authorized(PERMISSIONS.updateSource)
  updateSource(@Arg('id', () => ID) id: string, @Arg('input') input: UpdateSourceInput, @Args() { reason }: ReasonArgs, @Ctx() context: Context) {
    return context.services.sources.update(id, input, writeOf(context, reason));
  }

  @Mutation(() => Source, { description: 'Refused with CONFLICT while claims cite the source.' })
  @Authorized(PERMISSIONS.deleteSource)
  deleteSource(@Arg('id', () => ID) id: string, @Args() { reason }: ReasonArgs, @Ctx() context: Context) {
    return context.services.sources.delete(id, writeOf(context, reason));
  }

  @FieldResolver(() => ClaimConnection, { description: 'The claims that appeared in this source, oldest first.' })
  async claims(@Root() source: SourceRecord, @Args() page: PageArgs, @Ctx() { loaders }: Context) {
    return ClaimConnection.from(await loaders.claims.pageBySource.load({ parentId: source.id, window: pageWindow(page) }));
  }
}
