// How an appearance's relations are stored, for nested reads (src/db/nested-read.ts), and the SQL of its context.
import { toOneRelation, type ComputedRelation } from '../../db/nested-read';
import { CLAIM_TABLE } from '../claims/claim.columns';
import { SOURCE_TABLE } from '../sources/source.columns';
import { APPEARANCE_TABLE } from './appearance.columns';

/**
 * The words around the passage of the appearance read as `appearance` (at the anchor, at the closest match when
 * BROKEN) as JSON { before, exact, after, moreBefore, moreAfter } for contextOf(), or null: `chars` code points either
 * side, cut by substring() from the uncompressed text, so only those slices are read, never the whole article.
 */
export function contextJsonSql(appearance: string, chars: number): string {
  if (!Number.isSafeInteger(chars) || chars < 0) throw new Error(`chars must be a whole number (got ${chars})`);
  const s = `ctx_place.s`;
  const e = `ctx_place.e`;
  return `SELECT json_build_object(
      'before', substring(ctx_text.content FROM greatest(${s} - ${chars}, 0) + 1 FOR least(${chars}, ${s})),
      'exact', substring(ctx_text.content FROM ${s} + 1 FOR ${e} - ${s}),
      'after', substring(ctx_text.content FROM ${e} + 1 FOR ${chars}),
      'moreBefore', ${s} > ${chars},
      'moreAfter', substring(ctx_text.content FROM ${e} + ${chars} + 1 FOR 1) <> '')
    FROM source_texts ctx_text
    CROSS JOIN LATERAL (
      SELECT CASE WHEN ${appearance}.verification = 'BROKEN' THEN ${appearance}.closest_start ELSE ${appearance}.start_offset END AS s,
             CASE WHEN ${appearance}.verification = 'BROKEN' THEN ${appearance}.closest_end ELSE ${appearance}.end_offset END AS e
    ) ctx_place
    WHERE ctx_text.source_id = ${appearance}.source_id AND ${s} IS NOT NULL AND ${appearance}.verification <> 'UNVERIFIED'`;
}

export const APPEARANCE_RELATIONS = {
  claim: toOneRelation(APPEARANCE_TABLE, 'claim_id', CLAIM_TABLE),
  source: toOneRelation(APPEARANCE_TABLE, 'source_id', SOURCE_TABLE),
  context: {
    kind: 'computed',
    parent: APPEARANCE_TABLE.table,
    expression: (chars) => contextJsonSql('appearances', chars),
  } satisfies ComputedRelation,
};
