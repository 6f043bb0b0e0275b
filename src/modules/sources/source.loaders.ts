import { createByIdLoader } from '../../common/loaders';
import type { PrismaClient } from '../../generated/prisma/client';

export function createSourceLoaders(prisma: PrismaClient) {
  return {
    byId: createByIdLoader((ids) => prisma.source.findMany({ where: { id: { in: [...ids] } } })),
  };
}

export type SourceLoaders = ReturnType<typeof createSourceLoaders>;
