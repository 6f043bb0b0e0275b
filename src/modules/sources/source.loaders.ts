import { createByIdLoader } from '../../common/loaders';
import type { PrismaClient } from '../../generated/prisma/client';

export function createSourceLoaders(prisma: PrismaClient, signal: AbortSignal) {
  return {
    byId: createByIdLoader((ids) => prisma.source.findMany({ where: { id: { in: [...ids] } } }), signal),
  };
}

export type SourceLoaders = ReturnType<typeof createSourceLoaders>;
