import { createByIdLoader } from '../../common/loaders';
import type { PrismaClient } from '../../generated/prisma/client';

export function createSpeakerLoaders(prisma: PrismaClient) {
  return {
    byId: createByIdLoader((ids) => prisma.speaker.findMany({ where: { id: { in: [...ids] } } })),
  };
}

export type SpeakerLoaders = ReturnType<typeof createSpeakerLoaders>;
