// How a review's relations are stored, for nested reads (src/db/nested-read.ts).
import { toOneRelation } from '../../db/nested-read';
import { CLAIM_TABLE } from '../claims/claim.columns';
import { REVIEW_TABLE } from './review.columns';

export const REVIEW_RELATIONS = {
  claim: toOneRelation(REVIEW_TABLE, 'claim_id', CLAIM_TABLE),
};
