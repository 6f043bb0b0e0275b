// node(id:) and nodes(ids:): which table holds each id, for a whole batch in one statement, then the records through
// the request's byId loaders (so a node also asked for through a relation is fetched once).
import DataLoader from 'dataloader';
import { asNode, type NodeTypeName } from '../../common/node.type';
import type { QueryRows } from '../../db/database';
import { Prisma } from '../../generated/prisma/client';

const NODE_TABLES: Record<NodeTypeName, string> = {
  Speaker: 'speakers',
  Source: 'sources',
  Claim: 'claims',
  Rebuttal: 'rebuttals',
  Review: 'reviews',
  Appearance: 'appearances',
};

/** The type of each id found, by the primary key of each table (an id is in one table at most). */
function nodeTypesQuery(ids: readonly string[]): Prisma.Sql {
  const parts = Object.entries(NODE_TABLES).map(
    ([type, table]) => Prisma.sql`SELECT ${type}::text AS type, id::text AS id FROM ${Prisma.raw(table)} WHERE id = ANY(${ids}::uuid[])`,
  );
  return Prisma.join(parts, ' UNION ALL ', '', '');
}

type ByIdLoader = Pick<DataLoader<string, object | null>, 'load'>;

/** Each id's record, tagged as a Node of its type, or null where no table holds it. Ids are parsed UUIDs. */
export function createNodeLoader(queryRows: QueryRows, byId: Record<NodeTypeName, ByIdLoader>, signal: AbortSignal) {
  return new DataLoader<string, object | null>(async (ids) => {
    signal.throwIfAborted();
    const rows = await queryRows<{ type: NodeTypeName; id: string }>(nodeTypesQuery(ids));
    const typeOf = new Map(rows.map((row) => [row.id, row.type]));
    return Promise.all(
      ids.map(async (id) => {
        const type = typeOf.get(id);
        if (!type) return null;
        // Null too when the record was deleted between the two statements.
        const record = await byId[type].load(id);
        return record && asNode(record, type);
      }),
    );
  });
}
