// Reads rows together with the rows related to them, to any depth, in ONE statement that builds the whole result as
// JSON inside PostgreSQL (json_build_object, json_agg over correlated subqueries), as PostGraphile and Hasura do: the
// server passes the result through instead of sending a statement per relation and per level. What to read comes as
// a plan (the API edge derives it from a GraphQL selection set, src/graphql/read-plan.ts); each planned relation is
// told of what was read for each parent row, so the request's DataLoaders can be primed with it.
//
// Every table is read under its own name as alias. A relation's subquery refers to its parent by the parent's table
// name, and SQL resolves a name to the nearest enclosing FROM item, which is the parent: so claims -> rebuttals ->
// claims -> speakers nests to any depth with no alias bookkeeping. A relation from a table to itself would break
// that, and is refused when defined.
import { sql, type RawBuilder } from 'kysely';
import { toPage, type Page, type PageWindow } from '../common/pagination';
import type { QueryRows, SqlQuery } from './database';
import { compiled, type Tables } from './sql-builder';
import type { TableColumns } from './table-columns';

type TableName = keyof Tables;
// The planner handles rows of any model; what a record's type is, the definitions say.
type AnyTable = TableColumns<TableName, object>;
type Json = Record<string, unknown>;

/** From a row of one table to the row of another that a column of the first names (a claim's speaker). */
export interface ToOneRelation {
  readonly kind: 'one';
  readonly parent: TableName;
  readonly target: AnyTable;
  /** The parent's column holding the target's id. */
  readonly parentColumn: string;
}

/** From a row of one table to the rows of another that name it in a column (a claim's rebuttals), a page at a time. */
export interface ChildrenRelation {
  readonly kind: 'children';
  readonly parent: TableName;
  readonly target: AnyTable;
  /** The target's column holding the parent's id. */
  readonly childColumn: string;
}

/**
 * A value computed from a row by SQL of its own, with an integer argument (the words around an appearance's passage,
 * cut from its source's text): read with the row instead of by a statement of its own.
 */
export interface ComputedRelation {
  readonly kind: 'computed';
  readonly parent: TableName;
  /** The SQL of the value (JSON, or null) for a row of `parent` read under its table's name; the argument is checked. */
  readonly expression: (argument: number) => string;
}

export type Relation = ToOneRelation | ChildrenRelation | ComputedRelation;

function notToItself(parent: TableName, target: TableName): void {
  if (parent === target) throw new Error(`A nested read cannot relate ${parent} to itself: its alias would shadow the parent's`);
}

export function toOneRelation<P extends TableName, C extends TableName, ParentRow, TargetRow>(
  parent: TableColumns<P, ParentRow>,
  parentColumn: keyof Tables[P] & string,
  target: TableColumns<C, TargetRow>,
): ToOneRelation {
  notToItself(parent.table, target.table);
  return { kind: 'one', parent: parent.table, target: target as unknown as AnyTable, parentColumn };
}

export function childrenRelation<P extends TableName, C extends TableName, ParentRow, TargetRow>(
  parent: TableColumns<P, ParentRow>,
  target: TableColumns<C, TargetRow>,
  childColumn: keyof Tables[C] & string,
): ChildrenRelation {
  notToItself(parent.table, target.table);
  return { kind: 'children', parent: parent.table, target: target as unknown as AnyTable, childColumn };
}

/** `take` rows in id order after `cursorId`, or backward before it, fetched nearest it first (see PageWindow). */
export interface RowWindow {
  readonly cursorId: string | undefined;
  readonly backward: boolean;
  readonly take: number;
}

/** What to read with each row: its relations, each with what to read with its rows in turn. */
export interface ReadPlan {
  readonly relations: readonly PlannedRelation[];
  /**
   * Stands for the plan's shape (its relations, windows and counts, to any depth): plans with the same shape object
   * reuse the SQL built for the first. Building and compiling a claim page's row JSON costs more than 100 µs, about a
   * third of the request; the planner's plans, cached per document, carry one.
   */
  readonly shape?: object;
}

export interface PlannedRelation {
  readonly relation: Relation;
  /** Which page of them, for a children relation (required there). */
  readonly window?: RowWindow;
  /** For a children relation: also count them all. */
  readonly count: boolean;
  /** For a computed relation: its argument, written into the statement as a literal (so an integer). */
  readonly argument?: number;
  readonly plan: ReadPlan;
  /** Told, for each parent row read, of its related row (or null) or its page of rows and their count. */
  onRead(parent: Json, related: Json | null | Json[], count: number | undefined): void;
}

export const NO_RELATIONS: ReadPlan = { relations: [] };

const idOf = (table: TableName) => sql.ref(`${table}.id`);

/** The SQL of rowJson by plan shape and table: constant, since a plan's windows are written into it as literals. */
const rowJsonByShape = new WeakMap<object, Map<TableName, string>>();

/** The row of `table` (read under its own name) as a JSON object of its fields, its relations' results under "$". */
function rowJson(table: AnyTable, plan: ReadPlan): RawBuilder<Json> {
  return sql.raw<Json>(rowJsonText(table, plan));
}

/** rowJson's SQL, built once per plan shape and table (when the plan has a shape). */
function rowJsonText(table: AnyTable, plan: ReadPlan): string {
  if (!plan.shape) return textWithoutParameters(buildRowJson(table, plan));
  let byTable = rowJsonByShape.get(plan.shape);
  if (!byTable) rowJsonByShape.set(plan.shape, (byTable = new Map<TableName, string>()));
  let text = byTable.get(table.table);
  if (text === undefined) {
    text = textWithoutParameters(buildRowJson(table, plan));
    byTable.set(table.table, text);
  }
  return text;
}

/** Whole statements around a plan's row JSON, by plan shape and a key naming the rest of the statement. */
const statementsByShape = new WeakMap<object, Map<string, string>>();
/** Statements kept per plan shape: the keys hold the condition's text, which a search's terms can vary. */
const MAX_STATEMENTS_PER_SHAPE = 32;

/**
 * The statement `build` makes around the plan's row JSON, built once per plan shape and `key` (when the plan has a
 * shape): the same string object each time, so that the database's lookup of its prepared statement by text hashes
 * it once rather than a fresh 3 KB string on every request (a statement-name lookup took 1% of a claim page's CPU).
 */
function statementText(plan: ReadPlan, key: string, build: () => string): string {
  if (!plan.shape) return build();
  let byKey = statementsByShape.get(plan.shape);
  if (!byKey) statementsByShape.set(plan.shape, (byKey = new Map<string, string>()));
  let text = byKey.get(key);
  if (text === undefined) {
    text = build();
    if (byKey.size < MAX_STATEMENTS_PER_SHAPE) byKey.set(key, text);
  }
  return text;
}

function textWithoutParameters(query: RawBuilder<unknown>): string {
  const built = compiled(query);
  // The text is cached and put into other statements: a bound parameter in it would be lost.
  if (built.values.length > 0) throw new Error('A nested read built a row JSON with parameters');
  return built.text;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor's id, written into the statement as a literal (see rowJsonText), so checked to be a uuid. */
function uuidLiteral(id: string): string {
  if (!UUID.test(id)) throw new Error(`A page window must start after a uuid (got ${JSON.stringify(id)})`);
  return id;
}

/**
 * Whether a statement around the plan's row JSON is worth preparing: a plan of the planner (it has a shape, so its
 * text recurs) or none, with no cursor written into it (each cursor would make a text of its own).
 */
function preparable(plan: ReadPlan): boolean {
  return (plan.shape !== undefined || plan.relations.length === 0) && !hasCursor(plan);
}

function hasCursor(plan: ReadPlan): boolean {
  return plan.relations.some((planned) => planned.window?.cursorId !== undefined || hasCursor(planned.plan));
}

/** The page size as SQL: written into the statement (see rowJsonText), so checked to be what pageWindow makes. */
function limitOf(window: RowWindow): string {
  if (!Number.isSafeInteger(window.take) || window.take < 0)
    throw new Error(`A page window must take a whole number of rows (got ${window.take})`);
  return String(window.take);
}

/** The order to fetch a window's rows in, walking away from its cursor (toPage puts a backward page in id order). */
const fetchOrder = (window: RowWindow): string => (window.backward ? ' DESC' : '');

function buildRowJson(table: AnyTable, plan: ReadPlan): RawBuilder<Json> {
  const pairs: RawBuilder<unknown>[] = Object.entries(table.columns).flatMap(([field, column]) => [
    sql.lit(field),
    sql.ref(`${table.table}.${String(column)}`),
  ]);
  if (plan.relations.length > 0) {
    pairs.push(sql.lit('$'), sql`json_build_array(${sql.join(plan.relations.flatMap((planned) => relationJson(table.table, planned)))})`);
  }
  return sql<Json>`json_build_object(${sql.join(pairs)})`;
}

/** One JSON value per planned relation of a row of `parent`, and its count after it when asked for. */
function relationJson(parent: TableName, planned: PlannedRelation): RawBuilder<unknown>[] {
  const { relation, plan } = planned;
  if (relation.kind === 'computed') {
    const argument = planned.argument ?? 0;
    if (!Number.isSafeInteger(argument)) throw new Error(`A computed relation takes an integer (got ${argument})`);
    return [sql.raw(`(${relation.expression(argument)})`)];
  }
  const target = relation.target;
  const from = sql.table(target.table);
  if (relation.kind === 'one') {
    return [
      sql`(SELECT ${rowJson(target, plan)} FROM ${from} WHERE ${idOf(target.table)} = ${sql.ref(`${parent}.${relation.parentColumn}`)})`,
    ];
  }
  const window = planned.window;
  if (!window) throw new Error(`A planned read of ${target.table} under ${parent} needs a page window`);
  const ofParent = sql`${sql.ref(`${target.table}.${relation.childColumn}`)} = ${idOf(parent)}`;
  // Literals, checked by pageWindow (an integer, a uuid): the row JSON has no parameters, so it can be cached.
  const cursor =
    window.cursorId === undefined
      ? sql``
      : sql` AND ${idOf(target.table)} ${sql.raw(window.backward ? '<' : '>')} ${sql.lit(uuidLiteral(window.cursorId))}::uuid`;
  const order = sql.raw(fetchOrder(window));
  const page = sql`SELECT * FROM ${from} WHERE ${ofParent}${cursor} ORDER BY ${idOf(target.table)}${order} LIMIT ${sql.raw(limitOf(window))}`;
  const values: RawBuilder<unknown>[] = [
    sql`(SELECT coalesce(json_agg(${rowJson(target, plan)} ORDER BY ${idOf(target.table)}${order}), '[]'::json) FROM (${page}) AS ${from})`,
  ];
  if (planned.count) values.push(sql`(SELECT count(*)::int FROM ${from} WHERE ${ofParent})`);
  return values;
}

/** Reads the record from its JSON row and hands its relations' results to the plan, depth first. */
function readRow(table: AnyTable, plan: ReadPlan, row: Json): Json {
  const nested = row.$ as unknown[] | undefined;
  // "$" is the last key JSON.parse added, which V8 deletes without leaving the object's fast shape.
  delete row.$;
  const record = table.fromJson(row) as Json;
  if (!nested) return record;
  let at = 0;
  for (const planned of plan.relations) {
    const value = nested[at++] as Json | Json[] | null;
    const count = planned.count ? (nested[at++] as number) : undefined;
    if (planned.relation.kind === 'computed') {
      planned.onRead(record, value, undefined);
      continue;
    }
    const target = planned.relation.target;
    const related = Array.isArray(value)
      ? value.map((child) => readRow(target, planned.plan, child))
      : value && readRow(target, planned.plan, value);
    planned.onRead(record, related, count);
  }
  return record;
}

/**
 * For a statement of a module's own (a search) that reads rows of `table` under the table's name: the JSON of each
 * row with what `plan` asks for, and how to read the record back from it.
 */
export function nestedRow<T extends TableName, Row>(
  table: TableColumns<T, Row>,
  plan: ReadPlan,
): { json: RawBuilder<Json>; read(row: Json): Row } {
  const anyTable = table as unknown as AnyTable;
  return { json: rowJson(anyTable, plan), read: (row) => readRow(anyTable, plan, row) as Row };
}

/** A condition on the rows of a table, written against the table's own name (e.g. sql`claims.id = ${id}::uuid`). */
export type RowCondition = RawBuilder<unknown>;

// The root statements are put together as text around the row JSON's cached SQL and the condition's compiled SQL:
// through Kysely's builder and compiler again they would cost as much as building the row JSON anew.

const quoted = (table: TableName) => `"${table}"`;

/** The one row of `table` meeting `condition`, with what `plan` asks for, in one statement; null when none does. */
export function readOne<T extends TableName, Row>(
  queryRows: QueryRows,
  table: TableColumns<T, Row>,
  condition: RowCondition,
  plan: ReadPlan,
): Promise<Row | null> {
  return readOneWhere(queryRows, table, compiled(condition), plan);
}

/** The row of `table` with the id (checked by the caller), with what `plan` asks for, in one statement. */
export function readById<T extends TableName, Row extends { id: string }>(
  queryRows: QueryRows,
  table: TableColumns<T, Row>,
  id: string,
  plan: ReadPlan,
): Promise<Row | null> {
  return readOneWhere(queryRows, table, { text: `${quoted(table.table)}."id" = $1::uuid`, values: [id] }, plan);
}

async function readOneWhere<T extends TableName, Row>(
  queryRows: QueryRows,
  table: TableColumns<T, Row>,
  where: SqlQuery,
  plan: ReadPlan,
): Promise<Row | null> {
  const anyTable = table as unknown as AnyTable;
  const text = statementText(
    plan,
    `one ${table.table} ${where.text}`,
    () => `SELECT ${rowJsonText(anyTable, plan)} AS data FROM ${quoted(table.table)} WHERE ${where.text} LIMIT 1`,
  );
  const [row] = await queryRows<{ data: Json }>({ text, values: where.values, prepare: preparable(plan) });
  return row ? (readRow(anyTable, plan, row.data) as Row) : null;
}

/** What to read with each row of a page, and whether to count the list's rows too. */
export interface PageRead {
  readonly plan: ReadPlan;
  readonly count: boolean;
}

export const PLAIN_PAGE: PageRead = { plan: NO_RELATIONS, count: false };

/**
 * A page of the rows of `table` meeting `condition` (all rows when undefined), in id order (forward or backward), with what `read` asks
 * for, and their total count when asked, in one statement; a total not asked for is counted when read, by a
 * statement of its own.
 */
export async function readPage<T extends TableName, Row>(
  queryRows: QueryRows,
  table: TableColumns<T, Row>,
  condition: RowCondition | undefined,
  window: PageWindow,
  read: PageRead,
): Promise<Page<Row>> {
  const anyTable = table as unknown as AnyTable;
  const name = quoted(table.table);
  const where = condition ? compiled(condition) : { text: 'TRUE', values: [] };
  const values = [...where.values];
  let cursor = '';
  if (window.cursorId !== undefined) {
    values.push(window.cursorId);
    cursor = ` AND ${name}."id" ${window.backward ? '<' : '>'} $${values.length}::uuid`;
  }
  const order = fetchOrder(window);
  const countText = `(SELECT count(*)::int FROM ${name} WHERE ${where.text})`;
  const page = `SELECT * FROM ${name} WHERE ${where.text}${cursor} ORDER BY ${name}."id"${order} LIMIT ${limitOf(window)}`;
  const text = `SELECT (SELECT coalesce(json_agg(${rowJsonText(anyTable, read.plan)} ORDER BY ${name}."id"${order}), '[]'::json) FROM (${page}) AS ${name}) AS rows, ${
    read.count ? countText : 'NULL::int'
  } AS count`;
  const [result] = await queryRows<{ rows: Json[]; count: number | null }>({ text, values, prepare: preparable(read.plan) });
  const rows = result!.rows.map((row) => readRow(anyTable, read.plan, row) as Row);
  const count = result!.count;
  const total =
    count === null
      ? async () => (await queryRows<{ count: number }>({ text: `SELECT ${countText} AS count`, values: where.values }))[0]!.count
      : async () => count;
  return toPage(rows, window, total);
}
