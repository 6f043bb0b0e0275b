import { nameKey, normalizeUrl, textKey } from '../matching';

describe('matching keys', () => {
  it('takes names alike regardless of case, white space, accents and punctuation', () => {
    expect(nameKey('  Jens   STOLTENBERG. ')).toBe(nameKey('Jens Stoltenberg'));
    expect(nameKey('Sergei Ryabkov')).toBe(nameKey('Sérgei  Ryabkov'));
    expect(nameKey('Heiko Maas')).not.toBe(nameKey('Heiko Maass'));
  });

  it('takes claim texts alike regardless of case, quotes, dashes and white space', () => {
    expect(textKey('Russia wouldn’t turn a blind eye')).toBe(textKey("russia  wouldn't turn a blind eye "));
    expect(textKey('“Quoted” — text')).toBe(textKey('"quoted" \u2014 text'));
    expect(textKey('Russia would turn a blind eye')).not.toBe(textKey('Russia wouldn’t turn a blind eye'));
  });

  it.each([
    ['https://News.Example.org/inf/', 'https://news.example.org/inf'],
    ['HTTPS://news.example.org:443/inf?utm_source=x&id=4#top', 'https://news.example.org/inf?id=4'],
    ['http://example.org', 'http://example.org'],
    ['  https://example.org/a?b=1  ', 'https://example.org/a?b=1'],
  ])('%s -> %s', (url, normalized) => {
    expect(normalizeUrl(url)).toBe(normalized);
  });

  it.each(['example.org/inf', 'ftp://example.org/x', 'not a url', ''])('refuses %j', (url) => {
    expect(normalizeUrl(url)).toBeUndefined();
  });
});
