// Reads of history: the list of entries, and records as they stood at an earlier instant, rebuilt from the state each
// entry keeps. Nothing here writes: history is written by the triggers alone (migration add_api_keys_and_history),
// and the table refuses any UPDATE or DELETE.
import { hasRole, requireRole, UNPUBLISHED_HISTORY_ROLE } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import { descendingSequenceWindow, toPage, type Page, type PageRequest } from '../../common/pagination';
import { keyWindowSql } from '../../db/key-window-sql';
import type { DbClient } from '../../db/database';
import { InvalidInput } from '../../errors/domain-errors';
import { Prisma } from '../../generated/prisma/client';
import type { HistoryAction, HistoryEntityType } from '../../generated/prisma/enums';
import { CLAIM_TABLE } from '../claims/claim.columns';
import type { ClaimRecord } from '../claims/claim.service';
import { REVIEW_TABLE } from '../reviews/review.columns';
import type { ReviewRecord } from '../reviews/review.service';
import {
  HISTORY_LIST,
  historyColumns,
  historyCursorOf,
  toHistoryEntry,
  visibleHistory,
  type HistoryEntryRecord,
  type HistoryEntryRow,
} from './history.sql';

export interface HistoryQuery {
  entityType?: HistoryEntityType | null;
  entityId?: string | null;
  actorId?: string | null;
  action?: HistoryAction | null;
  field?: string | null;
  since?: Date | null;
  until?: Date | null;
}

export const AS_OF_DESCRIPTION =
  'The record as it stood at this instant, rebuilt from its history (a claim with its text, status and reviews then; ' +
  'its speaker, source and rebuttals are read as they are now); null before it was created or after it was deleted. ' +
  `Below ${UNPUBLISHED_HISTORY_ROLE}, only for what belongs to a claim that is PUBLISHED now: otherwise FORBIDDEN ` +
  `naming ${UNPUBLISHED_HISTORY_ROLE} (UNAUTHENTICATED without a key), as for history.`;

/** A record rebuilt as it stood at `asOf`: the field resolvers read its relations as of the same instant. */
export type AsOf<T> = T & { asOf: Date };

/** Whether `record` is one rebuilt as of an earlier instant (and which). */
export function asOfOf(record: object): Date | undefined {
  return 'asOf' in record && record.asOf instanceof Date ? record.asOf : undefined;
}

/** The filter as SQL conditions on history_entries aliased `h`. */
export function historyConditions(query: HistoryQuery): Prisma.Sql {
  if (query.since && query.until && query.since > query.until) {
    throw new InvalidInput('until is before since', { field: 'until' });
  }
  const conditions = [
    query.entityType && Prisma.sql`h.entity_type = ${query.entityType}::history_entity_type`,
    query.entityId && Prisma.sql`h.entity_id = ${query.entityId}::uuid`,
    query.actorId && Prisma.sql`h.actor_key_id = ${query.actorId}::uuid`,
    query.action && Prisma.sql`h.action = ${query.action}::history_action`,
    query.field && Prisma.sql`h.changes -> ${query.field}::text IS NOT NULL`,
    query.since && Prisma.sql`h.recorded_at >= ${query.since}::timestamptz`,
    query.until && Prisma.sql`h.recorded_at <= ${query.until}::timestamptz`,
  ].filter((condition): condition is Prisma.Sql => Boolean(condition));
  return conditions.length > 0 ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
}

/** What an as-of read rebuilds: the entity, its table's row type, and the typed columns of a row aliased as they say. */
const AS_OF = {
  CLAIM: { rowType: Prisma.sql`NULL::claims`, alias: Prisma.raw('c'), columns: CLAIM_TABLE.sqlColumns('c'), noun: 'a claim' },
  REVIEW: {
    rowType: Prisma.sql`NULL::reviews`,
    alias: Prisma.raw('v'),
    columns: REVIEW_TABLE.sqlColumns('v'),
    noun: 'a review of a claim',
  },
} as const;

export class HistoryService {
  constructor(private readonly prisma: DbClient) {}

  /** Entries matching the query that the viewer may see, newest first. */
  async list(query: HistoryQuery, request: PageRequest, seesUnpublished: boolean): Promise<Page<HistoryEntryRecord>> {
    const window = descendingSequenceWindow(request, HISTORY_LIST);
    const where = Prisma.sql`${historyConditions(query)} AND ${visibleHistory(seesUnpublished)}`;
    const { cursor, order } = keyWindowSql(Prisma.sql`h.id`, 'bigint', window, true);
    const rows = await this.prisma.$queryRaw<HistoryEntryRow[]>`
      SELECT ${historyColumns(seesUnpublished)} FROM history_entries h
      WHERE ${where} AND ${cursor}
      ORDER BY h.id ${order}
      LIMIT ${window.take}`;
    const count = async () => {
      const [total] = await this.prisma.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM history_entries h WHERE ${where}`;
      return total?.count ?? 0;
    };
    return toPage(rows.map(toHistoryEntry), window, count, historyCursorOf);
  }

  claimAsOf(id: string, asOf: Date, viewer: Viewer | null): Promise<AsOf<ClaimRecord> | null> {
    return this.recordAsOf<ClaimRecord>('CLAIM', id, asOf, viewer);
  }

  reviewAsOf(id: string, asOf: Date, viewer: Viewer | null): Promise<AsOf<ReviewRecord> | null> {
    return this.recordAsOf<ReviewRecord>('REVIEW', id, asOf, viewer);
  }

  /**
   * The record as its latest entry at or before `asOf` left it (by recorded_at, then id, for entries of one
   * transaction), or null when there is none or it is a DELETE. PostgreSQL types the row from the entry's state
   * (jsonb_populate_record over the table's row type), and the usual typed columns read it. Below
   * UNPUBLISHED_HISTORY_ROLE, only records of a claim that is PUBLISHED now may be read so (as for history).
   */
  private async recordAsOf<T>(entity: keyof typeof AS_OF, entityId: string, asOf: Date, viewer: Viewer | null): Promise<AsOf<T> | null> {
    const { rowType, alias, columns, noun } = AS_OF[entity];
    if (!hasRole(viewer, UNPUBLISHED_HISTORY_ROLE)) {
      const [visible] = await this.prisma.$queryRaw<{ published: boolean }[]>`
        SELECT EXISTS (
          SELECT 1 FROM claims p WHERE p.review_status = 'PUBLISHED' AND p.id = (
            SELECT e.claim_id FROM history_entries e
            WHERE e.entity_type = ${entity}::history_entity_type AND e.entity_id = ${entityId}::uuid ORDER BY e.id DESC LIMIT 1)
        ) AS published`;
      if (!visible?.published) requireRole(viewer, UNPUBLISHED_HISTORY_ROLE, `read ${noun} that is not published as of an earlier instant`);
    }
    const [row] = await this.prisma.$queryRaw<T[]>`
      SELECT ${columns}
      FROM (
        SELECT e.action, e.state FROM history_entries e
        WHERE e.entity_type = ${entity}::history_entity_type AND e.entity_id = ${entityId}::uuid AND e.recorded_at <= ${asOf}::timestamptz
        ORDER BY e.recorded_at DESC, e.id DESC
        LIMIT 1
      ) h
      CROSS JOIN LATERAL jsonb_populate_record(${rowType}, h.state) ${alias}
      WHERE h.action <> 'DELETE'`;
    return row ? { ...row, asOf } : null;
  }
}
