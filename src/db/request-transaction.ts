// A Prisma interactive transaction held open across steps that are not one function: opened before an operation
// executes, committed or rolled back after it has produced its response (the idempotent mutations of
// src/graphql/idempotency.ts). Prisma's $transaction takes a callback and commits when it returns; here the callback
// waits for the decision.
import type { DbClient, PrismaClient } from './database';

export interface RequestTransaction {
  readonly tx: DbClient;
  /** Runs `last` in the transaction, then commits; rejects when either fails (the transaction is then rolled back). */
  commit(last: (tx: DbClient) => Promise<void>): Promise<void>;
  /** Rolls back; never rejects. */
  rollback(): Promise<void>;
}

export interface RequestTransactionOptions {
  /** How long to wait for a connection (or, on the embedded database, for the transaction running) before failing. */
  maxWaitMs: number;
  /** After this, Prisma rolls the transaction back, and a later commit() rejects. */
  timeoutMs: number;
}

type Decision = { commit: true; last: (tx: DbClient) => Promise<void> } | { commit: false };

/** Thrown inside the callback to make Prisma roll back; never seen outside. */
const ROLLBACK = Symbol('rollback');

export function openRequestTransaction(prisma: PrismaClient, options: RequestTransactionOptions): Promise<RequestTransaction> {
  return new Promise((opened, failedToOpen) => {
    let decide: (decision: Decision) => void = () => undefined;
    const decided = new Promise<Decision>((resolve) => (decide = resolve));
    const settled = prisma.$transaction(
      async (tx) => {
        opened({
          tx,
          commit(last) {
            decide({ commit: true, last });
            return settled;
          },
          async rollback() {
            decide({ commit: false });
            await settled.catch(() => undefined);
          },
        });
        const decision = await decided;
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a marker, not an error: caught below to roll back
        if (!decision.commit) throw ROLLBACK;
        await decision.last(tx);
      },
      { maxWait: options.maxWaitMs, timeout: options.timeoutMs },
    );
    // Before the callback ran: the transaction could not start. After: a no-op (the promise has settled).
    settled.catch(failedToOpen);
  });
}
