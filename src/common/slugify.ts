// Slugs, and the key names are matched by (speakers on import, rating words): one normal form for names.
// Latin letters that Unicode decomposition does not reduce to ASCII.
const TRANSLITERATIONS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ı: 'i' };

/** "Jens Stoltenberg" -> "jens-stoltenberg"; accents folded, anything else non-alphanumeric becomes one hyphen. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[øæœßđłþðı]/g, (letter) => TRANSLITERATIONS[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}
