// Cursor pagination, one way for every list: rows in ascending id order (ids are UUIDv7, so that is creation order),
// `first` rows after the opaque cursor `after`, or `last` rows before the cursor `before`. Services return a Page; connection.type.ts turns it into a
// Relay-style connection. Search results come in another order (relevance): their cursors carry the whole sort key
// of the row (keyset pagination), which always ends with the id, so that the order is total.
import { parseId } from './ids';
import { InvalidInput } from '../errors/domain-errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * A page request checked and decoded. Forward (first/after): the first `size` rows after the cursor's row, in the
 * list's order. Backward (last/before): the last `size` rows before it. Either way fetch `take` rows (one more than
 * asked, to learn whether more follow) walking away from the cursor, so backward in the list's reverse order: toPage
 * puts them back in the list's order.
 */
export interface PageWindow {
  size: number;
  backward: boolean;
  /** The id of the row the cursor (after, or before paging backward) names; undefined from the list's start (end). */
  cursorId: string | undefined;
  take: number;
}

/** A page window over a composite sort key: rows after (or before) `cursorKey` in the list's order (cursorId is its id). */
export interface KeysetWindow<K extends { id: string }> extends PageWindow {
  cursorKey: K | undefined;
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
  new InvalidInput(
    `${field} is not a cursor this API issued: pass an edge's cursor or pageInfo.${field === 'before' ? 'startCursor' : 'endCursor'}`,
    {
      field,
    },
  );

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
 * A page window over a list in descending order of a bigint sequence id (history entries, newest first): forward,
 * rows with id < cursorId; backward, id > cursorId. Its cursors come from encodeSequenceCursor with the same `list`.
 */
export function descendingSequenceWindow(request: PageRequest, list: string): PageWindow {
  const { size, backward, cursor, cursorField } = checkedRequest(request);
  if (cursor === undefined) return { size, backward, cursorId: undefined, take: size + 1 };
  const [id, ...rest] = keyCursorValues(cursor, list, cursorField);
  if (typeof id !== 'string' || !SEQUENCE_ID.test(id) || rest.length > 0) throw foreignCursor(cursorField);
  return { size, backward, cursorId: id, take: size + 1 };
}

type CursorField = 'after' | 'before';

/**
 * The request's direction, size and cursor. The spec (https://relay.dev/graphql/connections.htm) lets first and last
 * come together and after with before; we refuse each mix, naming the argument, as a page is read one way from one
 * cursor: first with after forward, last with before backward. Without a size the page is DEFAULT_PAGE_SIZE long.
 */
function checkedRequest(request: PageRequest): { size: number; backward: boolean; cursor: string | undefined; cursorField: CursorField } {
  const { first, after, last, before } = request;
  if (first != null && last != null)
    refuse('last', 'Pass first or last, not both: first pages forward (with after), last backward (with before)');
  if (after != null && before != null)
    refuse('before', 'Pass after or before, not both: after pages forward (with first), before backward (with last)');
  if (last != null && after != null) refuse('after', 'after pages forward, with first: to page backward pass last with before');
  if (first != null && before != null) refuse('before', 'before pages backward, with last: to page forward pass first with after');
  const backward = last != null || before != null;
  return backward
    ? { size: pageSize(last, 'last'), backward, cursor: before ?? undefined, cursorField: 'before' }
    : { size: pageSize(first, 'first'), backward, cursor: after ?? undefined, cursorField: 'after' };
}

function refuse(field: keyof PageRequest, message: string): never {
  throw new InvalidInput(message, { field });
}

function pageSize(requested: number | null | undefined, field: 'first' | 'last'): number {
  const size = requested ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    const how = field === 'first' ? 'page with after: pageInfo.endCursor' : 'page back with before: pageInfo.startCursor';
    refuse(field, `${field} must be between 0 and ${MAX_PAGE_SIZE} (got ${size}); ${how}`);
  }
  return size;
}

/** A page size alone (lists that are not connections take `first`), checked as a connection's first is. */
export function listSize(first: number | null | undefined): number {
  return pageSize(first, 'first');
}

export function pageWindow(request: PageRequest): PageWindow {
  const { size, backward, cursor, cursorField } = checkedRequest(request);
  return { size, backward, cursorId: cursor === undefined ? undefined : decodeCursor(cursor, cursorField), take: size + 1 };
}

export function keysetWindow<K extends { id: string }>(
  request: PageRequest,
  decodeKey: (cursor: string, field: CursorField) => K,
): KeysetWindow<K> {
  const { size, backward, cursor, cursorField } = checkedRequest(request);
  const cursorKey = cursor === undefined ? undefined : decodeKey(cursor, cursorField);
  return { size, backward, cursorId: cursorKey?.id, cursorKey, take: size + 1 };
}

/**
 * Builds the page from rows fetched as the window says (up to `take`, walking away from the cursor). As the spec
 * allows, the page has a previous page, paging forward, when it starts after a cursor (the cursor's row comes before
 * it), and a next page, paging backward, when it ends before one; the other way is known from the extra row.
 */
export function toPage<T>(rows: T[], window: PageWindow, totalCount: () => Promise<number>, cursorOf?: (node: T) => string): Page<T> {
  const nodes = rows.slice(0, window.size);
  const more = rows.length > window.size;
  const fromCursor = window.cursorId !== undefined;
  return {
    nodes: window.backward ? nodes.reverse() : nodes,
    hasNextPage: window.backward ? fromCursor : more,
    hasPreviousPage: window.backward ? more : fromCursor,
    totalCount: memoize(totalCount),
    ...(cursorOf ? { cursorOf } : {}),
  };
}

function memoize<T>(compute: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= compute());
}
