// The typed SQL builder for hand-written statements: Kysely as a compiler only (it never connects), over the table
// types prisma-kysely generates from prisma/schema.prisma, so a column a query names that the schema lacks is a
// compile error. Its compiled SQL and parameters run unchanged through Database.queryRows on either engine.
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Compilable,
  type RawBuilder,
} from 'kysely';
import type { DB } from '../generated/kysely/database';
import type { SqlQuery } from './database';

export type Tables = DB;

export const sqlBuilder = new Kysely<Tables>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** A built query (or a raw `sql` template of Kysely's) as Database.queryRows takes it. */
export function compiled(query: Compilable | RawBuilder<unknown>): SqlQuery {
  const { sql, parameters } = 'as' in query ? query.compile(sqlBuilder) : query.compile();
  return { text: sql, values: parameters };
}
