import { ArrayMaxSize } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { RebuttalStance } from '../../generated/prisma/enums';
import { DEFAULT_TRACE_DEPTH, DEFAULT_TRACE_MAX_NODES, MAX_TRACE_DEPTH, MAX_TRACE_MAX_NODES, TraceDirection } from './trace.options';

// Limits are checked by traceOptions() in the service, which names the argument at fault; the list's size here, as
// every list's is (src/common/validation.ts).
@ArgsType()
export class TraceArgs {
  @Field(() => ID, { description: 'The claim to start from (the root).' })
  claimId!: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_TRACE_DEPTH,
    description: `How many rebuttal steps to follow from the root, 0 to ${MAX_TRACE_DEPTH}.`,
  })
  depth?: number | null;

  @Field(() => TraceDirection, {
    nullable: true,
    defaultValue: TraceDirection.REBUTTALS,
    description: 'Which way to follow rebuttal edges.',
  })
  direction?: TraceDirection | null;

  @Field(() => [RebuttalStance], {
    nullable: true,
    description: 'Follow (and return) only rebuttals of these stances; omit to follow all of them.',
  })
  @ArrayMaxSize(Object.keys(RebuttalStance).length)
  stances?: RebuttalStance[] | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_TRACE_MAX_NODES,
    description: `The most claims to return, root included, 1 to ${MAX_TRACE_MAX_NODES}; the closest claims are kept.`,
  })
  maxNodes?: number | null;
}
