import { decodeCursor, decodeKeyCursor, descendingSequenceWindow, encodeCursor, encodeKeyCursor, encodeSequenceCursor, keysetWindow, MAX_PAGE_SIZE, pageWindow, toPage } from '../pagination';

const ID = '01a207ab-6a36-7169-bb4b-81f528206996';

describe('cursor pagination', () => {
  it('round-trips an id through an opaque cursor', () => {
    const cursor = encodeCursor(ID);
    expect(cursor).not.toContain(ID);
    expect(decodeCursor(cursor)).toBe(ID);
  });

  it('rejects cursors it did not issue, naming the argument', () => {
    expect(() => decodeCursor('garbage')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }));
    expect(() => decodeCursor(Buffer.from('id:not-a-uuid').toString('base64url'))).toThrow(/after must be an id/);
  });

  it('defaults first to 20, caps it, and fetches one extra row to learn about the next page', () => {
    expect(pageWindow({})).toEqual({ first: 20, afterId: undefined, take: 21 });
    expect(pageWindow({ first: 0 })).toEqual({ first: 0, afterId: undefined, take: 1 });
    expect(pageWindow({ first: MAX_PAGE_SIZE, after: encodeCursor(ID) })).toEqual({ first: MAX_PAGE_SIZE, afterId: ID, take: MAX_PAGE_SIZE + 1 });
    expect(() => pageWindow({ first: MAX_PAGE_SIZE + 1 })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'first' }) }));
    expect(() => pageWindow({ first: -1 })).toThrow(/between 0 and 100/);
  });

  it('builds a page from first + 1 rows and counts the total only when asked, once', async () => {
    const window = pageWindow({ first: 2, after: encodeCursor(ID) });
    const count = jest.fn().mockResolvedValue(7);
    const page = toPage([{ id: 'a' }, { id: 'b' }, { id: 'c' }], window, count);
    expect(page).toMatchObject({ nodes: [{ id: 'a' }, { id: 'b' }], hasNextPage: true, hasPreviousPage: true });
    expect(count).not.toHaveBeenCalled();
    expect(await page.totalCount()).toBe(7);
    expect(await page.totalCount()).toBe(7);
    expect(count).toHaveBeenCalledTimes(1);
    expect(toPage([{ id: 'a' }], window, count).hasNextPage).toBe(false);
  });

  it('pages over a composite key: the cursor holds the last row’s key, and the window its id', () => {
    const parse = ([tier, id]: unknown[]) => (typeof tier === 'number' && typeof id === 'string' ? { tier, id } : undefined);
    const decode = (cursor: string) => decodeKeyCursor(cursor, 'list', parse);
    const cursor = encodeKeyCursor('list', [1, ID]);
    expect(decode(cursor)).toEqual({ tier: 1, id: ID });
    expect(keysetWindow({ first: 5, after: cursor }, decode)).toEqual({ first: 5, afterId: ID, afterKey: { tier: 1, id: ID }, take: 6 });
    expect(keysetWindow({}, decode)).toEqual({ first: 20, afterId: undefined, afterKey: undefined, take: 21 });
    expect(() => keysetWindow({ first: 101 }, decode)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'first' }) }));
    for (const foreign of [encodeCursor(ID), encodeKeyCursor('other', [1, ID]), encodeKeyCursor('list', ['1', ID]), 'garbage']) {
      expect(() => decode(foreign)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }));
    }
  });

  it('gives edges the list’s own cursors when the page has them', () => {
    const page = toPage([{ id: 'a' }], pageWindow({}), async () => 1, (node) => `cursor-${node.id}`);
    expect(page.cursorOf?.({ id: 'a' })).toBe('cursor-a');
  });
});

describe('descending sequence pagination (history)', () => {
  it('round-trips a bigint id through a cursor tagged with its list', () => {
    const cursor = encodeSequenceCursor('history', '9007199254740993');
    expect(descendingSequenceWindow({ first: 5, after: cursor }, 'history')).toEqual({ first: 5, afterId: '9007199254740993', take: 6 });
    expect(descendingSequenceWindow({}, 'history')).toEqual({ first: 20, afterId: undefined, take: 21 });
  });

  it("refuses another list's cursor, a uuid cursor and ids that are not positive bigints", () => {
    const refused = expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) });
    for (const after of [encodeSequenceCursor('claims', '1'), encodeCursor(ID), encodeKeyCursor('history', ['0']), encodeKeyCursor('history', ['1', '2']),
      encodeKeyCursor('history', [1]), encodeKeyCursor('history', ['12345678901234567890']), 'garbage']) {
      expect(() => descendingSequenceWindow({ after }, 'history')).toThrow(refused);
    }
  });
});
