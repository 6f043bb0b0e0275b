// The rules of a trace, free of the database so that they are tested on their own: the limits on its arguments, how
// the rows of the traversal become the trace (node cap, `truncated`), and the orders in which nodes can be listed.
import { InvalidInput } from '../../errors/domain-errors';
import type { RebuttalStance } from '../../generated/prisma/enums';

export const TraceDirection = {
  /** From a claim to the claims that counter it (rebuttals.claim_id -> counterclaim_id), and on from those. */
  REBUTTALS: 'REBUTTALS',
  /** From a claim to the claims it counters (rebuttals.counterclaim_id -> claim_id), and on from those. */
  REBUTS: 'REBUTS',
  /** Both ways: the whole dispute around a claim. */
  BOTH: 'BOTH',
} as const;
export type TraceDirection = (typeof TraceDirection)[keyof typeof TraceDirection];

export const TraceOrder = {
  DEPTH: 'DEPTH',
  STATED_AT: 'STATED_AT',
} as const;
export type TraceOrder = (typeof TraceOrder)[keyof typeof TraceOrder];

export const DEFAULT_TRACE_DEPTH = 3;
export const MAX_TRACE_DEPTH = 10;
export const DEFAULT_TRACE_MAX_NODES = 500;
export const MAX_TRACE_MAX_NODES = 5000;
/**
 * A trace returns at most this many edges per claim it may hold (maxNodes): the rebuttals among n claims can number
 * n × (n - 1), so without a cap a dense graph could answer a 5,000-claim trace with millions of edges. Dispute graphs
 * are sparse (the benchmark's 5,000-claim traces have 1.1 edges a claim); up to 5 claims that all rebut each other
 * fit under any maxNodes.
 */
export const MAX_TRACE_EDGES_PER_NODE = 4;

/** A trace as a client asks for it; omitted or null arguments take their defaults. */
export interface TraceRequest {
  claimId: string;
  depth?: number | null;
  direction?: TraceDirection | null;
  stances?: readonly RebuttalStance[] | null;
  maxNodes?: number | null;
}

/** A trace request checked and normalised. */
export interface TraceOptions {
  claimId: string;
  depth: number;
  direction: TraceDirection;
  /** Follow only rebuttals of these stances; null follows all of them (an empty list follows none). */
  stances: RebuttalStance[] | null;
  maxNodes: number;
}

/** The most edges a trace of at most maxNodes claims returns. */
export function maxTraceEdges(maxNodes: number): number {
  return maxNodes * MAX_TRACE_EDGES_PER_NODE;
}

function wholeNumberIn(value: number, min: number, max: number, field: string, hint: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInput(`${field} must be between ${min} and ${max} (got ${value}); ${hint}`, { field });
  }
  return value;
}

export function traceOptions(request: TraceRequest): TraceOptions {
  return {
    claimId: request.claimId,
    depth: wholeNumberIn(request.depth ?? DEFAULT_TRACE_DEPTH, 0, MAX_TRACE_DEPTH, 'depth', 'trace again from a deeper node to go further'),
    direction: request.direction ?? TraceDirection.REBUTTALS,
    stances: request.stances ? [...new Set(request.stances)] : null,
    maxNodes: wholeNumberIn(
      request.maxNodes ?? DEFAULT_TRACE_MAX_NODES,
      1,
      MAX_TRACE_MAX_NODES,
      'maxNodes',
      'narrow the trace with depth or stances',
    ),
  };
}

/**
 * The traversal returns the reached claims in breadth-first order (depth, then id), with one row more than the trace
 * may hold when the graph goes on: a claim beyond maxNodes, or one a step beyond depth. That row, when present, is
 * dropped and marks the trace truncated.
 */
export function cutTrace<T extends { depth: number }>(
  rows: readonly T[],
  options: Pick<TraceOptions, 'depth' | 'maxNodes'>,
): { nodes: T[]; truncated: boolean } {
  const nodes = rows.filter((row) => row.depth <= options.depth).slice(0, options.maxNodes);
  return { nodes, truncated: nodes.length < rows.length };
}

interface OrderableNode {
  depth: number;
  claim: { id: string; statedAt: Date | null };
}

const byId = (a: OrderableNode, b: OrderableNode): number => (a.claim.id < b.claim.id ? -1 : a.claim.id > b.claim.id ? 1 : 0);

const COMPARATORS: Record<TraceOrder, (a: OrderableNode, b: OrderableNode) => number> = {
  DEPTH: (a, b) => a.depth - b.depth || byId(a, b),
  // Undated claims go last: a timeline cannot place them.
  STATED_AT: (a, b) => {
    const at = a.claim.statedAt?.getTime() ?? Number.POSITIVE_INFINITY;
    const bt = b.claim.statedAt?.getTime() ?? Number.POSITIVE_INFINITY;
    return at === bt ? byId(a, b) : at < bt ? -1 : 1;
  },
};

/** The nodes in the order asked for; ties fall back to claim id, so the order is stable (ids are UUIDv7: creation order). */
export function orderTraceNodes<T extends OrderableNode>(nodes: readonly T[], order: TraceOrder): T[] {
  return [...nodes].sort(COMPARATORS[order]);
}
