import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { parseId } from '../../common/ids';
import { MAX_NODE_IDS, Node } from '../../common/node.type';
import type { Context } from '../../context';
import { BadUserInputError } from '../../errors/app-errors';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'The record with this id, whatever its type; null when there is none.' })
  node(@Arg('id', () => ID, { description: "A record's UUID." }) id: string, @Ctx() { loaders }: Context) {
    return loaders.nodes.load(parseId(id, 'id'));
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `The records with these ids, in their order, null where there is none; at most ${MAX_NODE_IDS} ids.`,
  })
  nodes(@Arg('ids', () => [ID], { description: `Records' UUIDs, at most ${MAX_NODE_IDS}.` }) ids: string[], @Ctx() { loaders }: Context) {
    if (ids.length > MAX_NODE_IDS) throw new BadUserInputError(`ids takes at most ${MAX_NODE_IDS} ids, got ${ids.length}`, { field: 'ids' });
    const parsed = ids.map((id, index) => parseId(id, `ids.${index}`));
    return Promise.all(parsed.map((id) => loaders.nodes.load(id)));
  }
}
