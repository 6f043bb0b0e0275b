import { InvalidInput } from '../../errors/domain-errors';
import { MAX_SEARCH_LENGTH, searchText } from '../search-text';

const invalid = (field: string) => expect.objectContaining({ constructor: InvalidInput, field });

describe('searchText', () => {
  it('keeps what the user typed, operators and quotes included, trimmed', () => {
    expect(searchText('  "full compliance" or treaty -missile  ', 'query')).toBe('"full compliance" or treaty -missile');
    expect(searchText("O'Brien \\ :* ( !", 'query')).toBe("O'Brien \\ :* ( !");
  });

  it('turns control characters, NUL included, into spaces', () => {
    expect(searchText('treaty\u0000missile\ttalk\n', 'query')).toBe('treaty missile talk');
  });

  it('refuses a blank or over-long search, naming the field', () => {
    expect(() => searchText('', 'query')).toThrow(invalid('query'));
    expect(() => searchText(' \u0000\n ', 'search')).toThrow(invalid('search'));
    expect(searchText('x'.repeat(MAX_SEARCH_LENGTH), 'query')).toHaveLength(MAX_SEARCH_LENGTH);
    expect(() => searchText('x'.repeat(MAX_SEARCH_LENGTH + 1), 'query')).toThrow(invalid('query'));
  });
});
