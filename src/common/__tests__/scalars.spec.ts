import { Kind } from 'graphql';
import { LocalDateScalar, parseLocalDate } from '../scalars';

describe('the Date scalar (calendar dates)', () => {
  it('parses YYYY-MM-DD into UTC midnight and serializes it back', () => {
    const date = LocalDateScalar.parseValue('2018-10-20');
    expect(date.toISOString()).toBe('2018-10-20T00:00:00.000Z');
    expect(LocalDateScalar.serialize(date)).toBe('2018-10-20');
    expect(LocalDateScalar.parseLiteral({ kind: Kind.STRING, value: '2019-02-01' })).toEqual(new Date('2019-02-01T00:00:00Z'));
  });

  it('serializes the UTC day of any Date, zero-padded, and refuses one it cannot write', () => {
    expect(LocalDateScalar.serialize(new Date('0999-01-05T00:00:00Z'))).toBe('0999-01-05');
    expect(LocalDateScalar.serialize(new Date('2018-12-31T23:59:59.999Z'))).toBe('2018-12-31');
    expect(LocalDateScalar.serialize('2018-10-20T00:00:00.000Z')).toBe('2018-10-20');
    expect(() => LocalDateScalar.serialize(new Date(Number.NaN))).toThrow(/cannot represent/);
    expect(() => LocalDateScalar.serialize(new Date('+010000-01-01T00:00:00Z'))).toThrow(/cannot represent/);
  });

  it('rejects impossible or differently written dates', () => {
    for (const value of ['2018-02-30', '2018-13-01', '20181020', '2018-10-20T00:00:00Z', 20181020, null]) {
      expect(() => LocalDateScalar.parseValue(value)).toThrow(/YYYY-MM-DD/);
    }
    expect(parseLocalDate('2020-02-29')).toEqual(new Date('2020-02-29T00:00:00.000Z'));
    expect(parseLocalDate('2019-02-29')).toBeUndefined();
    expect(parseLocalDate('0044-03-15')?.toISOString()).toBe('0044-03-15T00:00:00.000Z');
    expect(parseLocalDate('0000-01-01')).toBeUndefined(); // PostgreSQL has no year 0
  });
});
