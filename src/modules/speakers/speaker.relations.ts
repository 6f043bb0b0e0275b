// How a speaker's relations are stored, for nested reads (src/db/nested-read.ts).
import { childrenRelation } from '../../db/nested-read';
import { CLAIM_TABLE } from '../claims/claim.columns';
import { SPEAKER_TABLE } from './speaker.columns';

export const SPEAKER_RELATIONS = {
  claims: childrenRelation(SPEAKER_TABLE, CLAIM_TABLE, 'speaker_id'),
};
