import { parseLine, toLine } from '../jsonl';

const speaker = {
  id: '01900000-0000-7000-8000-000000000001',
  slug: 'jens-stoltenberg',
  name: 'Jens Stoltenberg',
  role: 'NATO Secretary General',
  affiliation: 'NATO',
  country: null,
  isNamed: true,
  aliases: ['NATO Secretary General', 'Stoltenberg'],
  createdAt: new Date('2026-01-02T03:04:05.678Z'),
  updatedAt: new Date('2026-02-03T04:05:06.789Z'),
};

describe('the jsonl format', () => {
  it('writes every column of a speaker, aliases included, and reads it back as it was', () => {
    const line = toLine('speaker', speaker);
    expect(JSON.parse(line)).toEqual({ type: 'speaker', ...speaker, createdAt: '2026-01-02T03:04:05.678Z', updatedAt: '2026-02-03T04:05:06.789Z' });
    expect(parseLine(line)).toEqual({ type: 'speaker', ...speaker });
  });

  it('reads a speaker line written before aliases were exported as one without aliases, and refuses aliases that are not texts', () => {
    const { aliases: _dropped, ...older } = JSON.parse(toLine('speaker', speaker)) as Record<string, unknown>;
    expect(parseLine(JSON.stringify(older))).toMatchObject({ aliases: [] });
    expect(() => parseLine(JSON.stringify({ ...older, aliases: 'DNI' }))).toThrow('aliases must be an array of texts, got "DNI"');
    expect(() => parseLine(JSON.stringify({ ...older, aliases: [1] }))).toThrow(/aliases must be an array of texts/);
  });

  it('rejects a row holding a string the input rules refuse, naming the column', () => {
    const line = (fields: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(toLine('speaker', speaker)), ...fields });
    expect(() => parseLine(line({ name: 'Jens\u0000' }))).toThrow('name must not contain a NUL character (U+0000), found at character 4');
    expect(() => parseLine(line({ aliases: ['ok', 'bad\ud800'] }))).toThrow('aliases.1 is not valid Unicode: a lone surrogate (U+D800) at character 3');
    expect(() => parseLine(line({ role: 'x\u202e' }))).toThrow(/role leaves a bidirectional embedding, override or isolate open/);
    expect(parseLine(line({ role: 'Secretary\nGeneral' }))).toMatchObject({ role: 'Secretary\nGeneral' });
  });
});

