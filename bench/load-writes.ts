// bench:load's record of every write the server acknowledged, and the check, read straight from the database once
// the load has stopped, that each one is there. A write is acknowledged when its response carried the data of the
// write (HTTP 200, no errors, the ids the server gave it); a write that failed or timed out may or may not have
// committed, so it proves nothing either way and is not recorded (only a status move's attempt is kept, see below).
import { Prisma } from '../src/generated/prisma/client';
import type { ReviewStatus } from '../src/generated/prisma/enums';
import type { Database } from '../src/db/database';

export interface ClaimWrite {
  id: string;
  text: string;
}

export interface RebuttalWrite {
  id: string;
  claimId: string;
  counterclaimId: string;
  stance: string;
}

/** A claim's review status as the bench last moved it: only one worker ever moves a given claim. */
interface StatusTrack {
  /** The status of the last acknowledged move. */
  acknowledged?: ReviewStatus;
  /**
   * A move after it that got no acknowledgement (it may have committed): the claim is then moved no further, and either
   * status is right. An acknowledged move overwritten by a later acknowledged one is not lost: only the last must hold.
   */
  unacknowledged?: ReviewStatus;
}

export interface LostWrite {
  kind: 'claim' | 'rebuttal' | 'status';
  id: string;
  expected: string;
  /** What the database holds instead, or null when the row is missing. */
  found: string | null;
}

const VERIFY_CHUNK = 5_000;

export class WriteLog {
  readonly claims: ClaimWrite[] = [];
  readonly rebuttals: RebuttalWrite[] = [];
  private readonly statuses = new Map<string, StatusTrack>();
  private statusMoves = 0;

  recordClaim(write: ClaimWrite): void {
    this.claims.push(write);
  }

  recordRebuttal(write: RebuttalWrite): void {
    this.rebuttals.push(write);
  }

  recordStatus(claimId: string, status: ReviewStatus): void {
    const track = this.statuses.get(claimId);
    if (track?.unacknowledged !== undefined)
      throw new Error(`Claim ${claimId} was moved after an unacknowledged move: the bench must leave it alone`);
    this.statuses.set(claimId, { acknowledged: status });
    this.statusMoves += 1;
  }

  recordUnacknowledgedStatus(claimId: string, status: ReviewStatus): void {
    this.statuses.set(claimId, { ...this.statuses.get(claimId), unacknowledged: status });
  }

  get counts() {
    return {
      claims: this.claims.length,
      rebuttals: this.rebuttals.length,
      statusMoves: this.statusMoves,
      statusClaims: [...this.statuses.values()].filter((track) => track.acknowledged !== undefined).length,
    };
  }

  /** The claims with an acknowledged status, and the statuses the database may hold for each. */
  expectedStatuses(): { claimId: string; allowed: ReviewStatus[] }[] {
    return [...this.statuses]
      .filter(([, track]) => track.acknowledged !== undefined)
      .map(([claimId, track]) => ({
        claimId,
        allowed: [track.acknowledged!, ...(track.unacknowledged === undefined ? [] : [track.unacknowledged])],
      }));
  }
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let from = 0; from < items.length; from += VERIFY_CHUNK) result.push(items.slice(from, from + VERIFY_CHUNK));
  return result;
}

/** Every acknowledged write the database does not hold as acknowledged (the "lost writes"; there must be none). */
export async function findLostWrites(db: Pick<Database, 'queryRows'>, log: WriteLog): Promise<LostWrite[]> {
  const lost: LostWrite[] = [];
  for (const batch of chunks(log.claims)) {
    const rows = await db.queryRows<{ id: string; text: string }>(
      Prisma.sql`SELECT id::text AS id, text FROM claims WHERE id = ANY(${batch.map((write) => write.id)}::uuid[])`,
    );
    const found = new Map(rows.map((row) => [row.id, row.text]));
    for (const write of batch) {
      const text = found.get(write.id);
      if (text !== write.text) lost.push({ kind: 'claim', id: write.id, expected: write.text, found: text ?? null });
    }
  }
  const describe = (rebuttal: Omit<RebuttalWrite, 'id'>) => `${rebuttal.counterclaimId} ${rebuttal.stance} ${rebuttal.claimId}`;
  for (const batch of chunks(log.rebuttals)) {
    const rows = await db.queryRows<{ id: string; claimId: string; counterclaimId: string; stance: string }>(
      Prisma.sql`SELECT id::text AS id, claim_id::text AS "claimId", counterclaim_id::text AS "counterclaimId", stance::text AS stance
                 FROM rebuttals WHERE id = ANY(${batch.map((write) => write.id)}::uuid[])`,
    );
    const found = new Map(rows.map((row) => [row.id, describe(row)]));
    for (const write of batch) {
      const actual = found.get(write.id);
      if (actual !== describe(write)) lost.push({ kind: 'rebuttal', id: write.id, expected: describe(write), found: actual ?? null });
    }
  }
  for (const batch of chunks(log.expectedStatuses())) {
    const rows = await db.queryRows<{ id: string; status: ReviewStatus }>(
      Prisma.sql`SELECT id::text AS id, review_status::text AS status FROM claims WHERE id = ANY(${batch.map((expected) => expected.claimId)}::uuid[])`,
    );
    const found = new Map(rows.map((row) => [row.id, row.status]));
    for (const { claimId, allowed } of batch) {
      const status = found.get(claimId);
      if (status === undefined || !allowed.includes(status))
        lost.push({ kind: 'status', id: claimId, expected: allowed.join(' or '), found: status ?? null });
    }
  }
  return lost;
}
