import { createByIdLoader } from '../../common/loaders';
import type { DbClient } from '../../db/database';

export function createSourceLoaders(prisma: DbClient, signal: AbortSignal) {
  return {
    byId: createByIdLoader((ids) => prisma.source.findMany({ where: { id: { in: [...ids] } } }), signal),
  };
}

export type SourceLoaders = ReturnType<typeof createSourceLoaders>;
