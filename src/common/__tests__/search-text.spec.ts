import { MAX_SEARCH_LENGTH, searchText } from '../search-text';

const codeAndField = (field: string) => expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });

describe('searchText', () => {
  it('keeps what the user typed, operators and quotes included, trimmed', () => {
    expect(searchText('  "full compliance" or treaty -missile  ', 'query')).toBe('"full compliance" or treaty -missile');
    expect(searchText("O'Brien \\ :* ( !", 'query')).toBe("O'Brien \\ :* ( !");
  });

  it('turns control characters, NUL included, into spaces', () => {
    expect(searchText('treaty\u0000missile\ttalk\n', 'query')).toBe('treaty missile talk');
  });

  it('refuses a blank or over-long search, naming the argument', () => {
    expect(() => searchText('', 'query')).toThrow(codeAndField('query'));
    expect(() => searchText(' \u0000\n ', 'search')).toThrow(codeAndField('search'));
    expect(searchText('x'.repeat(MAX_SEARCH_LENGTH), 'query')).toHaveLength(MAX_SEARCH_LENGTH);
    expect(() => searchText('x'.repeat(MAX_SEARCH_LENGTH + 1), 'query')).toThrow(codeAndField('query'));
  });
});
