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
  wikidataId: 'Q1000001',
  sameAs: ['https://en.wikipedia.org/wiki/Jens_Stoltenberg'],
  organizationId: '01900000-0000-7000-8000-000000000002',
  createdAt: new Date('2026-01-02T03:04:05.678Z'),
  updatedAt: new Date('2026-02-03T04:05:06.789Z'),
};

describe('the jsonl format', () => {
  it('writes every column of a speaker, aliases and identities included, and reads it back as it was', () => {
    const line = toLine('speaker', speaker);
    expect(JSON.parse(line)).toEqual({
      type: 'speaker',
      ...speaker,
      createdAt: '2026-01-02T03:04:05.678Z',
      updatedAt: '2026-02-03T04:05:06.789Z',
    });
    expect(parseLine(line)).toEqual({ type: 'speaker', ...speaker });
  });

  it('reads a speaker line written before aliases were exported as one without aliases, and refuses aliases that are not texts', () => {
    const { aliases: _dropped, ...older } = JSON.parse(toLine('speaker', speaker)) as Record<string, unknown>;
    expect(parseLine(JSON.stringify(older))).toMatchObject({ aliases: [] });
    expect(() => parseLine(JSON.stringify({ ...older, aliases: 'DNI' }))).toThrow('aliases must be an array of texts, got "DNI"');
    expect(() => parseLine(JSON.stringify({ ...older, aliases: [1] }))).toThrow(/aliases must be an array of texts/);
  });

  it('reads a speaker line written before identities were exported as one without them', () => {
    const {
      wikidataId: _item,
      sameAs: _pages,
      organizationId: _organization,
      ...older
    } = JSON.parse(toLine('speaker', speaker)) as Record<string, unknown>;
    expect(parseLine(JSON.stringify(older))).toMatchObject({ wikidataId: null, sameAs: [], organizationId: null });
    expect(() => parseLine(JSON.stringify({ ...older, organizationId: 'nato' }))).toThrow('organizationId must be a lower-case UUID');
  });

  it('rejects a row holding a string the input rules refuse, naming the column', () => {
    const line = (fields: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(toLine('speaker', speaker)), ...fields });
    expect(() => parseLine(line({ name: 'Jens\u0000' }))).toThrow('name must not contain a NUL character (U+0000), found at character 4');
    expect(() => parseLine(line({ aliases: ['ok', 'bad\ud800'] }))).toThrow(
      'aliases.1 is not valid Unicode: a lone surrogate (U+D800) at character 3',
    );
    expect(() => parseLine(line({ role: 'x\u202e' }))).toThrow(/role leaves a bidirectional embedding, override or isolate open/);
    expect(parseLine(line({ role: 'Secretary\nGeneral' }))).toMatchObject({ role: 'Secretary\nGeneral' });
  });

  it('writes a history entry with its bigint id as a decimal string and its changes and state as JSON, and reads it back', () => {
    const entry = {
      id: 9_007_199_254_740_993n, // past 2^53: a JSON number would lose it
      entityType: 'SPEAKER' as const,
      entityId: speaker.id,
      claimId: null,
      action: 'UPDATE' as const,
      actorKind: 'API_KEY' as const,
      actorKeyId: '01900000-0000-7000-8000-0000000000aa',
      actorName: 'desk editor',
      changes: { country: { before: null, after: 'Norway' } },
      state: { id: speaker.id, slug: speaker.slug, country: 'Norway', is_named: true },
      reason: 'Checked',
      isCorrection: false,
      requestId: 'req-1',
      recordedAt: new Date('2026-03-04T05:06:07.089Z'),
    };
    const line = toLine('history', entry);
    expect(JSON.parse(line)).toEqual({ type: 'history', ...entry, id: '9007199254740993', recordedAt: '2026-03-04T05:06:07.089Z' });
    expect(parseLine(line)).toEqual({ type: 'history', ...entry });
    const fields = JSON.parse(line) as Record<string, unknown>;
    expect(() => parseLine(JSON.stringify({ ...fields, id: 12 }))).toThrow(
      'id must be a positive integer written as a decimal string, got 12',
    );
    expect(() => parseLine(JSON.stringify({ ...fields, state: undefined }))).toThrow('state must be a JSON value, got undefined');
    expect(() => parseLine(JSON.stringify({ ...fields, action: 'PURGE' }))).toThrow(/action must be one of CREATE, UPDATE, DELETE, STATUS/);
  });
});
