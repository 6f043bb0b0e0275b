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
    '1850-03-01 12:00:00+00:09:21', // offsets in seconds: node-postgres's own parser
    '0044-03-15 12:00:00+00 BC',
  ])('reads timestamptz %s as node-postgres does', (text) => {
    expect(parseTimestamptz(text).getTime()).toBe(nodePostgres(text).getTime());
  });

  it('leaves infinity and every other type to node-postgres', () => {
    expect(parseTimestamptz('infinity')).toBe(nodePostgres('infinity'));
    expect(rowTypeParser(1184, 'text')).toBe(parseTimestamptz);
    expect(rowTypeParser(1082, 'text')).toBe(parseDate);
    expect(rowTypeParser(25, 'text')).toBe(types.getTypeParser(25, 'text'));
    expect(rowTypeParser(1184, 'binary')).toBe(types.getTypeParser(1184, 'binary'));
  });
});
