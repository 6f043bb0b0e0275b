// How a rebuttal's relations are stored, for nested reads (src/db/nested-read.ts).
import { toOneRelation } from '../../db/nested-read';
import { CLAIM_TABLE } from '../claims/claim.columns';
import { REBUTTAL_TABLE } from './rebuttal.columns';

export const REBUTTAL_RELATIONS = {
  claim: toOneRelation(REBUTTAL_TABLE, 'claim_id', CLAIM_TABLE),
  counterclaim: toOneRelation(REBUTTAL_TABLE, 'counterclaim_id', CLAIM_TABLE),
};
