import { createGroupLoader } from '../../common/loaders';
import type { DbClient } from '../../db/database';

export interface SpeakerDisputeRecord {
  /** The speaker whose disputes these are. */
  speakerId: string;
  /** The other side. */
  otherSpeakerId: string;
  rebuttalsReceived: number;
  rebuttalsMade: number;
}

/**
 * Who disputes with whom, for many speakers in one statement: every rebuttal touching one of their claims, counted by
 * the speaker on the other end. A speaker countering their own claim is no dispute and is left out. Busiest first.
 */
function fetchDisputes(prisma: DbClient) {
  return (speakerIds: readonly string[]) =>
    prisma.$queryRaw<SpeakerDisputeRecord[]>`
      SELECT d.speaker_id AS "speakerId", d.other_id AS "otherSpeakerId",
             count(*) FILTER (WHERE d.received)::int AS "rebuttalsReceived",
             count(*) FILTER (WHERE NOT d.received)::int AS "rebuttalsMade"
      FROM (
        SELECT target.speaker_id, counter.speaker_id AS other_id, true AS received
        FROM claims target
        JOIN rebuttals r ON r.claim_id = target.id
        JOIN claims counter ON counter.id = r.counterclaim_id
        WHERE target.speaker_id = ANY(${speakerIds}::uuid[])
        UNION ALL
        SELECT counter.speaker_id, target.speaker_id, false
        FROM claims counter
        JOIN rebuttals r ON r.counterclaim_id = counter.id
        JOIN claims target ON target.id = r.claim_id
        WHERE counter.speaker_id = ANY(${speakerIds}::uuid[])
      ) d
      WHERE d.speaker_id <> d.other_id
      GROUP BY d.speaker_id, d.other_id
      ORDER BY d.speaker_id, count(*) DESC, d.other_id`;
}

export function createDisputeLoaders(prisma: DbClient, signal: AbortSignal) {
  return {
    bySpeakerId: createGroupLoader(fetchDisputes(prisma), (dispute) => dispute.speakerId, signal),
  };
}

export type DisputeLoaders = ReturnType<typeof createDisputeLoaders>;
