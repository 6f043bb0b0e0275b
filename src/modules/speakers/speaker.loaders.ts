import { createByIdLoader } from '../../common/loaders';
import type { QueryRows } from '../../db/database';
import { Prisma } from '../../generated/prisma/client';
import { SPEAKER_TABLE } from './speaker.columns';
import type { SpeakerRecord } from './speaker.service';

/**
 * The speakers of the given ids, hand-written: a trace of hundreds of claims asks for hundreds of speakers in one batch,
 * which findMany would send as that many bind parameters and map value by value; one array parameter and plain rows
 * cost a fraction of it. (The benchmark runs this very statement bare.)
 */
export function speakersByIdQuery(ids: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT ${SPEAKER_TABLE.sqlColumns('s')} FROM speakers s WHERE s.id = ANY(${ids}::uuid[])`;
}

export function createSpeakerLoaders(queryRows: QueryRows, signal: AbortSignal) {
  return {
    byId: createByIdLoader((ids) => queryRows<SpeakerRecord>(speakersByIdQuery(ids)), signal),
  };
}

export type SpeakerLoaders = ReturnType<typeof createSpeakerLoaders>;
