import { NotFoundError } from '../../errors/app-errors';
import type { PrismaClient } from '../../generated/prisma/client';
import type { ClaimRecord } from '../claims/claim.service';
import type { RebuttalRecord } from '../rebuttals/rebuttal.service';
import { cutTrace, traceOptions, type TraceRequest } from './trace.options';
import { traceEdgesQuery, traceNodesQuery } from './trace.sql';

export interface TraceNodeRecord {
  claim: ClaimRecord;
  depth: number;
}

export interface TraceRecord {
  root: ClaimRecord;
  /** Breadth-first: by depth, then claim id; the root first, at depth 0. */
  nodes: TraceNodeRecord[];
  edges: RebuttalRecord[];
  truncated: boolean;
}

type TraceNodeRow = ClaimRecord & { depth: number };

export class TraceService {
  constructor(private readonly prisma: PrismaClient) {}

  /** The claims reachable from a claim along rebuttals, and the rebuttals among them, in two SQL statements at most. */
  async trace(request: TraceRequest): Promise<TraceRecord> {
    const options = traceOptions(request);
    const rows = await this.prisma.$queryRaw<TraceNodeRow[]>(traceNodesQuery(options));
    // The walk starts from the claim's own row, so no row means no such claim.
    if (rows.length === 0) throw new NotFoundError('Claim', options.claimId, { field: 'claimId' });
    const cut = cutTrace(rows, options);
    const nodes = cut.nodes.map(({ depth, ...claim }) => ({ claim, depth }));
    // A lone root has no edges: a claim cannot rebut itself.
    const edges =
      nodes.length > 1
        ? await this.prisma.$queryRaw<RebuttalRecord[]>(traceEdgesQuery(nodes.map((node) => node.claim.id), options.stances))
        : [];
    return { root: nodes[0]!.claim, nodes, edges, truncated: cut.truncated };
  }
}
