import { tableColumns } from '../../db/table-columns';
import type { Appearance, SourceText } from '../../generated/prisma/client';

export const APPEARANCE_TABLE = tableColumns<Appearance>()(
  'appearances',
  {
    id: 'id',
    claimId: 'claim_id',
    sourceId: 'source_id',
    exact: 'exact',
    prefix: 'prefix',
    suffix: 'suffix',
    startOffset: 'start_offset',
    endOffset: 'end_offset',
    startSeconds: 'start_seconds',
    endSeconds: 'end_seconds',
    isFirst: 'is_first',
    verification: 'verification',
    closestStart: 'closest_start',
    closestEnd: 'closest_end',
    verifiedAt: 'verified_at',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
  },
  ['verifiedAt', 'createdAt', 'updatedAt'],
);

/** The columns of a source's text but the text itself, which is read only when asked for. */
export type SourceTextInfo = Omit<SourceText, 'content'>;
