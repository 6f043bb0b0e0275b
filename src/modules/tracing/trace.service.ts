import { NotFound } from '../../errors/domain-errors';
import type { QueryRows } from '../../db/database';
import type { ClaimRecord } from '../claims/claim.service';
import type { RebuttalRecord } from '../rebuttals/rebuttal.service';
import { cutTrace, maxTraceEdges, traceOptions, type TraceOptions, type TraceRequest } from './trace.options';
import { traceEdgesQuery, traceNodesQuery } from './trace.sql';

export interface TraceNodeRecord {
  claim: ClaimRecord;
  depth: number;
}

export interface TraceRecord {
  root: ClaimRecord;
  /** Breadth-first: by depth, then claim id; the root first, at depth 0. */
  nodes: TraceNodeRecord[];
  truncated: boolean;
  /** The stances followed, which the edges are limited to as well (null: all). */
  stances: TraceOptions['stances'];
  /** The most edges the trace returns (maxTraceEdges of its maxNodes). */
  maxEdges: number;
}

type TraceNodeRow = ClaimRecord & { depth: number };

export class TraceService {
  constructor(private readonly queryRows: QueryRows) {}

  /** The claims reachable from a claim along rebuttals, in one SQL statement. */
  async trace(request: TraceRequest): Promise<TraceRecord> {
    const options = traceOptions(request);
    const rows = await this.queryRows<TraceNodeRow>(traceNodesQuery(options));
    // The walk starts from the claim's own row, so no row means no such claim.
    if (rows.length === 0) throw new NotFound('Claim', options.claimId, { field: 'claimId' });
    const cut = cutTrace(rows, options);
    // Each row serves as the claim as it is, its depth column along: copying thousands of claims without it costs
    // milliseconds, and no Claim field reads it.
    const nodes = cut.nodes.map((row) => ({ claim: row, depth: row.depth }));
    return { root: nodes[0]!.claim, nodes, truncated: cut.truncated, stances: options.stances, maxEdges: maxTraceEdges(options.maxNodes) };
  }

  /**
   * The rebuttals among a trace's claims, in one more statement, each with its two claims from the trace's nodes.
   * Asked for on its own (by ClaimTrace.edges), it runs only when a client wants the edges, and beside the statements
   * that load the nodes' speakers and sources.
   */
  async edges(trace: TraceRecord): Promise<RebuttalRecord[]> {
    // A lone root has no edges: a claim cannot rebut itself.
    if (trace.nodes.length < 2) return [];
    const claims = new Map(trace.nodes.map(({ claim }) => [claim.id, claim]));
    const edges = await this.queryRows<RebuttalRecord>(traceEdgesQuery([...claims.keys()], trace.stances, trace.maxEdges));
    for (const edge of edges) {
      edge.claim = claims.get(edge.claimId);
      edge.counterclaim = claims.get(edge.counterclaimId);
    }
    return edges;
  }
}
