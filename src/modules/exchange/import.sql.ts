// The statements of the bulk import: a batch's rows written and its matches looked up a set at a time, each set sent
// as one JSON parameter (json_populate_recordset casts every field to its column's type by the table's own row type,
// the same on PGlite and on a server, with no parameter per value and no cap on a batch's size).
import type { TableColumns } from '../../db/table-columns';
import type { Tables } from '../../db/sql-builder';
import { Prisma } from '../../generated/prisma/client';
import type { Appearance } from '../../generated/prisma/client';
import { APPEARANCE_TABLE } from '../appearances/appearance.columns';
import { REVIEW_TABLE } from '../reviews/review.columns';
import { SOURCE_TABLE } from '../sources/source.columns';

/**
 * One INSERT of whole rows (every column of the model) into its table. The table's triggers run as for any insert:
 * the search document of each claim, and one history entry per row (a statement-level trigger over the new rows).
 */
export function insertRows<Table extends keyof Tables, Model>(definition: TableColumns<Table, Model>, rows: readonly Model[]): Prisma.Sql {
  const entries = Object.entries<string>(definition.columns);
  const columns = Prisma.raw(entries.map(([, column]) => `"${column}"`).join(', '));
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(entries.map(([field, column]) => [column, (row as Record<string, unknown>)[field] ?? null]))),
  );
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${definition.table}"`)} (${columns})
    SELECT ${columns} FROM json_populate_recordset(NULL::${Prisma.raw(`"${definition.table}"`)}, ${json}::json)`;
}

const texts = (values: Iterable<string>) => JSON.stringify([...new Set(values)]);

/**
 * The claims of these speakers (id, speaker, text), and those of the unnamed speakers whose organization one of them
 * is, under the organization's id: ClaimReview names an organization as the author of its unnamed speaker's claims
 * (claim-review.ts), so that is how a file names them. The speaker's own first, then in id order: the first of a
 * normalised text is the one matched.
 */
export function claimsOfSpeakersQuery(speakerIds: readonly string[]): Prisma.Sql {
  const ids = Prisma.sql`(SELECT json_array_elements_text(${texts(speakerIds)}::json)::uuid)`;
  return Prisma.sql`SELECT c.id, k.key_id AS "speakerId", c.text
    FROM claims c
    JOIN (SELECT id AS speaker_id, id AS key_id FROM speakers WHERE id IN ${ids}
          UNION ALL SELECT id, organization_id FROM speakers WHERE organization_id IN ${ids} AND NOT is_named) k
      ON k.speaker_id = c.speaker_id
    ORDER BY k.speaker_id = k.key_id DESC, c.id`;
}

/** Sources with one of these URLs, and those without a URL with one of these titles. */
export function sourcesQuery(urls: Iterable<string>, titles: Iterable<string>): Prisma.Sql {
  const s = SOURCE_TABLE.columns;
  return Prisma.sql`SELECT ${Prisma.raw(`"${s.id}" AS id, "${s.url}" AS url, "${s.title}" AS title`)} FROM ${Prisma.raw(SOURCE_TABLE.table)}
    WHERE ${Prisma.raw(s.url)} IN (SELECT json_array_elements_text(${texts(urls)}::json))
       OR (${Prisma.raw(s.url)} IS NULL AND ${Prisma.raw(s.title)} IN (SELECT json_array_elements_text(${texts(titles)}::json)))`;
}

/** The URLs among these that reviews hold. */
export function reviewUrlsQuery(urls: Iterable<string>): Prisma.Sql {
  const r = REVIEW_TABLE.columns;
  return Prisma.sql`SELECT ${Prisma.raw(`"${r.url}" AS url`)} FROM ${Prisma.raw(REVIEW_TABLE.table)}
    WHERE ${Prisma.raw(r.url)} IN (SELECT json_array_elements_text(${texts(urls)}::json))`;
}

/** The reviews without a URL of these claims (claim, organisation): one is matched by its claim and organisation. */
export function urlLessReviewsQuery(claimIds: Iterable<string>): Prisma.Sql {
  const r = REVIEW_TABLE.columns;
  return Prisma.sql`SELECT ${Prisma.raw(`"${r.claimId}" AS "claimId", "${r.organizationName}" AS "organizationName"`)} FROM ${Prisma.raw(REVIEW_TABLE.table)}
    WHERE ${Prisma.raw(r.url)} IS NULL AND ${Prisma.raw(r.claimId)} IN (SELECT json_array_elements_text(${texts(claimIds)}::json)::uuid)`;
}

/**
 * The batch's new appearances, in one INSERT. A new claim's first appearance may already stand, bare, at its source:
 * the database gives every claim with a source one (the appearances migration's trigger, where it has one), and the
 * at-most-one-first index tells it apart; the file's quote is then written into it, and nothing else changes.
 */
export function insertAppearances(rows: readonly Appearance[]): Prisma.Sql {
  const a = APPEARANCE_TABLE.columns;
  return Prisma.sql`${insertRows(APPEARANCE_TABLE, rows)}
    ON CONFLICT (${Prisma.raw(a.claimId)}) WHERE ${Prisma.raw(a.isFirst)}
    DO UPDATE SET ${Prisma.raw(`${a.exact} = EXCLUDED.${a.exact}, ${a.updatedAt} = EXCLUDED.${a.updatedAt}`)}
    WHERE ${Prisma.raw(`EXCLUDED.${a.exact} IS NOT NULL AND appearances.${a.exact} IS NULL AND appearances.${a.sourceId} = EXCLUDED.${a.sourceId}`)}`;
}

/** The appearances of these claims: claim, source, and whether it is the claim's first. */
export function appearancesOfClaimsQuery(claimIds: Iterable<string>): Prisma.Sql {
  const a = APPEARANCE_TABLE.columns;
  return Prisma.sql`SELECT ${Prisma.raw(`${a.claimId} AS "claimId", ${a.sourceId} AS "sourceId", ${a.isFirst} AS "isFirst"`)}
    FROM ${Prisma.raw(APPEARANCE_TABLE.table)}
    WHERE ${Prisma.raw(a.claimId)} IN (SELECT json_array_elements_text(${texts(claimIds)}::json)::uuid)`;
}
