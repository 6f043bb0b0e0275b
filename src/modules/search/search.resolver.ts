import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../common/connection.type';
import type { Context } from '../../context';
import { searchHitsReadPlanOf } from '../../graphql/read-plan';
import { ClaimFilter } from '../claims/claim.input';
import { SearchQueryArgs } from './search.args';
import { ClaimSearchHit, ClaimSearchHitConnection } from './search.type';

@Resolver(() => ClaimSearchHit)
export class SearchResolver {
  @Query(() => ClaimSearchHitConnection, {
    description:
      'Full-text search over claim text and the names of speakers (with their aliases) and sources, most relevant first, ' +
      'then the latest. Web-search syntax: words (all must match, in any form: "missiles" finds "missile"), "a quoted phrase", ' +
      '`or` between alternatives, -word to exclude. A query of only very common words ("the") matches nothing.',
  })
  async searchClaims(
    @Args() { query }: SearchQueryArgs,
    @Arg('filter', () => ClaimFilter, { nullable: true, description: 'Conditions the matching claims must also meet.' })
    filter: ClaimFilter | null,
    @Args() page: PageArgs,
    @Ctx() { services, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ClaimSearchHitConnection.from(await services.search.search(query, filter ?? {}, page, searchHitsReadPlanOf(info, loaders)));
  }
}
