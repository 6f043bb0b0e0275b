import { types } from 'pg';
import { parseDate, parseTimestamptz, rowTypeParser } from '../row-types';

const nodePostgres = types.getTypeParser(1184, 'text');

describe('row types', () => {
  it('reads a date at UTC midnight, in any time zone of the process', () => {
    expect(new Date(2019, 1, 1).getTimezoneOffset()).not.toBe(0); // jest.config.js runs the tests behind UTC
    expect(parseDate('2019-02-01').toISOString()).toBe('2019-02-01T00:00:00.000Z');
    expect(parseDate('0999-12-31').toISOString()).toBe('0999-12-31T00:00:00.000Z');
  });

  it.each([
    '2018-10-20 14:05:09+00',
    '2018-10-20 14:05:09.1+00',
    '2018-10-20 14:05:09.123+00',
    '2018-10-20 14:05:09.123456+00',
    '2019-02-01 10:00:00.5+05:30',
    '2019-02-01 10:00:00-03',
    '2019-02-01 10:00:00.25-09:30',
    '2018-12-31 23:30:00-01', // the offset carries the instant into the next year
    '2019-01-01 00:15:00.999+14',
    '0099-12-31 23:59:59.5+00', // years before 100: node-postgres's own parser
    '0001-01-01 00:00:00+14',
    '1850-03-01 12:00:00+00:09:21', // offsets in seconds: node-postgres's own parser
    '0044-03-15 12:00:00+00 BC',
  ])('reads timestamptz %s as node-postgres does', (text) => {
    expect(parseTimestamptz(text).getTime()).toBe(nodePostgres(text).getTime());
  });

  it('reads as node-postgres does across years, fractions and offsets', () => {
    // A fixed pseudo-random sequence, so that a failure names a timestamp that fails again.
    let state = 7;
    const next = (below: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % below;
    };
    const pad = (value: number, width = 2) => String(value).padStart(width, '0');
    for (let i = 0; i < 5_000; i += 1) {
      const fraction = next(7) === 0 ? '' : `.${pad(next(1_000_000), 6).slice(0, 1 + next(6))}`;
      const offsetMinutes = next(27 * 4) * 15 - 12 * 60;
      const offset = `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}${Math.abs(offsetMinutes) % 60 ? `:${pad(Math.abs(offsetMinutes) % 60)}` : ''}`;
      const text = `${pad(1 + next(9_999), 4)}-${pad(1 + next(12))}-${pad(1 + next(28))} ${pad(next(24))}:${pad(next(60))}:${pad(next(60))}${fraction}${offset}`;
      expect([text, parseTimestamptz(text).getTime()]).toEqual([text, nodePostgres(text).getTime()]);
    }
  });

  it('leaves infinity and every other type to node-postgres', () => {
    expect(parseTimestamptz('infinity')).toBe(nodePostgres('infinity'));
    expect(rowTypeParser(1184, 'text')).toBe(parseTimestamptz);
    expect(rowTypeParser(1082, 'text')).toBe(parseDate);
    expect(rowTypeParser(25, 'text')).toBe(types.getTypeParser(25, 'text'));
    expect(rowTypeParser(1184, 'binary')).toBe(types.getTypeParser(1184, 'binary'));
  });
});
