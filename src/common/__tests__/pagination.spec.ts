import {
  decodeCursor,
  decodeKeyCursor,
  descendingSequenceWindow,
  encodeCursor,
  encodeKeyCursor,
  encodeSequenceCursor,
  keysetWindow,
  MAX_PAGE_SIZE,
  pageWindow,
  toPage,
} from '../pagination';

const ID = '01a207ab-6a36-7169-bb4b-81f528206996';

describe('cursor pagination', () => {
  it('round-trips an id through an opaque cursor', () => {
    const cursor = encodeCursor(ID);
    expect(cursor).not.toContain(ID);
    expect(decodeCursor(cursor)).toBe(ID);
  });

  it('rejects cursors it did not issue, naming the argument', () => {
    expect(() => decodeCursor('garbage')).toThrow(expect.objectContaining({ name: 'InvalidInput', field: 'after' }));
    expect(() => decodeCursor(Buffer.from('id:not-a-uuid').toString('base64url'))).toThrow(/after must be an id/);
  });

  it('defaults first to 20, caps it, and fetches one extra row to learn about the next page', () => {
    expect(pageWindow({})).toEqual({ size: 20, backward: false, cursorId: undefined, take: 21 });
    expect(pageWindow({ first: 0 })).toEqual({ size: 0, backward: false, cursorId: undefined, take: 1 });
    expect(pageWindow({ first: MAX_PAGE_SIZE, after: encodeCursor(ID) })).toEqual({
      size: MAX_PAGE_SIZE,
      backward: false,
      cursorId: ID,
      take: MAX_PAGE_SIZE + 1,
    });
    expect(() => pageWindow({ first: MAX_PAGE_SIZE + 1 })).toThrow(expect.objectContaining({ name: 'InvalidInput', field: 'first' }));
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
    const decode = (cursor: string, field?: string) => decodeKeyCursor(cursor, 'list', parse, field);
    const cursor = encodeKeyCursor('list', [1, ID]);
    expect(decode(cursor)).toEqual({ tier: 1, id: ID });
    expect(keysetWindow({ first: 5, after: cursor }, decode)).toEqual({
      size: 5,
      backward: false,
      cursorId: ID,
      cursorKey: { tier: 1, id: ID },
      take: 6,
    });
    expect(keysetWindow({}, decode)).toEqual({ size: 20, backward: false, cursorId: undefined, cursorKey: undefined, take: 21 });
    expect(() => keysetWindow({ first: 101 }, decode)).toThrow(expect.objectContaining({ name: 'InvalidInput', field: 'first' }));
    for (const foreign of [encodeCursor(ID), encodeKeyCursor('other', [1, ID]), encodeKeyCursor('list', ['1', ID]), 'garbage']) {
      expect(() => decode(foreign)).toThrow(expect.objectContaining({ name: 'InvalidInput', field: 'after' }));
    }
  });

  it('pages backward: last before the cursor, rows fetched nearest it first and put back in the list’s order', () => {
    expect(pageWindow({ last: 3 })).toEqual({ size: 3, backward: true, cursorId: undefined, take: 4 });
    expect(pageWindow({ before: encodeCursor(ID) })).toEqual({ size: 20, backward: true, cursorId: ID, take: 21 });
    const window = pageWindow({ last: 2, before: encodeCursor(ID) });
    const page = toPage([{ id: 'c' }, { id: 'b' }, { id: 'a' }], window, async () => 3);
    expect(page).toMatchObject({ nodes: [{ id: 'b' }, { id: 'c' }], hasPreviousPage: true, hasNextPage: true });
    expect(toPage([{ id: 'b' }], pageWindow({ last: 2 }), async () => 1)).toMatchObject({
      nodes: [{ id: 'b' }],
      hasPreviousPage: false,
      hasNextPage: false,
    });
    const cursor = encodeKeyCursor('list', [1, ID]);
    const parse = ([tier, id]: unknown[]) => (typeof tier === 'number' && typeof id === 'string' ? { tier, id } : undefined);
    expect(keysetWindow({ last: 5, before: cursor }, (text, field) => decodeKeyCursor(text, 'list', parse, field))).toEqual({
      size: 5,
      backward: true,
      cursorId: ID,
      cursorKey: { tier: 1, id: ID },
      take: 6,
    });
  });

  it('refuses last like first, mixed directions and foreign before cursors, naming the argument', () => {
    const refusedOn = (field: string) => expect.objectContaining({ name: 'InvalidInput', field });
    expect(() => pageWindow({ last: MAX_PAGE_SIZE + 1 })).toThrow(refusedOn('last'));
    expect(() => pageWindow({ last: -1 })).toThrow(/last must be between 0 and 100/);
    expect(() => pageWindow({ first: 1, last: 1 })).toThrow(refusedOn('last'));
    expect(() => pageWindow({ after: encodeCursor(ID), before: encodeCursor(ID) })).toThrow(refusedOn('before'));
    expect(() => pageWindow({ last: 1, after: encodeCursor(ID) })).toThrow(refusedOn('after'));
    expect(() => pageWindow({ first: 1, before: encodeCursor(ID) })).toThrow(refusedOn('before'));
    expect(() => pageWindow({ before: 'garbage' })).toThrow(refusedOn('before'));
    expect(() => pageWindow({ before: 'garbage' })).toThrow(/pageInfo.startCursor/);
    expect(() => pageWindow({ last: 1, before: Buffer.from('id:not-a-uuid').toString('base64url') })).toThrow(/before must be an id/);
    expect(() => descendingSequenceWindow({ before: encodeCursor(ID) }, 'history')).toThrow(refusedOn('before'));
    // Nulls are arguments left out.
    expect(pageWindow({ first: null, after: null, last: 2, before: null })).toMatchObject({ size: 2, backward: true });
  });

  it('gives edges the list’s own cursors when the page has them', () => {
    const page = toPage(
      [{ id: 'a' }],
      pageWindow({}),
      async () => 1,
      (node) => `cursor-${node.id}`,
    );
    expect(page.cursorOf?.({ id: 'a' })).toBe('cursor-a');
  });
});

describe('descending sequence pagination (history)', () => {
  it('round-trips a bigint id through a cursor tagged with its list', () => {
    const cursor = encodeSequenceCursor('history', '9007199254740993');
    expect(descendingSequenceWindow({ first: 5, after: cursor }, 'history')).toEqual({
      size: 5,
      backward: false,
      cursorId: '9007199254740993',
      take: 6,
    });
    expect(descendingSequenceWindow({}, 'history')).toEqual({ size: 20, backward: false, cursorId: undefined, take: 21 });
    expect(descendingSequenceWindow({ last: 3, before: cursor }, 'history')).toEqual({
      size: 3,
      backward: true,
      cursorId: '9007199254740993',
      take: 4,
    });
  });

  it("refuses another list's cursor, a uuid cursor and ids that are not positive bigints", () => {
    const refused = expect.objectContaining({ name: 'InvalidInput', field: 'after' });
    for (const after of [
      encodeSequenceCursor('claims', '1'),
      encodeCursor(ID),
      encodeKeyCursor('history', ['0']),
      encodeKeyCursor('history', ['1', '2']),
      encodeKeyCursor('history', [1]),
      encodeKeyCursor('history', ['12345678901234567890']),
      'garbage',
    ]) {
      expect(() => descendingSequenceWindow({ after }, 'history')).toThrow(refused);
    }
  });
});
