// Minimal records for tests, written straight through Prisma so that a test states only what it is about.
import type { ClaimKind, PrismaClient, RebuttalStance } from '../../src/generated/prisma/client';

let sequence = 0;
const next = () => (sequence += 1);

export function makeSpeaker(prisma: PrismaClient, data: { name?: string } = {}) {
  const n = next();
  return prisma.speaker.create({ data: { name: data.name ?? `Speaker ${n}`, slug: `speaker-${n}-${process.pid}` } });
}

export function makeSource(prisma: PrismaClient, data: { title?: string; url?: string } = {}) {
  return prisma.source.create({ data: { title: data.title ?? `Source ${next()}`, url: data.url ?? null } });
}

export function makeClaim(
  prisma: PrismaClient,
  data: { speakerId: string; sourceId?: string | null; text?: string; kind?: ClaimKind; statedAt?: Date | null },
) {
  return prisma.claim.create({
    data: {
      text: data.text ?? `Claim ${next()}`,
      kind: data.kind ?? 'QUOTE',
      speakerId: data.speakerId,
      sourceId: data.sourceId ?? null,
      statedAt: data.statedAt ?? null,
    },
  });
}

export function makeRebuttal(prisma: PrismaClient, claimId: string, counterclaimId: string, stance: RebuttalStance = 'REFUTES') {
  return prisma.rebuttal.create({ data: { claimId, counterclaimId, stance } });
}

/** Row counts of every table: a mutation that fails must leave them as they were. */
export async function tableCounts(prisma: PrismaClient) {
  const [speakers, sources, claims, rebuttals, appearances, sourceTexts] = await Promise.all([
    prisma.speaker.count(),
    prisma.source.count(),
    prisma.claim.count(),
    prisma.rebuttal.count(),
    prisma.appearance.count(),
    prisma.sourceText.count(),
  ]);
  return { speakers, sources, claims, rebuttals, appearances, sourceTexts };
}
