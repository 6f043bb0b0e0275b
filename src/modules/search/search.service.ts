// Full-text search over claims, in PostgreSQL: each claim keeps a tsvector of its text and of its speaker's and
// source's names (kept by triggers, see the add_search migration) under a GIN index. The query is read by
// websearch_to_tsquery, which takes what people type into search boxes ("quoted phrases", or, -word) and never
// fails on bad syntax, so any string the client sends is safe to pass (as a bound parameter).
import { keysetWindow, toPage, type Page, type PageRequest } from '../../common/pagination';
import { formatLocalDate } from '../../common/scalars';
import { searchText } from '../../common/search-text';
import { sql } from 'kysely';
import type { Claim } from '../../generated/prisma/client';
import { CLAIM_TABLE } from '../claims/claim.columns';
import { claimCondition, type ClaimQuery } from '../claims/claim.service';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import type { QueryRows } from '../../db/database';
import { compiled } from '../../db/sql-builder';
import { nestedRow, PLAIN_PAGE, type PageRead } from '../../db/nested-read';

export interface ClaimSearchHitRecord {
  id: string;
  claim: Claim;
  rank: number;
  snippet: string;
}

// Quotes up to 35 words are shown whole; a longer text as the stretch of it that best covers the matches.
const HEADLINE_OPTIONS = 'StartSel="<mark>", StopSel="</mark>", MinWords=15, MaxWords=35';

interface HitRow {
  rank: number;
  snippet: string;
  claim: Record<string, unknown>;
  total: number | null;
}

export class ClaimSearchService {
  constructor(private readonly queryRows: QueryRows) {}

  /** A page of hits, with what `read` asks for of their claims and their total, in one statement. */
  async search(query: string, filter: ClaimQuery, request: PageRequest, read: PageRead = PLAIN_PAGE): Promise<Page<ClaimSearchHitRecord>> {
    const text = searchText(query, 'query');
    const conditions = claimCondition(filter);
    const window = keysetWindow(request, decodeSearchCursor);
    // Unknown days sort last: '-infinity' stands in for them in the key, so one row comparison pages the whole order.
    // Backward, the hits before the cursor's (greater keys), fetched nearest it first: toPage puts them back in order.
    const key = window.cursorKey;
    const cursor = key
      ? sql`AND (ts_rank_cd(claims.search_vector, q.query, 32), coalesce(claims.stated_at, '-infinity'::date), claims.id)
          ${sql.raw(window.backward ? '>' : '<')} (${key.rank}::real, coalesce(${key.statedAt}::date, '-infinity'::date), ${key.id}::uuid)`
      : sql``;
    const order = sql.raw(window.backward ? 'ASC' : 'DESC');
    const countQuery = sql`(SELECT count(*)::int FROM claims WHERE claims.search_vector @@ websearch_to_tsquery('english', ${text}) AND ${conditions})`;
    const claim = nestedRow(CLAIM_TABLE, read.plan);
    // The headline is made for the page only, after the limit. The text is HTML-escaped before it is marked up: the
    // parser reads the escapes as entities, not words, so what matches is unchanged. The claims are joined again by
    // id after the limit, for their JSON with its relations (20 primary-key lookups).
    const rows = await this.queryRows<HitRow>(
      compiled(sql`
      WITH q AS (SELECT websearch_to_tsquery('english', ${text}) AS query)
      SELECT hit.rank, ts_headline('english', replace(replace(replace(claims.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), q.query, ${HEADLINE_OPTIONS}) AS snippet,
        ${claim.json} AS claim, ${read.count ? countQuery : sql`NULL::int`} AS total
      FROM (
        SELECT claims.id, claims.stated_at, ts_rank_cd(claims.search_vector, q.query, 32) AS rank
        FROM claims, q
        WHERE claims.search_vector @@ q.query AND ${conditions} ${cursor}
        ORDER BY rank ${order}, coalesce(claims.stated_at, '-infinity'::date) ${order}, claims.id ${order}
        LIMIT ${window.take}
      ) hit JOIN claims ON claims.id = hit.id, q
      ORDER BY hit.rank ${order}, coalesce(hit.stated_at, '-infinity'::date) ${order}, hit.id ${order}`),
    );
    const hits = rows.map((row) => {
      const record = claim.read(row.claim);
      return { id: record.id, claim: record, rank: row.rank, snippet: row.snippet };
    });
    // A page past the last hit has no row to carry the total on: it is counted apart, as when it is not asked for.
    const total = rows[0]?.total;
    return toPage(
      hits,
      window,
      async () => total ?? (await this.queryRows<{ count: number }>(compiled(sql`SELECT ${countQuery} AS count`)))[0]!.count,
      (hit) =>
        encodeSearchCursor({ rank: hit.rank, statedAt: (hit.claim.statedAt && formatLocalDate(hit.claim.statedAt)) ?? null, id: hit.id }),
    );
  }
}
