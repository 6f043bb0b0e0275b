import { tableColumns } from '../../db/table-columns';
import type { Rebuttal } from '../../generated/prisma/client';

export const REBUTTAL_TABLE = tableColumns<Rebuttal>()(
  'rebuttals',
  {
    id: 'id',
    claimId: 'claim_id',
    counterclaimId: 'counterclaim_id',
    stance: 'stance',
    rationale: 'rationale',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
  },
  ['createdAt', 'updatedAt'],
);
