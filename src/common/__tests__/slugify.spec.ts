import { slugify } from '../slugify';

describe('slugify', () => {
  it.each([
    ['Jens Stoltenberg', 'jens-stoltenberg'],
    ['Sergei A. Ryabkov', 'sergei-a-ryabkov'],
    ['  Heiko   Maas ', 'heiko-maas'],
    ['Søren Ørsted-Jørgensen', 'soren-orsted-jorgensen'],
    ['José Ángel Gurría', 'jose-angel-gurria'],
    ['NATO official (unnamed)', 'nato-official-unnamed'],
    ['—', ''],
  ])('%s -> %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
