// How a source's relations are stored, for nested reads (src/db/nested-read.ts).
import { childrenRelation } from '../../db/nested-read';
import { CLAIM_TABLE } from '../claims/claim.columns';
import { SOURCE_TABLE } from './source.columns';

export const SOURCE_RELATIONS = {
  claims: childrenRelation(SOURCE_TABLE, CLAIM_TABLE, 'source_id'),
};
