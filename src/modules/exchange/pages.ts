// Reads a table in pages by id (keyset pagination), so that an import or export of a million rows never holds more
// than one page in memory. Ids are UUIDs, or bigints for history entries (their insertion order).

export const PAGE_SIZE = 1000;

export async function* pagesById<T extends { id: K }, K extends string | bigint = string>(
  fetch: (where: { id?: { gt: K } }, take: number) => Promise<T[]>,
  pageSize: number = PAGE_SIZE,
): AsyncGenerator<T[]> {
  for (let after: K | undefined; ;) {
    const page = await fetch(after === undefined ? {} : { id: { gt: after } }, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page.at(-1)!.id;
  }
}
