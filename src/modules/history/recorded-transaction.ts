// Every write runs in a recorded transaction: its first statement sets the transaction's actor, reason and correction
// flag, which the history triggers (migration add_api_keys_and_history) copy into each entry they write for the rows
// the transaction changes. The settings are transaction-local (set_config(..., true)): they end with the transaction
// and never leak to the next one on the same connection; a nested recorded transaction (a savepoint of an idempotent
// mutation's) sets them again, so one field's reason never labels another's writes.
import type { DbClient } from '../../db/database';
import type { Role } from '../../auth/roles';
import type { ActorKind } from '../../generated/prisma/enums';

/** Who made a change, as history records it. */
export interface Actor {
  kind: ActorKind;
  /** The API key, for API_KEY actors. */
  keyId: string | null;
  /** The key's name, or the command run ("import claims.json"). */
  name: string;
  requestId: string | null;
}

/** Who writes, with which right, and why: what every service write takes. */
export interface WriteContext {
  actor: Actor;
  /** The writer's role, for the rules that depend on the record (publishing, corrections). Commands act as ADMIN. */
  role: Role;
  /** Why, as given with the mutation (required for corrections). */
  reason: string | null;
}

/** The actor of a command run on the server's machine (`npm run import -- file`, the seed), with every right. */
export function commandWrite(kind: Extract<ActorKind, 'CLI' | 'SEED' | 'IMPORT'>, name: string): WriteContext {
  return { actor: { kind, keyId: null, name, requestId: null }, role: 'ADMIN', reason: null };
}

/** Runs `work` in a transaction (a savepoint inside one) whose writes history attributes to `write`. */
export function inRecordedTransaction<T>(
  prisma: DbClient,
  write: WriteContext,
  work: (tx: DbClient) => Promise<T>,
  options?: { timeout?: number },
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await recordAs(tx, write);
    return work(tx);
  }, options);
}

/** Sets the settings for the rest of the transaction `tx` (for writers that manage their transaction themselves). */
export async function recordAs(tx: DbClient, write: WriteContext): Promise<void> {
  const actor = JSON.stringify(write.actor);
  await tx.$queryRaw`SELECT set_config('claimtrace.actor', ${actor}, true), set_config('claimtrace.reason', ${write.reason ?? ''}, true),
    set_config('claimtrace.correction', 'false', true)`;
}

/** Marks the transaction's following writes as a correction of a published verdict (Review.corrections lists them). */
export async function markCorrection(tx: DbClient): Promise<void> {
  await tx.$queryRaw`SELECT set_config('claimtrace.correction', 'true', true)`;
}
