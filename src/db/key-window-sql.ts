// A page window (common/pagination.ts) over a list in the order of one key column, as raw SQL for Prisma's tagged
// statements: the loaders' LATERAL pages and the history list share it.
import type { PageWindow } from '../common/pagination';
import { Prisma } from '../generated/prisma/client';

/**
 * The condition that starts the page after (or, paging backward, before) the cursor's key in `column`, and the order
 * to fetch rows in: walking away from the cursor, as toPage takes them. `descending` for a list in descending order of
 * the key (history, newest first).
 */
export function keyWindowSql(
  column: Prisma.Sql,
  type: 'uuid' | 'bigint',
  window: PageWindow,
  descending = false,
): { cursor: Prisma.Sql; order: Prisma.Sql } {
  const ascending = window.backward === descending;
  const cursor =
    window.cursorId === undefined
      ? Prisma.sql`TRUE`
      : Prisma.sql`${column} ${Prisma.raw(ascending ? '>' : '<')} ${window.cursorId}::${Prisma.raw(type)}`;
  return { cursor, order: Prisma.raw(ascending ? 'ASC' : 'DESC') };
}
