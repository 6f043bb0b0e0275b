// What a client types into a search box, made ready for the database: control characters (of which the input rules,
// text-rules.ts, let only tab and line breaks into a search) become spaces, and an empty or over-long search is
// refused with a coded error naming the argument. Everything else, quotes and operators included, is the search
// engine's to read.
import { InvalidInput } from '../errors/domain-errors';

export const MAX_SEARCH_LENGTH = 500;

export function searchText(value: string, field: string): string {
  const text = value.replace(/\p{Cc}/gu, ' ').trim();
  if (text === '') throw new InvalidInput(`${field} must not be blank`, { field });
  if (text.length > MAX_SEARCH_LENGTH) {
    throw new InvalidInput(`${field} is longer than ${MAX_SEARCH_LENGTH} characters`, { field });
  }
  return text;
}
