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
});
