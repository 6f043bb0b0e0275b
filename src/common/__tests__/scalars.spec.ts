import { Kind } from 'graphql';
import { LocalDateScalar, parseLocalDate } from '../scalars';

describe('the Date scalar (calendar dates)', () => {
  it('parses YYYY-MM-DD into UTC midnight and serializes it back', () => {
    const date = LocalDateScalar.parseValue('2018-10-20');
    expect(date.toISOString()).toBe('2018-10-20T00:00:00.000Z');
    expect(LocalDateScalar.serialize(date)).toBe('2018-10-20');
    expect(LocalDateScalar.parseLiteral({ kind: Kind.STRING, value: '2019-02-01' })).toEqual(new Date('2019-02-01T00:00:00Z'));
  });

  it('rejects impossible or differently written dates', () => {
    for (const value of ['2018-02-30', '2018-13-01', '20181020', '2018-10-20T00:00:00Z', 20181020, null]) {
      expect(() => LocalDateScalar.parseValue(value)).toThrow(/YYYY-MM-DD/);
    }
    expect(parseLocalDate('2020-02-29')).toBeDefined();
    expect(parseLocalDate('2019-02-29')).toBeUndefined();
  });
});
