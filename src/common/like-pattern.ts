// Text that a LIKE or ILIKE pattern must match literally. Prisma's `contains`, `startsWith`, `endsWith`, and `equals`
// with `mode: 'insensitive'`, compile to LIKE/ILIKE on PostgreSQL and pass the value into the pattern as it is, so that
// a client's "%" would match everything and a trailing "\" fail the statement: every such value goes through here.

/** The value with `\`, `%` and `_` escaped by PostgreSQL's default LIKE escape character, the backslash. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&');
}
