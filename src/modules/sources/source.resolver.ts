import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection.type';
import { pageWindow } from '../../common/pagination';
import type { Context } from '../../context';
import { ClaimConnection } from '../claims/claim.type';
import { CreateSourceInput, UpdateSourceInput } from './source.input';
import type { SourceRecord } from './source.service';
import { Source, SourceConnection } from './source.type';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { description: 'All sources, oldest first.' })
  async sources(@Args() page: PageArgs, @Ctx() { services }: Context) {
    return SourceConnection.from(await services.sources.list(page));
  }

  @Query(() => Source, { nullable: true })
  source(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return services.sources.findById(id);
  }

  @Mutation(() => Source)
  createSource(@Arg('input') input: CreateSourceInput, @Ctx() { services }: Context) {
    return services.sources.create(input);
  }

  @Mutation(() => Source)
  updateSource(@Arg('id', () => ID) id: string, @Arg('input') input: UpdateSourceInput, @Ctx() { services }: Context) {
    return services.sources.update(id, input);
  }

  @Mutation(() => Source, { description: 'Refused with CONFLICT while claims cite the source.' })
  deleteSource(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return services.sources.delete(id);
  }

  @FieldResolver(() => ClaimConnection, { description: 'The claims that appeared in this source, oldest first.' })
  async claims(@Root() source: SourceRecord, @Args() page: PageArgs, @Ctx() { loaders }: Context) {
    return ClaimConnection.from(await loaders.claims.pageBySource.load({ parentId: source.id, window: pageWindow(page) }));
  }
}
