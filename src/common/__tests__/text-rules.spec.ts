import { jsonTextViolation, textViolation } from '../text-rules';

describe('textViolation', () => {
  it('passes ordinary text of any script, astral characters and marks included', () => {
    for (const value of ['', 'Jens Stoltenberg', 'Сергей Рябков', 'שלום', 'مرحبا', '\u{1f600} ok', 'e\u0301', 'a\u200fb\u200e', '\ufffd']) {
      expect(textViolation(value, 'line')).toBeUndefined();
      expect(textViolation(value, 'text')).toBeUndefined();
    }
  });

  it('refuses NUL and lone surrogates in every kind, saying where', () => {
    for (const kind of ['line', 'text'] as const) {
      expect(textViolation('ab\u0000', kind)).toBe('must not contain a NUL character (U+0000), found at character 2');
      expect(textViolation('a\ud800', kind)).toBe('is not valid Unicode: a lone surrogate (U+D800) at character 1');
      expect(textViolation('\udc00a', kind)).toBe('is not valid Unicode: a lone surrogate (U+DC00) at character 0');
      expect(textViolation('\ud83d\ud83d\ude00', kind)).toMatch(/lone surrogate \(U\+D83D\) at character 0/);
    }
  });

  it('lets tab and line breaks into free text only, and no other C0, DEL or C1 control anywhere', () => {
    for (const allowed of ['\t', '\n', '\r']) {
      expect(textViolation(`a${allowed}b`, 'text')).toBeUndefined();
      expect(textViolation(`a${allowed}b`, 'line')).toMatch(/^must not contain control characters; found U\+000[9AD] at character 1$/);
    }
    for (const code of [0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f]) {
      expect(textViolation(`a${String.fromCharCode(code)}`, 'text')).toMatch(
        /^must not contain control characters other than tab and line breaks/,
      );
      expect(textViolation(`a${String.fromCharCode(code)}`, 'line')).toMatch(/^must not contain control characters;/);
    }
    expect(textViolation('a\u00a0b', 'line')).toBeUndefined(); // just past C1: a no-break space
  });

  it('refuses bidi embeddings, overrides and isolates in a line, and takes them balanced and nested in free text', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(textViolation(`x${String.fromCharCode(code)}`, 'line')).toMatch(/^must not contain bidirectional formatting characters/);
    }
    for (const balanced of ['\u202ea\u202c', '\u2067a\u2069', '\u202b\u2066a\u2069\u202c', '\u2068\u202da\u202c\u2069 \u202ab\u202c']) {
      expect(textViolation(balanced, 'text')).toBeUndefined();
    }
    expect(textViolation('\u202eexe.txt', 'text')).toMatch(/leaves a bidirectional embedding, override or isolate open/);
    expect(textViolation('a\u202c', 'text')).toBe('has an unbalanced bidirectional formatting character (U+202C) at character 1');
    expect(textViolation('\u202ba\u2069', 'text')).toMatch(/unbalanced .*U\+2069/);
    expect(textViolation('\u2066a\u202c\u2069', 'text')).toMatch(/unbalanced .*U\+202C/);
  });
});

describe('jsonTextViolation', () => {
  it('finds the first refused string at any depth of a parsed record, keys included, naming its path', () => {
    expect(jsonTextViolation({ claims: [{ text: 'ok', claimReview: [{ publisher: { name: 'Desk\u0000' } }] }] }, 'text')).toBe(
      'claims.0.claimReview.0.publisher.name must not contain a NUL character (U+0000), found at character 4',
    );
    expect(jsonTextViolation({ 'bad\ud800key': 1 }, 'text')).toMatch(/^bad\ud800key \(its name\) is not valid Unicode/);
    expect(jsonTextViolation('\u0007', 'text')).toMatch(/^must not contain control characters/);
    expect(jsonTextViolation({ a: ['x', 1, null, true, { b: 'line\nbreak' }] }, 'text')).toBeUndefined();
    expect(jsonTextViolation({ a: ['x', { b: 'line\nbreak' }] }, 'line')).toMatch(/^a\.1\.b must not contain control characters/);
  });

  it('walks a record nested deeper than the call stack without overflowing it', () => {
    let deep: unknown = 'bottom\u0000';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(jsonTextViolation(deep, 'text')).toMatch(/^0\.0\..*\.0 must not contain a NUL/);
  });
});
