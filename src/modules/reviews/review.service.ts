import { canonicalLanguageTag } from '../../common/language-tag';
import { escapeLike } from '../../common/like-pattern';
import { sql, type RawBuilder } from 'kysely';
import { pageWindow, type Page, type PageRequest } from '../../common/pagination';
import { Conflict, InvalidInput, NotFound } from '../../errors/domain-errors';
import { databaseViolation } from '../../errors/database-errors';
import type { Claim, Review, ReviewRating, ReviewStatus } from '../../generated/prisma/client';
import { allowedTransitions, canTransition, NEEDS_A_REVIEW } from './review-workflow';
import type { DbClient, QueryRows } from '../../db/database';
import { NO_RELATIONS, PLAIN_PAGE, readById, readPage, type PageRead, type ReadPlan } from '../../db/nested-read';
import { REVIEW_TABLE } from './review.columns';
import { PUBLISH_ROLE, requireRole } from '../../auth/permissions';
import { beginCorrection, lockClaimStatus } from '../history/corrections';
import { inRecordedTransaction, type WriteContext } from '../history/recorded-transaction';

export type ReviewRecord = Review;

export interface ReviewQuery {
  claimId?: string | null;
  rating?: ReviewRating[] | null;
  organizationName?: string | null;
  language?: string | null;
}

export interface ReviewData {
  claimId: string;
  rating: ReviewRating;
  organizationName: string;
  ratingText?: string | null;
  summary?: string | null;
  organizationUrl?: string | null;
  authorName?: string | null;
  url?: string | null;
  publishedAt?: Date | null;
  language?: string | null;
}

export type ReviewChanges = Partial<{ [K in keyof Omit<ReviewData, 'claimId'>]: ReviewData[K] | null }>;

/** Stored in canonical case, so that "de-de" and "de-DE" are one language to filters and exports. */
const canonicalLanguage = (language: string | null | undefined): string | null | undefined =>
  language == null ? language : (canonicalLanguageTag(language) ?? language);

export class ReviewService {
  constructor(
    private readonly prisma: DbClient,
    private readonly queryRows: QueryRows,
  ) {}

  /** A page of the reviews matching the query, in id order, with what `read` asks for, in one statement. */
  list(query: ReviewQuery, request: PageRequest, read: PageRead = PLAIN_PAGE): Promise<Page<ReviewRecord>> {
    return readPage(this.queryRows, REVIEW_TABLE, reviewCondition(query), pageWindow(request), read);
  }

  /** The review, with what `plan` asks for, in one statement. */
  findById(id: string, plan: ReadPlan = NO_RELATIONS): Promise<ReviewRecord | null> {
    return readById(this.queryRows, REVIEW_TABLE, id, plan);
  }

  /** A review of a PUBLISHED claim changes the published verdict: it is a correction (history/corrections.ts). */
  async create(data: ReviewData, write: WriteContext): Promise<ReviewRecord> {
    const { claimId } = data;
    try {
      return await inRecordedTransaction(this.prisma, write, async (tx) => {
        const status = await lockClaimStatus(tx, claimId);
        if (status === undefined) throw new InvalidInput(`No claim has id ${claimId}`, { field: 'claimId' });
        if (status === 'PUBLISHED') await beginCorrection(tx, write, 'add a review to a published claim');
        return tx.review.create({ data: { ...data, claimId, language: canonicalLanguage(data.language) } });
      });
    } catch (error) {
      throw translate(error, data);
    }
  }

  /** Changing a review of a PUBLISHED claim is a correction (history/corrections.ts). */
  async update(reviewId: string, changes: ReviewChanges, write: WriteContext): Promise<ReviewRecord> {
    try {
      return await inRecordedTransaction(this.prisma, write, async (tx) => {
        const review = await tx.review.findUnique({ where: { id: reviewId }, select: { claimId: true } });
        if (!review) throw new NotFound('Review', reviewId, { field: 'id' });
        if ((await lockClaimStatus(tx, review.claimId)) === 'PUBLISHED')
          await beginCorrection(tx, write, 'change a review of a published claim');
        return tx.review.update({
          where: { id: reviewId },
          data: {
            rating: changes.rating ?? undefined,
            organizationName: changes.organizationName ?? undefined,
            ratingText: changes.ratingText,
            summary: changes.summary,
            organizationUrl: changes.organizationUrl,
            authorName: changes.authorName,
            url: changes.url,
            publishedAt: changes.publishedAt,
            language: canonicalLanguage(changes.language),
          },
        });
      });
    } catch (error) {
      throw translate(error, changes, reviewId);
    }
  }

  /**
   * Deletes the review, unless its claim is PUBLISHED: a published verdict changes only through a correction, so the
   * claim is retracted first (setClaimReviewStatus to IN_REVIEW, with its reason). The claim's row is locked while
   * checking, so a concurrent publish waits for the delete.
   */
  async delete(reviewId: string, write: WriteContext): Promise<ReviewRecord> {
    return inRecordedTransaction(this.prisma, write, async (tx) => {
      const review = await tx.review.findUnique({ where: { id: reviewId } });
      if (!review) throw new NotFound('Review', reviewId, { field: 'id' });
      if ((await lockClaimStatus(tx, review.claimId)) === 'PUBLISHED') {
        throw new Conflict(
          `Review ${reviewId} is part of the published verdict on claim ${review.claimId}; retract the claim first ` +
            '(setClaimReviewStatus to IN_REVIEW, with a reason), or correct the review with updateReview',
          { field: 'id' },
        );
      }
      return tx.review.delete({ where: { id: reviewId } });
    });
  }

  /**
   * Moves a claim along the review workflow (review-workflow.ts). Publishing and retracting need the publishing role,
   * and a retraction its reason (it is a correction). The move is one conditional UPDATE (WHERE the status is still
   * the one checked), so of two reviewers moving a claim from the same status, one wins and the other gets CONFLICT
   * instead of silently overwriting.
   */
  async setClaimStatus(claimId: string, status: ReviewStatus, write: WriteContext): Promise<Claim> {
    const claim = await this.prisma.claim.findUnique({ where: { id: claimId } });
    if (!claim) throw new NotFound('Claim', claimId, { field: 'id' });
    const from = claim.reviewStatus;
    if (!canTransition(from, status)) {
      const allowed = allowedTransitions(from);
      throw new InvalidInput(`A claim cannot move from ${from} to ${status}; from ${from} it can move to ${allowed.join(' or ')}`, {
        field: 'status',
        allowed,
      });
    }
    if (status === 'PUBLISHED') requireRole({ role: write.role }, PUBLISH_ROLE, 'publish a claim');
    const needsReview = NEEDS_A_REVIEW.has(status);
    if (needsReview && (await this.prisma.review.count({ where: { claimId } })) === 0) {
      throw new InvalidInput(`A claim needs at least one review to be ${status}; add one with createReview first`, { field: 'status' });
    }
    return inRecordedTransaction(this.prisma, write, async (tx) => {
      if (from === 'PUBLISHED') await beginCorrection(tx, write, 'retract a published claim');
      const { count } = await tx.claim.updateMany({
        where: { id: claimId, reviewStatus: from, ...(needsReview ? { reviews: { some: {} } } : {}) },
        data: { reviewStatus: status },
      });
      const current = await tx.claim.findUnique({ where: { id: claimId } });
      if (count === 0 || !current) {
        throw new Conflict(
          `Claim ${claimId} or its reviews changed while this request ran (it is now ${current?.reviewStatus ?? 'deleted'}); reload it and try again`,
          { field: 'status' },
        );
      }
      return current;
    });
  }
}

/** The query as a condition on the reviews table read under its own name. */
function reviewCondition(query: ReviewQuery): RawBuilder<unknown> {
  const organizationName = query.organizationName?.trim();
  const language = canonicalLanguage(query.language);
  const column = REVIEW_TABLE.ref;
  const conditions = [
    query.claimId && sql`${column('claimId')} = ${query.claimId}::uuid`,
    query.rating?.length && sql`${column('rating')} = ANY(${query.rating}::text[]::review_rating[])`,
    // ILIKE on the escaped name: a case-insensitive equality.
    organizationName && sql`${column('organizationName')} ILIKE ${escapeLike(organizationName)}`,
    language && sql`(${column('language')} = ${language} OR ${column('language')} LIKE ${`${escapeLike(language)}-%`})`,
  ].filter((condition): condition is RawBuilder<unknown> => Boolean(condition));
  return conditions.length > 0 ? sql.join(conditions, sql` AND `) : sql`TRUE`;
}

function translate(error: unknown, data: { claimId?: string; url?: string | null }, id?: string): unknown {
  const violation = databaseViolation(error);
  if (violation?.kind === 'foreign-key') return new InvalidInput(`No claim has id ${data.claimId}`, { field: 'claimId' });
  if (violation?.kind === 'unique') return new Conflict(`A review with url ${data.url} already exists`, { field: 'url' });
  if (violation?.kind === 'record-not-found' && id) return new NotFound('Review', id, { field: 'id' });
  return error;
}
