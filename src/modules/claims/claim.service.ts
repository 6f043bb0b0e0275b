import { parseId } from '../../common/ids';
import { escapeLike } from '../../common/like-pattern';
import { pageWindow, toPage, type Page, type PageRequest } from '../../common/pagination';
import { BadUserInputError, ConflictError, NotFoundError } from '../../errors/app-errors';
import { databaseViolation } from '../../errors/database-errors';
import { Prisma, type Claim, type ClaimKind, type RebuttalStance, type ReviewStatus } from '../../generated/prisma/client';
import type { DbClient } from '../../db/database';
import { beginCorrection, lockClaimStatus } from '../history/corrections';
import { inRecordedTransaction, type WriteContext } from '../history/recorded-transaction';

export type ClaimRecord = Claim;

export interface ClaimQuery {
  speakerId?: string | null;
  sourceId?: string | null;
  kind?: ClaimKind | null;
  statedFrom?: Date | null;
  statedTo?: Date | null;
  reviewStatus?: ReviewStatus[] | null;
  text?: string | null;
}

export interface ClaimData {
  text: string;
  kind: ClaimKind;
  statedAt?: Date | null;
  speakerId: string;
  sourceId?: string | null;
  rebuts?: { claimId: string; stance: RebuttalStance; rationale?: string | null }[] | null;
}

export interface ClaimChanges {
  text?: string | null;
  kind?: ClaimKind | null;
  statedAt?: Date | null;
  speakerId?: string | null;
  sourceId?: string | null;
}

export class ClaimService {
  constructor(private readonly prisma: DbClient) {}

  async list(query: ClaimQuery, request: PageRequest): Promise<Page<ClaimRecord>> {
    const window = pageWindow(request);
    const where = claimWhere(query);
    const rows = await this.prisma.claim.findMany({
      where: window.afterId ? { AND: [where, { id: { gt: window.afterId } }] } : where,
      orderBy: { id: 'asc' },
      take: window.take,
    });
    return toPage(rows, window, () => this.prisma.claim.count({ where }));
  }

  findById(id: string): Promise<ClaimRecord | null> {
    return this.prisma.claim.findUnique({ where: { id: parseId(id, 'id') } });
  }

  /** Creates the claim and the rebuttals it makes in one statement: all of it, or nothing. */
  async create(data: ClaimData, write: WriteContext): Promise<ClaimRecord> {
    const rebuts = data.rebuts ?? [];
    const targets = rebuts.map((rebut, index) => parseId(rebut.claimId, `input.rebuts.${index}.claimId`));
    if (new Set(targets).size !== targets.length) {
      throw new BadUserInputError('input.rebuts names the same claim twice; one rebuttal per claim', { field: 'input.rebuts' });
    }
    try {
      return await inRecordedTransaction(this.prisma, write, (tx) => tx.claim.create({
        data: {
          text: data.text,
          kind: data.kind,
          statedAt: data.statedAt ?? null,
          speakerId: parseId(data.speakerId, 'input.speakerId'),
          sourceId: data.sourceId == null ? null : parseId(data.sourceId, 'input.sourceId'),
          rebuts: {
            create: rebuts.map((rebut, index) => ({ claimId: targets[index]!, stance: rebut.stance, rationale: rebut.rationale ?? null })),
          },
        },
      }));
    } catch (error) {
      throw translate(error, data);
    }
  }

  /** Changing a PUBLISHED claim is a correction (history/corrections.ts). */
  async update(id: string, changes: ClaimChanges, write: WriteContext): Promise<ClaimRecord> {
    const claimId = parseId(id, 'id');
    const speakerId = changes.speakerId == null ? undefined : parseId(changes.speakerId, 'input.speakerId');
    const sourceId = changes.sourceId == null ? changes.sourceId : parseId(changes.sourceId, 'input.sourceId');
    try {
      return await inRecordedTransaction(this.prisma, write, async (tx) => {
        const status = await lockClaimStatus(tx, claimId);
        if (status === undefined) throw new NotFoundError('Claim', claimId, { field: 'id' });
        if (status === 'PUBLISHED') await beginCorrection(tx, write, 'change a published claim');
        return tx.claim.update({
          where: { id: claimId },
          data: { text: changes.text ?? undefined, kind: changes.kind ?? undefined, statedAt: changes.statedAt, speakerId, sourceId },
        });
      });
    } catch (error) {
      throw translate(error, changes, claimId);
    }
  }

  /** Deletes the claim and, by the foreign keys' cascade, every rebuttal edge it stands on. */
  async delete(id: string, write: WriteContext): Promise<ClaimRecord> {
    const claimId = parseId(id, 'id');
    try {
      return await inRecordedTransaction(this.prisma, write, (tx) => tx.claim.delete({ where: { id: claimId } }));
    } catch (error) {
      throw translate(error, {}, claimId);
    }
  }
}

/** The filter checked, with its ids parsed and empty conditions dropped. */
function checkFilter(query: ClaimQuery) {
  if (query.statedFrom && query.statedTo && query.statedFrom > query.statedTo) {
    throw new BadUserInputError('filter.statedTo is before filter.statedFrom', { field: 'filter.statedTo' });
  }
  return {
    speakerId: query.speakerId ? parseId(query.speakerId, 'filter.speakerId') : undefined,
    sourceId: query.sourceId ? parseId(query.sourceId, 'filter.sourceId') : undefined,
    kind: query.kind ?? undefined,
    statedFrom: query.statedFrom ?? undefined,
    statedTo: query.statedTo ?? undefined,
    reviewStatus: query.reviewStatus ?? undefined,
    text: query.text?.trim() || undefined,
  };
}

export function claimWhere(query: ClaimQuery): Prisma.ClaimWhereInput {
  const filter = checkFilter(query);
  return {
    ...(filter.speakerId ? { speakerId: filter.speakerId } : {}),
    ...(filter.sourceId ? { sourceId: filter.sourceId } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.statedFrom || filter.statedTo
      ? { statedAt: { ...(filter.statedFrom ? { gte: filter.statedFrom } : {}), ...(filter.statedTo ? { lte: filter.statedTo } : {}) } }
      : {}),
    ...(filter.reviewStatus ? { reviewStatus: { in: filter.reviewStatus } } : {}),
    ...(filter.text ? { text: { contains: escapeLike(filter.text), mode: 'insensitive' as const } } : {}),
  };
}

/** The same filter as SQL conditions on claims aliased `c`, for the hand-written queries (search). */
export function claimConditions(query: ClaimQuery): Prisma.Sql {
  const filter = checkFilter(query);
  const conditions = [
    filter.speakerId && Prisma.sql`c.speaker_id = ${filter.speakerId}::uuid`,
    filter.sourceId && Prisma.sql`c.source_id = ${filter.sourceId}::uuid`,
    filter.kind && Prisma.sql`c.kind = ${filter.kind}::claim_kind`,
    filter.statedFrom && Prisma.sql`c.stated_at >= ${filter.statedFrom}::date`,
    filter.statedTo && Prisma.sql`c.stated_at <= ${filter.statedTo}::date`,
    filter.reviewStatus && Prisma.sql`c.review_status = ANY(${filter.reviewStatus}::text[]::review_status[])`,
    filter.text && Prisma.sql`c.text ILIKE ${`%${escapeLike(filter.text)}%`}`,
  ].filter((condition): condition is Prisma.Sql => Boolean(condition));
  return conditions.length > 0 ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
}

function translate(error: unknown, data: { speakerId?: string | null; sourceId?: string | null }, id?: string): unknown {
  const violation = databaseViolation(error);
  if (violation?.kind === 'foreign-key') {
    if (violation.constraint.includes('speaker')) {
      return new BadUserInputError(`No speaker has id ${data.speakerId}`, { field: 'input.speakerId' });
    }
    if (violation.constraint.includes('source')) {
      return new BadUserInputError(`No source has id ${data.sourceId}`, { field: 'input.sourceId' });
    }
    return new BadUserInputError('input.rebuts names a claim that does not exist', { field: 'input.rebuts' });
  }
  if (violation?.kind === 'record-not-found' && id) return new NotFoundError('Claim', id, { field: 'id' });
  if (violation?.kind === 'unique') return new ConflictError('The claim already rebuts one of those claims', { field: 'input.rebuts' });
  return error;
}
