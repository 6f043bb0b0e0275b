// Search results come in relevance order: rank (descending), then the day stated (latest first, unknown last), then
// id (descending). A hit's cursor carries that whole key, so the next page starts exactly after it (or the page before
// ends exactly before it).
import { decodeKeyCursor, encodeKeyCursor } from '../../common/pagination';
import { parseLocalDate } from '../../common/scalars';

export interface ClaimSearchKey {
  /** ts_rank_cd's value (a PostgreSQL real), compared again as a real. */
  rank: number;
  /** YYYY-MM-DD, or null when the day is unknown. */
  statedAt: string | null;
  id: string;
}

const LIST = 'claim-search';

export function encodeSearchCursor(key: ClaimSearchKey): string {
  return encodeKeyCursor(LIST, [key.rank, key.statedAt, key.id]);
}

export function decodeSearchCursor(cursor: string, field = 'after'): ClaimSearchKey {
  return decodeKeyCursor(
    cursor,
    LIST,
    ([rank, statedAt, id]) =>
      typeof rank === 'number' &&
      Number.isFinite(rank) &&
      (statedAt === null || (typeof statedAt === 'string' && parseLocalDate(statedAt))) &&
      typeof id === 'string'
        ? { rank, statedAt, id }
        : undefined,
    field,
  );
}
