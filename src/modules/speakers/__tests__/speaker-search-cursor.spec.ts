import { encodeKeyCursor } from '../../../common/pagination';
import { decodeSpeakerSearchCursor, encodeSpeakerSearchCursor } from '../speaker.service';

const ID = '01a207ab-6a36-7169-bb4b-81f528206996';

describe('speaker search cursors', () => {
  it('round-trip the (tier, name, id) key', () => {
    const key = { tier: 1, name: 'Jens Stoltenberg', id: ID };
    expect(decodeSpeakerSearchCursor(encodeSpeakerSearchCursor(key))).toEqual(key);
  });

  it('refuse keys of other shapes and cursors of other lists', () => {
    expect(() => decodeSpeakerSearchCursor(encodeKeyCursor('speaker-search', [1.5, 'x', ID]))).toThrow(/not a cursor this API issued/);
    expect(() => decodeSpeakerSearchCursor(encodeKeyCursor('speaker-search', [1, null, ID]))).toThrow(/not a cursor this API issued/);
    expect(() => decodeSpeakerSearchCursor(encodeKeyCursor('claim-search', [1, 'x', ID]))).toThrow(/not a cursor this API issued/);
  });
});
