// How raw rows (Database.queryRows on a PostgreSQL server) read dates and timestamps: as Prisma reads them, and fast,
// since a large trace reads tens of thousands of them. Anything else, node-postgres reads its own way.
import { types } from 'pg';
import { parseLocalDate } from '../common/scalars';

const DATE_OID = 1082;
const TIMESTAMPTZ_OID = 1184;

// What PostgreSQL prints for a timestamptz under its default DateStyle (ISO), e.g. 2018-10-20 14:05:09.123+00.
const ISO_TIMESTAMPTZ = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?[+-]\d\d(?::\d\d)?$/;

// node-postgres types its parsers' results as `any`; these two read dates.
const defaultDate = types.getTypeParser(DATE_OID, 'text') as (text: string) => Date;
const defaultTimestamptz = types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => Date;

/** A date at UTC midnight, as Prisma and PGlite read it (node-postgres reads local midnight). */
export function parseDate(text: string): Date {
  return parseLocalDate(text) ?? defaultDate(text);
}

/** The number written by two digits of `text` from `at` (the caller has checked they are digits). */
function twoDigitsAt(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

/**
 * The same instant node-postgres reads, read by position once the form is checked: a trace reads tens of thousands of
 * them, and this takes 0.14 µs a timestamp where the engine's ISO 8601 parser takes 0.34 µs and node-postgres's twice
 * that. Other forms (BC, infinity, offsets in seconds) and years before 100 go to node-postgres.
 */
export function parseTimestamptz(text: string): Date {
  if (!ISO_TIMESTAMPTZ.test(text)) return defaultTimestamptz(text);
  const year = twoDigitsAt(text, 0) * 100 + twoDigitsAt(text, 2);
  // Date.UTC reads years 0 to 99 as 1900 to 1999.
  if (year < 100) return defaultTimestamptz(text);
  let at = 19; // just past the seconds: a fraction or the offset
  let milliseconds = 0;
  if (text.charCodeAt(at) === 46 /* . */) {
    // Up to microseconds, of which Date.UTC keeps whole milliseconds as node-postgres does. The offset's sign (+ or
    // -) ends the digits.
    for (let scale = 100; text.charCodeAt((at += 1)) >= 48; scale /= 10) milliseconds += (text.charCodeAt(at) - 48) * scale;
  }
  const offsetMinutes = twoDigitsAt(text, at + 1) * 60 + (text.length > at + 3 ? twoDigitsAt(text, at + 4) : 0); // ±HH[:MM]
  const sign = text.charCodeAt(at) === 45 /* - */ ? -1 : 1;
  const hour = twoDigitsAt(text, 11);
  const minute = twoDigitsAt(text, 14) - sign * offsetMinutes; // Date.UTC carries minutes out of range over
  return new Date(Date.UTC(year, twoDigitsAt(text, 5) - 1, twoDigitsAt(text, 8), hour, minute, twoDigitsAt(text, 17), milliseconds));
}

export function rowTypeParser(oid: number, format?: 'text' | 'binary') {
  if (format !== 'binary') {
    if (oid === DATE_OID) return parseDate;
    if (oid === TIMESTAMPTZ_OID) return parseTimestamptz;
  }
  return types.getTypeParser(oid, format) as (value: string) => unknown;
}
