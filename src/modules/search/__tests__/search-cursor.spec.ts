import { encodeCursor, encodeKeyCursor } from '../../../common/pagination';
import { decodeSearchCursor, encodeSearchCursor } from '../search-cursor';

const ID = '01a207ab-6a36-7169-bb4b-81f528206996';
const badCursor = expect.objectContaining({ name: 'InvalidInput', field: 'after' });

describe('search cursors', () => {
  it('round-trip the sort key of a hit, opaquely, with the rank exact', () => {
    const key = { rank: 0.060792744159698486, statedAt: '2018-12-04', id: ID };
    const cursor = encodeSearchCursor(key);
    expect(cursor).not.toContain(ID);
    expect(decodeSearchCursor(cursor)).toEqual(key);
    expect(decodeSearchCursor(encodeSearchCursor({ ...key, statedAt: null }))).toEqual({ ...key, statedAt: null });
  });

  it('refuse cursors of other lists and keys that are not a rank, a day or null, and an id', () => {
    expect(() => decodeSearchCursor(encodeCursor(ID))).toThrow(badCursor);
    expect(() => decodeSearchCursor(encodeKeyCursor('speaker-search', [0.5, null, ID]))).toThrow(badCursor);
    expect(() => decodeSearchCursor(Buffer.from('claim-search:{not json').toString('base64url'))).toThrow(badCursor);
    for (const key of [
      ['0.5', null, ID],
      [0.5, '2018-02-30', ID],
      [0.5, 20181204, ID],
      [0.5, null],
      [0.5, null, 42],
    ]) {
      expect(() => decodeSearchCursor(encodeKeyCursor('claim-search', key as (string | number | null)[]))).toThrow(badCursor);
    }
    expect(() => decodeSearchCursor(encodeKeyCursor('claim-search', [0.5, null, 'not-an-id']))).toThrow(/after must be an id/);
  });
});
