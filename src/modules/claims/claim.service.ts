import { escapeLike } from '../../common/like-pattern';
import { formatLocalDate } from '../../common/scalars';
import { sql, type RawBuilder } from 'kysely';
import { pageWindow, type Page, type PageRequest } from '../../common/pagination';
import { Conflict, InvalidInput, NotFound } from '../../errors/domain-errors';
import { databaseViolation } from '../../errors/database-errors';
import type { Claim, ClaimKind, RebuttalStance, ReviewStatus } from '../../generated/prisma/client';
import type { DbClient, QueryRows } from '../../db/database';
import { NO_RELATIONS, PLAIN_PAGE, readById, readPage, type PageRead, type ReadPlan } from '../../db/nested-read';
import { beginCorrection, lockClaimStatus } from '../history/corrections';
import { reverifyFirstAppearance } from '../appearances/appearance.service';
import { inRecordedTransaction, type WriteContext } from '../history/recorded-transaction';
import { CLAIM_TABLE } from './claim.columns';

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
  constructor(
    private readonly prisma: DbClient,
    private readonly queryRows: QueryRows,
  ) {}

  /** A page of the claims matching the query, in id order, with what `read` asks for, in one statement. */
  list(query: ClaimQuery, request: PageRequest, read: PageRead = PLAIN_PAGE): Promise<Page<ClaimRecord>> {
    return readPage(this.queryRows, CLAIM_TABLE, claimCondition(query), pageWindow(request), read);
  }

  /** The claim, with what `plan` asks for, in one statement. */
  findById(id: string, plan: ReadPlan = NO_RELATIONS): Promise<ClaimRecord | null> {
    return readById(this.queryRows, CLAIM_TABLE, id, plan);
  }

  /** Creates the claim and the rebuttals it makes in one statement: all of it, or nothing. */
  async create(data: ClaimData, write: WriteContext): Promise<ClaimRecord> {
    const rebuts = data.rebuts ?? [];
    const targets = rebuts.map((rebut) => rebut.claimId);
    if (new Set(targets).size !== targets.length) {
      throw new InvalidInput('rebuts names the same claim twice; one rebuttal per claim', { field: 'rebuts' });
    }
    try {
      return await inRecordedTransaction(this.prisma, write, (tx) =>
        tx.claim.create({
          data: {
            text: data.text,
            kind: data.kind,
            statedAt: data.statedAt ?? null,
            speakerId: data.speakerId,
            sourceId: data.sourceId ?? null,
            rebuts: {
              create: rebuts.map((rebut, index) => ({
                claimId: targets[index]!,
                stance: rebut.stance,
                rationale: rebut.rationale ?? null,
              })),
            },
          },
        }),
      );
    } catch (error) {
      throw translate(error, data);
    }
  }

  /** Changing a PUBLISHED claim is a correction (history/corrections.ts). */
  async update(id: string, changes: ClaimChanges, write: WriteContext): Promise<ClaimRecord> {
    try {
      return await inRecordedTransaction(this.prisma, write, async (tx) => {
        const status = await lockClaimStatus(tx, id);
        if (status === undefined) throw new NotFound('Claim', id, { field: 'id' });
        if (status === 'PUBLISHED') await beginCorrection(tx, write, 'change a published claim');
        const { speakerId, sourceId } = changes;
        const updated = await tx.claim.update({
          where: { id },
          data: {
            text: changes.text ?? undefined,
            kind: changes.kind ?? undefined,
            statedAt: changes.statedAt,
            speakerId: speakerId ?? undefined,
            sourceId,
          },
        });
        // The database moved the first appearance with source_id; its anchor is checked against the new text here.
        if (sourceId) await reverifyFirstAppearance(tx, id);
        return updated;
      });
    } catch (error) {
      throw translate(error, changes, id);
    }
  }

  /** Deletes the claim and, by the foreign keys' cascade, every rebuttal edge it stands on. */
  async delete(id: string, write: WriteContext): Promise<ClaimRecord> {
    try {
      return await inRecordedTransaction(this.prisma, write, (tx) => tx.claim.delete({ where: { id } }));
    } catch (error) {
      throw translate(error, {}, id);
    }
  }
}

/** The filter checked, with empty conditions dropped. */
function checkFilter(query: ClaimQuery) {
  if (query.statedFrom && query.statedTo && query.statedFrom > query.statedTo) {
    throw new InvalidInput('statedTo is before statedFrom', { field: 'statedTo' });
  }
  return {
    speakerId: query.speakerId || undefined,
    sourceId: query.sourceId || undefined,
    kind: query.kind ?? undefined,
    statedFrom: query.statedFrom ?? undefined,
    statedTo: query.statedTo ?? undefined,
    reviewStatus: query.reviewStatus ?? undefined,
    text: query.text?.trim() || undefined,
  };
}

/** The query as a condition on the claims table read under its own name (search reads it so too). */
export function claimCondition(query: ClaimQuery): RawBuilder<unknown> {
  const filter = checkFilter(query);
  const column = CLAIM_TABLE.ref;
  const conditions = [
    filter.speakerId && sql`${column('speakerId')} = ${filter.speakerId}::uuid`,
    filter.sourceId && sql`${column('sourceId')} = ${filter.sourceId}::uuid`,
    filter.kind && sql`${column('kind')} = ${filter.kind}::claim_kind`,
    filter.statedFrom && sql`${column('statedAt')} >= ${formatLocalDate(filter.statedFrom)}::date`,
    filter.statedTo && sql`${column('statedAt')} <= ${formatLocalDate(filter.statedTo)}::date`,
    filter.reviewStatus && sql`${column('reviewStatus')} = ANY(${filter.reviewStatus}::text[]::review_status[])`,
    filter.text && sql`${column('text')} ILIKE ${`%${escapeLike(filter.text)}%`}`,
  ].filter((condition): condition is RawBuilder<unknown> => Boolean(condition));
  return conditions.length > 0 ? sql.join(conditions, sql` AND `) : sql`TRUE`;
}

function translate(error: unknown, data: { speakerId?: string | null; sourceId?: string | null }, id?: string): unknown {
  const violation = databaseViolation(error);
  if (violation?.kind === 'foreign-key') {
    if (violation.constraint.includes('speaker')) {
      return new InvalidInput(`No speaker has id ${data.speakerId}`, { field: 'speakerId' });
    }
    if (violation.constraint.includes('source')) {
      return new InvalidInput(`No source has id ${data.sourceId}`, { field: 'sourceId' });
    }
    return new InvalidInput('rebuts names a claim that does not exist', { field: 'rebuts' });
  }
  if (violation?.kind === 'record-not-found' && id) return new NotFound('Claim', id, { field: 'id' });
  if (violation?.kind === 'unique') return new Conflict('The claim already rebuts one of those claims', { field: 'rebuts' });
  return error;
}
