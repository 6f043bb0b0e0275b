// Appearances and sources' text: where a claim appears, anchored to the words of a source's stored text, and whether
// the words stand there (anchoring.ts). Every write that can change a verification (an anchor set, a text set)
// stores it anew in the same transaction, so reads are cheap; claims.source_id follows the first appearance's source.
import { createHash } from 'node:crypto';
import { canonicalLanguageTag } from '../../common/language-tag';
import { InvalidInput, NotFound } from '../../errors/domain-errors';
import { databaseViolation } from '../../errors/database-errors';
import type { Appearance, ClaimKind, SourceText } from '../../generated/prisma/client';
import type { DbClient } from '../../db/database';
import { inRecordedTransaction, type WriteContext } from '../history/recorded-transaction';
import { locateAnchor, quoteStandsIn, verifyAnchor, type AnchorRequest, type StoredAnchor, type TextAnchor } from './anchoring';

export type AppearanceRecord = Appearance;

export interface AnchorData extends AnchorRequest {
  startSeconds?: number | null;
  endSeconds?: number | null;
}

export interface AppearanceData {
  claimId: string;
  sourceId: string;
  anchor?: AnchorData | null;
  isFirst?: boolean | null;
}

export interface AppearanceChanges {
  sourceId?: string | null;
  /** null removes the anchor. */
  anchor?: AnchorData | null;
  isFirst?: boolean | null;
}

export interface SourceContentData {
  sourceId: string;
  content: string;
  language?: string | null;
  retrievedAt?: Date | null;
}

/** The columns an anchor sets, with its verification. */
type AnchorColumns = Pick<
  Appearance,
  | 'exact'
  | 'prefix'
  | 'suffix'
  | 'startOffset'
  | 'endOffset'
  | 'startSeconds'
  | 'endSeconds'
  | 'verification'
  | 'closestStart'
  | 'closestEnd'
  | 'verifiedAt'
>;

/** An appearance without an anchor (or one whose anchor is not yet found in a text): every anchor column empty. */
export const UNANCHORED: Readonly<AnchorColumns> = {
  exact: null,
  prefix: null,
  suffix: null,
  startOffset: null,
  endOffset: null,
  startSeconds: null,
  endSeconds: null,
  verification: 'UNVERIFIED',
  closestStart: null,
  closestEnd: null,
  verifiedAt: null,
};

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The columns for an anchor into a source with `content` (null: the source has no text yet, so the anchor is kept as
 * given, UNVERIFIED), for a claim of `kind` with `claimText`. Throws InvalidInput naming `field`'s part at fault.
 * Exported for the seed and importers, which anchor the same way.
 */
export function anchorColumns(
  content: string | null,
  anchor: AnchorData,
  claim: { kind: ClaimKind; text: string },
  field: string,
): AnchorColumns {
  const seconds = { startSeconds: anchor.startSeconds ?? null, endSeconds: anchor.endSeconds ?? null };
  if (seconds.startSeconds !== null && seconds.endSeconds !== null && seconds.endSeconds < seconds.startSeconds) {
    throw new InvalidInput('endSeconds is before startSeconds', { field: `${field}.endSeconds` });
  }
  const request: AnchorRequest = { ...anchor, exact: anchor.exact?.normalize('NFC') ?? null };
  if (content === null) {
    if (!request.exact) throw new InvalidInput('Without a stored text, an anchor needs its exact text', { field: `${field}.exact` });
    return { ...UNANCHORED, ...seconds, exact: request.exact, prefix: request.prefix ?? null, suffix: request.suffix ?? null };
  }
  const located = locateAnchor(content, request);
  if ('problem' in located) throw new InvalidInput(located.problem.message, { field: `${field}.${located.problem.field}` });
  if (claim.kind === 'QUOTE' && !quoteStandsIn(claim.text, located.anchor.exact)) {
    throw new InvalidInput("A QUOTE claim's anchor must contain the claim's text verbatim (after NFC, quotes and whitespace folded)", {
      field: `${field}.exact`,
    });
  }
  return { ...UNANCHORED, ...seconds, ...positioned(located.anchor), verification: 'VERIFIED', verifiedAt: new Date() };
}

const positioned = (anchor: TextAnchor) => ({
  exact: anchor.exact,
  prefix: anchor.prefix,
  suffix: anchor.suffix,
  startOffset: anchor.start,
  endOffset: anchor.end,
});

/** The verification of a stored appearance against `content` as it stands: the columns that change. */
export function reverified(content: string | null, appearance: AnchorColumns): Partial<AnchorColumns> {
  if (appearance.exact === null) return {};
  const stored: StoredAnchor = {
    exact: appearance.exact,
    prefix: appearance.prefix,
    suffix: appearance.suffix,
    start: appearance.startOffset,
    end: appearance.endOffset,
  };
  const result = verifyAnchor(content, stored);
  return {
    exact: result.anchor.exact,
    prefix: result.anchor.prefix,
    suffix: result.anchor.suffix,
    startOffset: result.anchor.start,
    endOffset: result.anchor.end,
    verification: result.verification,
    closestStart: result.closest?.start ?? null,
    closestEnd: result.closest?.end ?? null,
    verifiedAt: content === null ? null : new Date(),
  };
}

export class AppearanceService {
  constructor(private readonly prisma: DbClient) {}

  findById(id: string): Promise<AppearanceRecord | null> {
    return this.prisma.appearance.findUnique({ where: { id } });
  }

  /** Sets or replaces the source's text (NFC) and re-checks every anchor into it, in one transaction. */
  async setSourceContent(data: SourceContentData, write: WriteContext): Promise<SourceText> {
    const content = data.content.normalize('NFC');
    let language: string | null = null;
    if (data.language) {
      language = canonicalLanguageTag(data.language) ?? null;
      if (!language) throw new InvalidInput(`${JSON.stringify(data.language)} is not a BCP 47 language tag`, { field: 'input.language' });
    }
    const columns = { content, contentHash: sha256Hex(content), language, retrievedAt: data.retrievedAt ?? null };
    try {
      return await inRecordedTransaction(this.prisma, write, (tx) => storeSourceText(tx, data.sourceId, columns), { timeout: 30_000 });
    } catch (error) {
      throw databaseViolation(error)?.kind === 'foreign-key' ? new NotFound('Source', data.sourceId, { field: 'input.sourceId' }) : error;
    }
  }

  async add(data: AppearanceData, write: WriteContext): Promise<AppearanceRecord> {
    return inRecordedTransaction(this.prisma, write, async (tx) => {
      const claim = await tx.claim.findUnique({ where: { id: data.claimId }, select: { kind: true, text: true } });
      if (!claim) throw new NotFound('Claim', data.claimId, { field: 'input.claimId' });
      const content = await contentOf(tx, data.sourceId, 'input.sourceId');
      const anchor = data.anchor ? anchorColumns(content, data.anchor, claim, 'input.anchor') : UNANCHORED;
      const isFirst = data.isFirst === true || (await tx.appearance.count({ where: { claimId: data.claimId } })) === 0;
      if (isFirst) await tx.appearance.updateMany({ where: { claimId: data.claimId, isFirst: true }, data: { isFirst: false } });
      const created = await tx.appearance.create({ data: { claimId: data.claimId, sourceId: data.sourceId, isFirst, ...anchor } });
      if (isFirst) await tx.claim.update({ where: { id: data.claimId }, data: { sourceId: data.sourceId } });
      return created;
    });
  }

  /** Moves the appearance: another source, another anchor (null removes it), or made the first. */
  async update(id: string, changes: AppearanceChanges, write: WriteContext): Promise<AppearanceRecord> {
    return inRecordedTransaction(this.prisma, write, async (tx) => {
      const current = await tx.appearance.findUnique({ where: { id }, include: { claim: { select: { kind: true, text: true } } } });
      if (!current) throw new NotFound('Appearance', id, { field: 'id' });
      const sourceId = changes.sourceId ?? current.sourceId;
      const content = await contentOf(tx, sourceId, 'input.sourceId');
      let anchor: Partial<AnchorColumns> = {};
      if (changes.anchor !== undefined) {
        anchor = changes.anchor === null ? UNANCHORED : anchorColumns(content, changes.anchor, current.claim, 'input.anchor');
      } else if (sourceId !== current.sourceId) {
        // Positions into another text mean nothing: the anchor is placed anew where its exact text stands there.
        anchor = reverified(content, { ...current, startOffset: null, endOffset: null });
      }
      if (changes.isFirst === false && current.isFirst) {
        throw new InvalidInput('A claim keeps a first appearance: make another appearance the first instead', { field: 'input.isFirst' });
      }
      const isFirst = changes.isFirst === true || current.isFirst;
      if (isFirst && !current.isFirst) {
        await tx.appearance.updateMany({ where: { claimId: current.claimId, isFirst: true }, data: { isFirst: false } });
      }
      const updated = await tx.appearance.update({ where: { id }, data: { sourceId, isFirst, ...anchor } });
      if (isFirst) await tx.claim.update({ where: { id: current.claimId }, data: { sourceId } });
      return updated;
    });
  }

  /** Removes the appearance; when it was the first, the claim's oldest other appearance becomes the first (or none). */
  async remove(id: string, write: WriteContext): Promise<AppearanceRecord> {
    return inRecordedTransaction(this.prisma, write, async (tx) => {
      const removed = await tx.appearance.delete({ where: { id } }).catch((error: unknown) => {
        throw databaseViolation(error)?.kind === 'record-not-found' ? new NotFound('Appearance', id, { field: 'id' }) : error;
      });
      if (removed.isFirst) {
        const next = await tx.appearance.findFirst({ where: { claimId: removed.claimId }, orderBy: { id: 'asc' } });
        if (next) await tx.appearance.update({ where: { id: next.id }, data: { isFirst: true } });
        await tx.claim.update({ where: { id: removed.claimId }, data: { sourceId: next?.sourceId ?? null } });
      }
      return removed;
    });
  }
}

/** The source's text (null when it has none); NotFound naming `field` when there is no such source. */
async function contentOf(tx: DbClient, sourceId: string, field: string): Promise<string | null> {
  const source = await tx.source.findUnique({ where: { id: sourceId }, select: { text: { select: { content: true } } } });
  if (!source) throw new NotFound('Source', sourceId, { field });
  return source.text?.content ?? null;
}

/** Writes the source's text and re-checks every anchor into it; inside the caller's transaction (the seed's too). */
export async function storeSourceText(
  tx: DbClient,
  sourceId: string,
  columns: { content: string; contentHash: string; language: string | null; retrievedAt: Date | null },
): Promise<SourceText> {
  const text = await tx.sourceText.upsert({ where: { sourceId }, create: { sourceId, ...columns }, update: columns });
  const anchored = await tx.appearance.findMany({ where: { sourceId, exact: { not: null } } });
  for (const appearance of anchored) {
    const changes = reverified(text.content, appearance);
    // An anchor that still stands where it stood, in the same state, is left as it is: replacing a text (a typo
    // fixed elsewhere, the same text set again) writes, and records in history, only the appearances it moved.
    if (!changesAnchor(appearance, changes)) continue;
    await tx.appearance.update({ where: { id: appearance.id }, data: changes });
  }
  return text;
}

/** Whether re-checking changed anything but the time of the check (or checked it against a text for the first time). */
function changesAnchor(current: AnchorColumns, changes: Partial<AnchorColumns>): boolean {
  if (current.verifiedAt === null && changes.verifiedAt != null) return true;
  return Object.entries(changes).some(([column, value]) => column !== 'verifiedAt' && current[column as keyof AnchorColumns] !== value);
}

/**
 * Re-checks a claim's first appearance after claims.source_id moved it (the database moves it, unplaced: see the
 * sync_first_appearance trigger of the add_appearances migration), placing its anchor in the new source's text when
 * it stands there once. Inside the caller's transaction.
 */
export async function reverifyFirstAppearance(tx: DbClient, claimId: string): Promise<void> {
  const first = await tx.appearance.findFirst({ where: { claimId, isFirst: true, exact: { not: null } } });
  if (!first) return;
  const content = (await tx.sourceText.findUnique({ where: { sourceId: first.sourceId }, select: { content: true } }))?.content ?? null;
  await tx.appearance.update({ where: { id: first.id }, data: reverified(content, first) });
}
