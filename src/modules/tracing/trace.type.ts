import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Claim } from '../claims/claim.type';
import { MAX_TRACE_DEPTH, TraceDirection, TraceOrder } from './trace.options';

registerEnumType(TraceDirection, {
  name: 'TraceDirection',
  description: 'Which way a trace follows rebuttal edges from a claim.',
  valuesConfig: {
    REBUTTALS: { description: 'To the claims that counter it, then to the claims that counter those, and so on.' },
    REBUTS: { description: 'To the claims it counters, then to the claims those counter, and so on.' },
    BOTH: { description: 'Both ways: the whole dispute around the claim.' },
  },
});

registerEnumType(TraceOrder, {
  name: 'TraceOrder',
  description: 'How the nodes of a trace are listed.',
  valuesConfig: {
    DEPTH: { description: 'Breadth-first: the root, then by depth; within a depth, oldest claim first.' },
    STATED_AT: { description: 'A timeline: by the day each claim was stated, undated claims last; ties oldest claim first.' },
  },
});

@ObjectType({ description: 'A claim reached by a trace, and how many rebuttal steps it lies from the root.', simpleResolvers: true })
export class TraceNode {
  @Field(() => Claim, { description: 'The claim reached.' })
  claim!: Claim;

  @Field(() => Int, { description: 'The fewest rebuttal steps from the root to this claim; 0 for the root.' })
  depth!: number;
}

@ObjectType({ description: 'The rebuttal graph around a claim: the claims reachable from it and the rebuttals among them.' })
export class ClaimTrace {
  @Field(() => Claim, { description: 'The claim the trace starts from.' })
  root!: Claim;

  // nodes (which takes an order) and edges (loaded only when asked for) are fields of TraceResolver.

  @Field({
    description: `True when the graph goes on beyond the trace: more claims within depth than maxNodes allowed, or claims beyond depth (at most ${MAX_TRACE_DEPTH}).`,
  })
  truncated!: boolean;
}
