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

export interface ClaimSearchHitRecord {
  id: string;
  claim: Claim;
  rank: number;
  snippet: string;
}

// Quotes up to 35 words are shown whole; a longer text as the stretch of it that best covers the matches.
const HEADLINE_OPTIONS = 'StartSel="<mark>", StopSel="</mark>", MinWords=15, MaxWords=35';

type HitRow = Claim & { rank: number; snippet: string };

export class ClaimSearchService {
  constructor(private readonly queryRows: QueryRows) {}

  async search(query: string, filter: ClaimQuery, request: PageRequest): Promise<Page<ClaimSearchHitRecord>> {
    const text = searchText(query, 'query');
    const conditions = claimCondition(filter);
    const window = keysetWindow(request, decodeSearchCursor);
    // Unknown days sort last: '-infinity' stands in for them in the key, so one row comparison pages the whole order.
    const after = window.afterKey
      ? sql`AND (ts_rank_cd(claims.search_vector, q.query, 32), coalesce(claims.stated_at, '-infinity'::date), claims.id)
          < (${window.afterKey.rank}::real, coalesce(${window.afterKey.statedAt}::date, '-infinity'::date), ${window.afterKey.id}::uuid)`
      : sql``;
    // The headline is made for the page only, after the limit. The text is HTML-escaped before it is marked up: the
    // parser reads the escapes as entities, not words, so what matches is unchanged.
    const rows = await this.queryRows<HitRow>(compiled(sql`
      WITH q AS (SELECT websearch_to_tsquery('english', ${text}) AS query)
      SELECT hit.*, ts_headline('english', replace(replace(replace(hit.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), q.query, ${HEADLINE_OPTIONS}) AS snippet
      FROM (
        SELECT ${CLAIM_TABLE.selection('claims')}, ts_rank_cd(claims.search_vector, q.query, 32) AS rank
        FROM claims, q
        WHERE claims.search_vector @@ q.query AND ${conditions} ${after}
        ORDER BY rank DESC, coalesce(claims.stated_at, '-infinity'::date) DESC, claims.id DESC
        LIMIT ${window.take}
      ) hit, q
      ORDER BY hit.rank DESC, coalesce(hit."statedAt", '-infinity'::date) DESC, hit.id DESC`));
    const hits = rows.map(({ rank, snippet, ...claim }) => ({ id: claim.id, claim, rank, snippet }));
    return toPage(
      hits,
      window,
      async () => {
        const [row] = await this.queryRows<{ count: number }>(compiled(sql`
          SELECT count(*)::int AS count FROM claims WHERE claims.search_vector @@ websearch_to_tsquery('english', ${text}) AND ${conditions}`));
        return row!.count;
      },
      (hit) => encodeSearchCursor({ rank: hit.rank, statedAt: (hit.claim.statedAt && formatLocalDate(hit.claim.statedAt)) ?? null, id: hit.id }),
    );
  }
}
