import { tableColumns } from '../../db/table-columns';
import type { Claim } from '../../generated/prisma/client';

export const CLAIM_TABLE = tableColumns<Claim>()(
  'claims',
  {
    id: 'id',
    text: 'text',
    kind: 'kind',
    statedAt: 'stated_at',
    speakerId: 'speaker_id',
    sourceId: 'source_id',
    reviewStatus: 'review_status',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
  },
  ['statedAt', 'createdAt', 'updatedAt'],
);
