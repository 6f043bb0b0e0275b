// Cursor pagination, one way for every list: rows in ascending id order (ids are UUIDv7, so that is creation order),
// `first` rows after the opaque cursor `after`. Services return a Page; connection.type.ts turns it into a
// Relay-style connection. Search results come in another order (relevance): their cursors carry the whole sort key
// of the last row (keyset pagination), which always ends with the id, so that the order is total.
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

/** A page window over a composite sort key: rows after `afterKey` in the list's order (afterId is its id). */
export interface KeysetWindow<K extends { id: string }> extends PageWindow {
  afterKey: K | undefined;
}

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Counted only when a client asks for totalCount. */
  totalCount: () => Promise<number>;
  /** The cursor of a node, when the list is not in id order. */
  cursorOf?(node: T): string;
}

const CURSOR_PREFIX = 'id:';

export function encodeCursor(id: string): string {
  return Buffer.from(CURSOR_PREFIX + id, 'utf8').toString('base64url');
}

const foreignCursor = (field: string) =>
  new BadUserInputError(`${field} is not a cursor this API issued: pass an edge's cursor or pageInfo.endCursor`, { field });

export function decodeCursor(cursor: string, field = 'after'): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith(CURSOR_PREFIX)) throw foreignCursor(field);
  return parseId(decoded.slice(CURSOR_PREFIX.length), field);
}

/** A cursor holding a row's sort key, tagged with the list it belongs to so that lists cannot take each other's. */
export function encodeKeyCursor(list: string, key: readonly (string | number | null)[]): string {
  return Buffer.from(`${list}:${JSON.stringify(key)}`, 'utf8').toString('base64url');
}

/** The sort key in a cursor from encodeKeyCursor; `parse` checks its values and returns undefined when they are wrong. */
export function decodeKeyCursor<K extends { id: string }>(
  cursor: string,
  list: string,
  parse: (values: unknown[]) => K | undefined,
  field = 'after',
): K {
  const key = parse(keyCursorValues(cursor, list, field));
  if (!key) throw foreignCursor(field);
  return { ...key, id: parseId(key.id, field) };
}

/** The values of a cursor from encodeKeyCursor for `list` (an empty list when it holds no array). */
function keyCursorValues(cursor: string, list: string, field: string): unknown[] {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith(`${list}:`)) throw foreignCursor(field);
  try {
    const values: unknown = JSON.parse(decoded.slice(list.length + 1));
    return Array.isArray(values) ? values : [];
  } catch {
    throw foreignCursor(field);
  }
}

/** A positive bigint, as PostgreSQL's bigserial ids are written. */
const SEQUENCE_ID = /^[1-9]\d{0,18}$/;

/** The cursor of a row of a list in descending order of a bigint sequence id (history, newest first): that id. */
export function encodeSequenceCursor(list: string, id: string): string {
  return encodeKeyCursor(list, [id]);
}

/**
 * A page window over a list in descending order of a bigint sequence id (history entries, newest first): fetch `take`
 * rows with id < afterId. Its cursors come from encodeSequenceCursor with the same `list`.
 */
export function descendingSequenceWindow(request: PageRequest, list: string): PageWindow {
  const first = pageSize(request);
  if (!request.after) return { first, afterId: undefined, take: first + 1 };
  const [id, ...rest] = keyCursorValues(request.after, list, 'after');
  if (typeof id !== 'string' || !SEQUENCE_ID.test(id) || rest.length > 0) throw foreignCursor('after');
  return { first, afterId: id, take: first + 1 };
}

function pageSize(request: PageRequest): number {
  const first = request.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 0 and ${MAX_PAGE_SIZE} (got ${first}); page with after: pageInfo.endCursor`, {
      field: 'first',
    });
  }
  return first;
}

export function pageWindow(request: PageRequest): PageWindow {
  const first = pageSize(request);
  const afterId = request.after ? decodeCursor(request.after) : undefined;
  return { first, afterId, take: first + 1 };
}

export function keysetWindow<K extends { id: string }>(request: PageRequest, decodeKey: (cursor: string) => K): KeysetWindow<K> {
  const first = pageSize(request);
  const afterKey = request.after ? decodeKey(request.after) : undefined;
  return { first, afterId: afterKey?.id, afterKey, take: first + 1 };
}

/** Builds the page from rows fetched with `take` = first + 1. */
export function toPage<T>(rows: T[], window: PageWindow, totalCount: () => Promise<number>, cursorOf?: (node: T) => string): Page<T> {
  return {
    nodes: rows.slice(0, window.first),
    hasNextPage: rows.length > window.first,
    hasPreviousPage: window.afterId !== undefined,
    totalCount: memoize(totalCount),
    ...(cursorOf ? { cursorOf } : {}),
  };
}

function memoize<T>(compute: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= compute());
}
