// The trace as SQL, two statements whatever the size of the graph: a breadth-first walk of the rebuttal graph in one
// recursive query that returns the reached claims whole, and the rebuttals among those claims. Built as Prisma.Sql
// (parameterised) so that the service runs them through Prisma and the benchmark runs the very same text through pg.
import { Prisma } from '../../generated/prisma/client';
import type { RebuttalStance } from '../../generated/prisma/enums';
import { CLAIM_TABLE } from '../claims/claim.columns';
import { REBUTTAL_TABLE } from '../rebuttals/rebuttal.columns';
import type { TraceDirection, TraceOptions } from './trace.options';

/** Matches only rebuttals of the given stances; no condition when stances is null. */
function stanceFilter(stances: readonly RebuttalStance[] | null): Prisma.Sql {
  return stances ? Prisma.sql`AND r.stance = ANY(${stances}::text[]::rebuttal_stance[])` : Prisma.empty;
}

/**
 * The claims one step from the frontier `w.frontier`. Each direction reads one end of the edge through its own index:
 * (claim_id, counterclaim_id) for the counterclaims against a claim, (counterclaim_id, claim_id) for what a claim counters.
 */
function neighbours(direction: TraceDirection, stances: readonly RebuttalStance[] | null): Prisma.Sql {
  const counterclaims = Prisma.sql`SELECT r.counterclaim_id FROM rebuttals r WHERE r.claim_id = ANY(w.frontier) ${stanceFilter(stances)}`;
  const countered = Prisma.sql`SELECT r.claim_id FROM rebuttals r WHERE r.counterclaim_id = ANY(w.frontier) ${stanceFilter(stances)}`;
  switch (direction) {
    case 'REBUTTALS':
      return counterclaims;
    case 'REBUTS':
      return countered;
    case 'BOTH':
      return Prisma.sql`${counterclaims} UNION ALL ${countered}`;
  }
}

/**
 * The walk. Its working table is a single row per level, (depth, frontier, seen): the claims first reached at this
 * depth, and every claim reached so far. Each step takes the neighbours of the whole frontier, removes the claims
 * already seen (a hashed EXCEPT), and makes the rest the next frontier. So every claim enters once, at its shortest
 * depth; cycles and diamonds end there, and the work per level is bounded by the edges of one frontier rather than by
 * the number of paths, which is what makes a naive recursive CTE explode on dense or cyclic graphs.
 *
 * Bounds: a level takes at most the claims still allowed under maxNodes + 1 (lowest ids first, so a cut trace is
 * deterministic), and the walk goes one level beyond `depth` taking a single claim there. Either extra claim only says
 * that the graph goes on (see cutTrace). At most maxNodes + 1 claims, depth + 2 levels.
 *
 * Returns the claims aliased to the shape of a Prisma Claim, plus their depth, in breadth-first order (depth, id).
 */
export function traceNodesQuery(options: TraceOptions): Prisma.Sql {
  const { claimId, depth, maxNodes } = options;
  return Prisma.sql`
    WITH RECURSIVE walk(depth, frontier, seen) AS (
      SELECT 0, ARRAY[c.id], ARRAY[c.id] FROM claims c WHERE c.id = ${claimId}::uuid
      UNION ALL
      SELECT w.depth + 1, step.next, w.seen || step.next
      FROM walk w
      CROSS JOIN LATERAL (
        SELECT ARRAY(
          SELECT n.id
          FROM ((${neighbours(options.direction, options.stances)}) EXCEPT SELECT unnest(w.seen)) AS n(id)
          ORDER BY n.id
          LIMIT CASE WHEN w.depth < ${depth}::int THEN ${maxNodes}::int + 1 - cardinality(w.seen) ELSE 1 END
        ) AS next
        OFFSET 0 -- keeps the subquery from being inlined, which would run it once per reference to step.next
      ) step
      WHERE w.depth <= ${depth}::int AND cardinality(w.seen) <= ${maxNodes}::int AND cardinality(step.next) > 0
    )
    SELECT ${CLAIM_TABLE.sqlColumns('c')}, w.depth
    FROM walk w
    CROSS JOIN LATERAL unnest(w.frontier) AS n(id)
    JOIN claims c ON c.id = n.id
    ORDER BY w.depth, c.id`;
}

/**
 * The oldest `maxEdges` rebuttals whose two claims are both among `claimIds` (of the given stances), aliased to a
 * Prisma Rebuttal. The pairs are found in the indexes alone (an index-only scan: a hub among the claims brings
 * thousands of index entries, not thousands of table rows); only the rebuttals that qualify are then read from the table.
 */
export function traceEdgesQuery(claimIds: readonly string[], stances: readonly RebuttalStance[] | null, maxEdges: number): Prisma.Sql {
  return Prisma.sql`
    WITH ids AS MATERIALIZED (SELECT DISTINCT unnest(${claimIds}::uuid[]) AS id),
    pairs AS MATERIALIZED (
      SELECT r.claim_id, r.counterclaim_id
      FROM ids a
      JOIN rebuttals r ON r.claim_id = a.id
      JOIN ids b ON b.id = r.counterclaim_id
    )
    SELECT ${REBUTTAL_TABLE.sqlColumns('r')}
    FROM pairs p
    JOIN rebuttals r ON r.claim_id = p.claim_id AND r.counterclaim_id = p.counterclaim_id ${stanceFilter(stances)}
    ORDER BY r.id
    LIMIT ${maxEdges}::int`;
}
