import { InvalidInput } from '../../../errors/domain-errors';
import { historyConditions } from '../history.service';
import { toHistoryEntry, type HistoryEntryRow } from '../history.sql';

const row: HistoryEntryRow = {
  id: '9007199254740993',
  entityType: 'CLAIM',
  entityId: '01a207ab-6a36-7169-bb4b-81f528206996',
  claimId: '01a207ab-6a36-7169-bb4b-81f528206996',
  action: 'UPDATE',
  actorKind: 'API_KEY',
  actorKeyId: '01a207ab-6a36-7169-bb4b-81f528206997',
  actorName: 'desk editor',
  changes: {
    text: { before: 'Old.', after: 'New.' },
    reviewStatus: { before: 'PUBLISHED', after: 'IN_REVIEW' },
    statedAt: { before: null, after: '2019-02-01' },
  },
  reason: 'A typo',
  isCorrection: true,
  requestId: 'req-1',
  recordedAt: new Date('2026-01-02T03:04:05.006Z'),
};

describe('toHistoryEntry', () => {
  it('gives the actor as one object and the changes as a list in field order, keeping the bigint id as text', () => {
    expect(toHistoryEntry(row)).toEqual({
      id: '9007199254740993',
      entityType: 'CLAIM',
      entityId: row.entityId,
      claimId: row.claimId,
      action: 'UPDATE',
      actor: { kind: 'API_KEY', keyId: row.actorKeyId, name: 'desk editor' },
      recordedAt: row.recordedAt,
      changes: [
        { field: 'reviewStatus', before: 'PUBLISHED', after: 'IN_REVIEW' },
        { field: 'statedAt', before: null, after: '2019-02-01' },
        { field: 'text', before: 'Old.', after: 'New.' },
      ],
      reason: 'A typo',
      isCorrection: true,
      requestId: 'req-1',
    });
  });

  it('names a key only for API_KEY actors, and reads a missing before or after as null', () => {
    const entry = toHistoryEntry({ ...row, actorKind: 'IMPORT', actorName: 'import claims.jsonl', changes: { text: { after: 'New.' } } });
    expect(entry.actor).toEqual({ kind: 'IMPORT', keyId: null, name: 'import claims.jsonl' });
    expect(entry.changes).toEqual([{ field: 'text', before: null, after: 'New.' }]);
  });
});

describe('historyConditions', () => {
  // Ids come checked by the API's edge (errors/graphql-edge.ts); history.test.ts sends ones that are not.
  it('refuses an until before since, naming the field', () => {
    const refusal = expect.objectContaining({ constructor: InvalidInput, field: 'until' });
    expect(() => historyConditions({ since: new Date('2026-01-02'), until: new Date('2026-01-01') })).toThrow(refusal);
  });

  it('is TRUE without conditions and one condition per given filter field', () => {
    expect(historyConditions({}).sql).toBe('TRUE');
    const sql = historyConditions({ entityType: 'CLAIM', action: 'STATUS', field: 'reviewStatus', since: new Date(0), until: new Date(1) });
    expect(sql.sql.split(' AND ')).toHaveLength(5);
    expect(sql.values).toEqual(['CLAIM', 'STATUS', 'reviewStatus', new Date(0), new Date(1)]);
  });
});
