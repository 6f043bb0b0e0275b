import { canonicalLanguageTag } from '../language-tag';

describe('canonicalLanguageTag', () => {
  it.each([
    ['en', 'en'],
    ['de-de', 'de-DE'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['es-419', 'es-419'],
  ])('%s -> %s', (tag, canonical) => {
    expect(canonicalLanguageTag(tag)).toBe(canonical);
  });

  it.each(['english', 'en_US', 'e', '', '12', 'en--GB', 'de-DE-'])('refuses %j', (tag) => {
    expect(canonicalLanguageTag(tag)).toBeUndefined();
  });
});
