// How raw rows (Database.queryRows on a PostgreSQL server) read dates and timestamps: as Prisma reads them, and fast,
// since a large trace reads tens of thousands of them. Anything else, node-postgres reads its own way.
import { types } from 'pg';
import { parseLocalDate } from '../common/scalars';

const DATE_OID = 1082;
const TIMESTAMPTZ_OID = 1184;

// What PostgreSQL prints for a timestamptz under its default DateStyle (ISO), e.g. 2018-10-20 14:05:09.123+00.
const ISO_TIMESTAMPTZ = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?[+-]\d\d(?::\d\d)?$/;

const defaultDate = types.getTypeParser(DATE_OID, 'text');
const defaultTimestamptz = types.getTypeParser(TIMESTAMPTZ_OID, 'text');

/** A date at UTC midnight, as Prisma and PGlite read it (node-postgres reads local midnight). */
export function parseDate(text: string): Date {
  return parseLocalDate(text) ?? defaultDate(text);
}

/**
 * The same instant node-postgres reads, by the engine's own ISO 8601 parser: twice as fast as node-postgres's.
 * Other forms (BC, infinity, offsets in seconds) go to node-postgres.
 */
export function parseTimestamptz(text: string): Date {
  if (!ISO_TIMESTAMPTZ.test(text)) return defaultTimestamptz(text);
  const iso = text.replace(' ', 'T');
  // ISO 8601 wants the offset as ±HH:MM; PostgreSQL prints whole hours as ±HH.
  return new Date(iso.charCodeAt(iso.length - 3) === 58 /* : */ ? iso : `${iso}:00`);
}

export function rowTypeParser(oid: number, format?: 'text' | 'binary') {
  if (format !== 'binary') {
    if (oid === DATE_OID) return parseDate;
    if (oid === TIMESTAMPTZ_OID) return parseTimestamptz;
  }
  return types.getTypeParser(oid, format);
}
