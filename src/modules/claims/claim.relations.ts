// How a claim's relations are stored, for nested reads (src/db/nested-read.ts).
import { childrenRelation, toOneRelation } from '../../db/nested-read';
import { APPEARANCE_TABLE } from '../appearances/appearance.columns';
import { REBUTTAL_TABLE } from '../rebuttals/rebuttal.columns';
import { REVIEW_TABLE } from '../reviews/review.columns';
import { SOURCE_TABLE } from '../sources/source.columns';
import { SPEAKER_TABLE } from '../speakers/speaker.columns';
import { CLAIM_TABLE } from './claim.columns';

export const CLAIM_RELATIONS = {
  speaker: toOneRelation(CLAIM_TABLE, 'speaker_id', SPEAKER_TABLE),
  source: toOneRelation(CLAIM_TABLE, 'source_id', SOURCE_TABLE),
  /** The rebuttals against the claim. */
  rebuttals: childrenRelation(CLAIM_TABLE, REBUTTAL_TABLE, 'claim_id'),
  /** The rebuttals the claim makes. */
  rebuts: childrenRelation(CLAIM_TABLE, REBUTTAL_TABLE, 'counterclaim_id'),
  reviews: childrenRelation(CLAIM_TABLE, REVIEW_TABLE, 'claim_id'),
  appearances: childrenRelation(CLAIM_TABLE, APPEARANCE_TABLE, 'claim_id'),
};
