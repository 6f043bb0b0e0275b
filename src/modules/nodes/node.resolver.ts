import { ArrayMaxSize } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import { MAX_NODE_IDS, Node } from '../../common/node.type';
import type { Context } from '../../context';

@ArgsType()
class NodesArgs {
  // The size is checked before anything looks at the ids (common/validation.ts).
  @Field(() => [ID], { description: `Records' UUIDs, at most ${MAX_NODE_IDS}.` })
  @ArrayMaxSize(MAX_NODE_IDS)
  ids!: string[];
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'The record with this id, whatever its type; null when there is none.' })
  node(@Arg('id', () => ID, { description: "A record's UUID." }) id: string, @Ctx() { loaders }: Context) {
    return loaders.nodes.load(id);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `The records with these ids, in their order, null where there is none; at most ${MAX_NODE_IDS} ids.`,
  })
  nodes(@Args() { ids }: NodesArgs, @Ctx() { loaders }: Context) {
    return Promise.all(ids.map((id) => loaders.nodes.load(id)));
  }
}
