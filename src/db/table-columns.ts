// One typed definition per model of how its fields are stored: which table, which column holds each field. The
// compiler checks it both ways: every field of the Prisma model (the record the services and resolvers use) names a
// column of the table prisma-kysely generated, and the Date fields are listed (rows built as JSON carry dates as text).
// Every column list of hand-written SQL and every JSON row shape is derived from it, never typed again.
import { sql, type RawBuilder } from 'kysely';
import { Prisma } from '../generated/prisma/client';
import type { Tables } from './sql-builder';

type DateKeys<Model> = { [K in keyof Model]-?: NonNullable<Model[K]> extends Date ? K : never }[keyof Model] & string;

export interface TableColumns<Table extends keyof Tables, Model> {
  readonly table: Table;
  /** Field name (as Prisma and the API name it) to column name. */
  readonly columns: { readonly [K in keyof Model & string]: keyof Tables[Table] & string };
  readonly dateFields: readonly DateKeys<Model>[];
  /** `alias.column AS "field", …` for a hand-written statement reading the row as `alias`. */
  sqlColumns(alias: string): Prisma.Sql;
  /** The same, for a statement built with Kysely (src/db/sql-builder.ts). */
  selection(alias: string): RawBuilder<unknown>;
  /** The column of `field`, of the table read under its own name, for a statement built with Kysely. */
  ref: (field: keyof Model & string) => RawBuilder<unknown>;
  /** The record from a row built as JSON (dates as ISO text), in place. */
  fromJson(row: Record<string, unknown>): Model;
}

/**
 * `dates` must name every Date field (the type says which): a missing one is a compile error, since JSON rows would
 * carry it as text.
 */
export function tableColumns<Model>() {
  return <Table extends keyof Tables, const Dates extends readonly DateKeys<Model>[]>(
    table: Table,
    columns: { readonly [K in keyof Model & string]: keyof Tables[Table] & string },
    dateFields: Dates &
      (Exclude<DateKeys<Model>, Dates[number]> extends never ? unknown : { missing: Exclude<DateKeys<Model>, Dates[number]> }),
  ): TableColumns<Table, Model> => {
    const entries = Object.entries<string>(columns);
    const dates = dateFields as readonly DateKeys<Model>[];
    const byAlias = new Map<string, Prisma.Sql>();
    return {
      table,
      columns,
      dateFields: dates,
      sqlColumns(alias) {
        let list = byAlias.get(alias);
        if (!list) {
          list = Prisma.raw(
            entries.map(([field, column]) => (field === column ? `${alias}.${column}` : `${alias}.${column} AS "${field}"`)).join(', '),
          );
          byAlias.set(alias, list);
        }
        return list;
      },
      selection: (alias) => sql.join(entries.map(([field, column]) => sql`${sql.ref(`${alias}.${column}`)} AS ${sql.id(field)}`)),
      ref: (field) => sql.ref(`${table}.${columns[field]}`),
      fromJson(row) {
        for (const field of dates) {
          const value = row[field];
          if (typeof value === 'string') row[field] = new Date(value);
        }
        return row as Model;
      },
    };
  };
}
