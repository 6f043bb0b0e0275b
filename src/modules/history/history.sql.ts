// The SQL shared by the history reads (the root list, each entity's history, corrections) and the mapping of its rows
// to the API's shape. Visibility is a condition in the statement, never a filter over a page already read, so pages
// and totals count only what the viewer may see.
import { Prisma } from '../../generated/prisma/client';
import type { ActorKind, HistoryAction, HistoryEntityType } from '../../generated/prisma/enums';
import { encodeSequenceCursor } from '../../common/pagination';
import type { FieldChange, HistoryEntry } from './history.type';

/** The list name history cursors carry (pagination.ts). */
export const HISTORY_LIST = 'history';

export const historyCursorOf = (entry: { id: string }): string => encodeSequenceCursor(HISTORY_LIST, entry.id);

/** A history_entries row as the statements below select it. */
export interface HistoryEntryRow {
  id: string;
  entityType: HistoryEntityType;
  entityId: string;
  claimId: string | null;
  action: HistoryAction;
  actorKind: ActorKind;
  actorKeyId: string | null;
  actorName: string;
  changes: Record<string, { before?: unknown; after?: unknown }>;
  reason: string | null;
  isCorrection: boolean;
  requestId: string | null;
  recordedAt: Date;
}

export type HistoryEntryRecord = HistoryEntry;

/**
 * The columns of history_entries aliased `h`. The request id only for those who see all history (HistoryEntry.requestId
 * says why); the bigint id as text, as JavaScript numbers cannot hold every bigint.
 */
export function historyColumns(seesUnpublished: boolean): Prisma.Sql {
  return Prisma.sql`h.id::text AS id, h.entity_type::text AS "entityType", h.entity_id AS "entityId", h.claim_id AS "claimId",
    h.action::text AS action, h.actor_kind::text AS "actorKind", h.actor_key_id AS "actorKeyId", h.actor_name AS "actorName",
    h.changes, h.reason, h.is_correction AS "isCorrection", ${seesUnpublished ? Prisma.sql`h.request_id` : Prisma.sql`NULL::text`} AS "requestId",
    h.recorded_at AS "recordedAt"`;
}

/**
 * Which entries of history_entries aliased `h` the viewer may read: all for UNPUBLISHED_HISTORY_ROLE and above;
 * otherwise those of speakers and sources, and those of anything that belongs to a claim that is PUBLISHED now (a
 * deleted claim is not).
 */
export function visibleHistory(seesUnpublished: boolean): Prisma.Sql {
  if (seesUnpublished) return Prisma.sql`TRUE`;
  return Prisma.sql`(h.claim_id IS NULL OR EXISTS (SELECT 1 FROM claims p WHERE p.id = h.claim_id AND p.review_status = 'PUBLISHED'))`;
}

/** The entry as the API shows it: the actor as one object, the changes as a list in field order. */
export function toHistoryEntry(row: HistoryEntryRow): HistoryEntryRecord {
  const changes: FieldChange[] = Object.keys(row.changes)
    .sort()
    .map((field) => ({ field, before: row.changes[field]?.before ?? null, after: row.changes[field]?.after ?? null }));
  return {
    id: row.id,
    entityType: row.entityType,
    entityId: row.entityId,
    claimId: row.claimId,
    action: row.action,
    actor: { kind: row.actorKind, keyId: row.actorKind === 'API_KEY' ? row.actorKeyId : null, name: row.actorName },
    recordedAt: row.recordedAt,
    changes,
    reason: row.reason,
    isCorrection: row.isCorrection,
    requestId: row.requestId,
  };
}
