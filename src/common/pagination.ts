// Cursor pagination, one way for every list: rows in ascending id order (ids are UUIDv7, so that is creation order),
// `first` rows after the opaque cursor `after`. Services return a Page; connection.type.ts turns it into a
// Relay-style connection.
import { parseId } from './ids';
import { BadUserInputError } from '../errors/app-errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

/** A page request checked and decoded: fetch `take` rows (one more than asked, to learn whether more follow) with id > afterId. */
export interface PageWindow {
  first: number;
  afterId: string | undefined;
  take: number;
}

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Counted only when a client asks for totalCount. */
  totalCount: () => Promise<number>;
}

const CURSOR_PREFIX = 'id:';

export function encodeCursor(id: string): string {
  return Buffer.from(CURSOR_PREFIX + id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith(CURSOR_PREFIX)) {
    throw new BadUserInputError(`${field} is not a cursor this API issued: pass an edge's cursor or pageInfo.endCursor`, { field });
  }
  return parseId(decoded.slice(CURSOR_PREFIX.length), field);
}

export function pageWindow(request: PageRequest): PageWindow {
  const first = request.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 0 and ${MAX_PAGE_SIZE} (got ${first}); page with after: pageInfo.endCursor`, {
      field: 'first',
    });
  }
  const afterId = request.after ? decodeCursor(request.after) : undefined;
  return { first, afterId, take: first + 1 };
}

/** Builds the page from rows fetched with `take` = first + 1. */
export function toPage<T>(rows: T[], window: PageWindow, totalCount: () => Promise<number>): Page<T> {
  return {
    nodes: rows.slice(0, window.first),
    hasNextPage: rows.length > window.first,
    hasPreviousPage: window.afterId !== undefined,
    totalCount: memoize(totalCount),
  };
}

function memoize<T>(compute: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= compute());
}
