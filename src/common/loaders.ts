// The DataLoader shapes every module builds its relation loaders from. Batch functions map their results back over
// the input keys, so order is kept and a missing key gets null (or an empty list), never another key's row.
// Each takes the request's abort signal: once the operation's time budget has run out or its client has gone, a batch
// fails with the signal's reason instead of sending its statement, so abandoned work stops reaching the database.
import DataLoader from 'dataloader';
import type { DbClient } from '../db/database';
import { keyWindowSql } from '../db/key-window-sql';
import { Prisma } from '../generated/prisma/client';
import { toPage, type Page, type PageWindow } from './pagination';

/** One row per id, or null. */
export function createByIdLoader<T extends { id: string }>(
  fetch: (ids: readonly string[]) => Promise<T[]>,
  signal: AbortSignal,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    signal.throwIfAborted();
    const byId = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** All rows whose `groupOf` is the key, in the order fetched. */
export function createGroupLoader<T>(
  fetch: (keys: readonly string[]) => Promise<T[]>,
  groupOf: (row: T) => string,
  signal: AbortSignal,
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    signal.throwIfAborted();
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) groups.get(groupOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** A count per key (0 when absent). */
export function createCountLoader(
  fetch: (keys: readonly string[]) => Promise<Map<string, number>>,
  signal: AbortSignal,
): DataLoader<string, number> {
  return new DataLoader(async (keys) => {
    signal.throwIfAborted();
    const counts = await fetch(keys);
    return keys.map((key) => counts.get(key) ?? 0);
  });
}

export interface ChildPageKey {
  parentId: string;
  /** Checked by pageWindow() before the load, so a bad argument fails its own field, not the whole batch. */
  window: PageWindow;
}

/** What tells page windows apart: the loaders' cache keys, and the planner's relations (read-plan.ts). */
export const windowKey = (window: PageWindow): string => `${window.size}${window.backward ? '<' : '>'}${window.cursorId ?? ''}`;

/** Pages of children by parent and window; primeRows fills in a page read elsewhere (a nested read). */
export interface ChildPageLoader<T> extends DataLoader<ChildPageKey, Page<T>, string> {
  /** `rows` as fetched for the window (up to window.take); `count`: the parent's total, when it was read too. */
  primeRows(key: ChildPageKey, rows: T[], count: number | undefined): void;
}

/**
 * A page of a parent's children (a speaker's claims, say) for many parents at once. Keys asking for the same window
 * share one fetch; `fetchWindow` returns up to window.take rows per parent, each tagged with its parent id.
 * `cursorOf`: the cursor of a child, for lists not in uuid order (see Page.cursorOf).
 */
export function createChildPageLoader<T extends { id: string }>(
  fetchWindow: (parentIds: string[], window: PageWindow) => Promise<(T & { parentId: string })[]>,
  countLoader: DataLoader<string, number>,
  signal: AbortSignal,
  cursorOf?: (node: T) => string,
): ChildPageLoader<T> {
  const loader = new DataLoader<ChildPageKey, Page<T>, string>(
    async (keys) => {
      signal.throwIfAborted();
      const groups = new Map<string, { window: PageWindow; parentIds: string[] }>();
      for (const { parentId, window } of keys) {
        const group = groups.get(windowKey(window)) ?? { window, parentIds: [] };
        group.parentIds.push(parentId);
        groups.set(windowKey(window), group);
      }
      const rowsByKey = new Map<string, T[]>();
      await Promise.all(
        [...groups].map(async ([groupKey, { window, parentIds }]) => {
          for (const row of await fetchWindow(parentIds, window)) {
            const key = `${groupKey}|${row.parentId}`;
            const rows = rowsByKey.get(key);
            if (rows) rows.push(row);
            else rowsByKey.set(key, [row]);
          }
        }),
      );
      return keys.map(({ parentId, window }) =>
        toPage(rowsByKey.get(`${windowKey(window)}|${parentId}`) ?? [], window, () => countLoader.load(parentId), cursorOf),
      );
    },
    { cacheKeyFn: ({ parentId, window }) => `${windowKey(window)}|${parentId}` },
  );
  return Object.assign(loader, {
    primeRows({ parentId, window }: ChildPageKey, rows: T[], count: number | undefined) {
      const total = count === undefined ? () => countLoader.load(parentId) : () => Promise.resolve(count);
      loader.prime({ parentId, window }, toPage(rows, window, total, cursorOf));
    },
  });
}

/** A table whose rows are pages of children of a parent row, through the parent's id in `parentColumn`. */
export interface ChildTable {
  table: string;
  parentColumn: string;
  /** The alias `columns` read the row from. */
  alias: string;
  /** The row's columns named as Prisma names the model's fields. */
  columns: Prisma.Sql;
}

/**
 * createChildPageLoader over a table, with its totals: one statement per batch of parents for a page window, in which
 * a LATERAL subquery per parent walks the (parent column, id) index, so a parent with 50,000 children costs no more
 * than one with five; and one more for the totals, when asked for.
 */
export function createTableChildPageLoader<T extends { id: string }>(
  prisma: DbClient,
  source: ChildTable,
  signal: AbortSignal,
): ChildPageLoader<T> {
  const table = Prisma.raw(source.table);
  const column = Prisma.raw(source.parentColumn);
  const alias = Prisma.raw(source.alias);
  const fetchWindow = (parentIds: string[], window: PageWindow) => {
    const { cursor, order } = keyWindowSql(Prisma.sql`id`, 'uuid', window);
    return prisma.$queryRaw<(T & { parentId: string })[]>`
      SELECT p.parent_id AS "parentId", ${source.columns}
      FROM unnest(${parentIds}::uuid[]) AS p(parent_id)
      CROSS JOIN LATERAL (
        SELECT * FROM ${table}
        WHERE ${column} = p.parent_id AND ${cursor}
        ORDER BY id ${order}
        LIMIT ${window.take}
      ) ${alias}
      ORDER BY p.parent_id, ${alias}.id ${order}`;
  };
  const countLoader = createCountLoader(async (parentIds) => {
    const rows = await prisma.$queryRaw<{ parentId: string; count: number }[]>`
      SELECT ${column} AS "parentId", count(*)::int AS count FROM ${table} WHERE ${column} = ANY(${[...parentIds]}::uuid[]) GROUP BY ${column}`;
    return new Map(rows.map((row) => [row.parentId, row.count]));
  }, signal);
  return createChildPageLoader<T>(fetchWindow, countLoader, signal);
}
