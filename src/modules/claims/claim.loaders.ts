import { createByIdLoader, createTableChildPageLoader, type ChildTable } from '../../common/loaders';
import type { DbClient } from '../../db/database';
import type { Claim } from '../../generated/prisma/client';
import { CLAIM_TABLE } from './claim.columns';

const claimsOf = (parentColumn: string): ChildTable => ({
  table: 'claims',
  parentColumn,
  alias: 'c',
  columns: CLAIM_TABLE.sqlColumns('c'),
});

export function createClaimLoaders(prisma: DbClient, signal: AbortSignal) {
  return {
    byId: createByIdLoader((ids) => prisma.claim.findMany({ where: { id: { in: [...ids] } } }), signal),
    pageBySpeaker: createTableChildPageLoader<Claim>(prisma, claimsOf('speaker_id'), signal),
    pageBySource: createTableChildPageLoader<Claim>(prisma, claimsOf('source_id'), signal),
  };
}

export type ClaimLoaders = ReturnType<typeof createClaimLoaders>;
