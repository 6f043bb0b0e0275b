import { createByIdLoader, createTableChildPageLoader, type ChildTable } from '../../common/loaders';
import type { DbClient } from '../../db/database';
import type { Rebuttal } from '../../generated/prisma/client';
import { REBUTTAL_TABLE } from './rebuttal.columns';

const rebuttalsBy = (parentColumn: string): ChildTable => ({
  table: 'rebuttals',
  parentColumn,
  alias: 'r',
  columns: REBUTTAL_TABLE.sqlColumns('r'),
});

export function createRebuttalLoaders(prisma: DbClient, signal: AbortSignal) {
  return {
    byId: createByIdLoader((ids) => prisma.rebuttal.findMany({ where: { id: { in: [...ids] } } }), signal),
    /** Pages of the rebuttals against a claim (the claim is their target), oldest first. */
    pageByClaim: createTableChildPageLoader<Rebuttal>(prisma, rebuttalsBy('claim_id'), signal),
    /** Pages of the rebuttals a claim makes (the claim is their counterclaim), oldest first. */
    pageByCounterclaim: createTableChildPageLoader<Rebuttal>(prisma, rebuttalsBy('counterclaim_id'), signal),
  };
}

export type RebuttalLoaders = ReturnType<typeof createRebuttalLoaders>;
