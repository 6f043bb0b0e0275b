import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Rebuttal } from '../rebuttals/rebuttal.type';
import { TraceArgs } from './trace.args';
import { MAX_TRACE_EDGES_PER_NODE, orderTraceNodes, TraceOrder } from './trace.options';
import type { TraceRecord } from './trace.service';
import { ClaimTrace, TraceNode } from './trace.type';

@Resolver(() => ClaimTrace)
export class TraceResolver {
  @Query(() => ClaimTrace, {
    description:
      'Follows rebuttals from a claim, breadth-first, and returns every claim reached (each once, at its shortest depth) ' +
      'with the rebuttals among them. Cycles and diamonds are safe.',
  })
  async trace(@Args() args: TraceArgs, @Ctx() { services, loaders }: Context): Promise<TraceRecord> {
    const trace = await services.tracing.trace(args);
    // Nested fields that lead back to claims of the trace (a node's rebuttals' counterclaims) cost no statement.
    for (const { claim } of trace.nodes) loaders.claims.byId.prime(claim.id, claim);
    return trace;
  }

  @FieldResolver(() => [TraceNode], {
    description:
      'Every claim reached, each once at its shortest depth, the root included at depth 0. Cut to maxNodes by depth, then oldest first.',
  })
  nodes(
    @Root() trace: TraceRecord,
    @Arg('order', () => TraceOrder, { nullable: true, defaultValue: TraceOrder.DEPTH, description: 'How to list the nodes.' })
    order: TraceOrder | null,
  ) {
    return order === null || order === TraceOrder.DEPTH ? trace.nodes : orderTraceNodes(trace.nodes, order);
  }

  @FieldResolver(() => [Rebuttal], {
    description: `Every rebuttal between two claims of the trace (of the stances asked for), each once, oldest first; at most ${MAX_TRACE_EDGES_PER_NODE} × maxNodes (the oldest).`,
  })
  edges(@Root() trace: TraceRecord, @Ctx() { services }: Context) {
    return services.tracing.edges(trace);
  }
}
