// A calendar date (YYYY-MM-DD) such as the day a claim was stated: no time and no time zone, so that "2018-10-20"
// reads the same everywhere. Stored in a PostgreSQL `date` column, carried as a Date at UTC midnight.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Date at UTC midnight of a YYYY-MM-DD day from year 1 on (PostgreSQL has no year 0), or undefined. */
export function parseLocalDate(value: string): Date | undefined {
  if (!DATE.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  // The engine rolls an impossible day over (2018-02-30 reads as March 2nd): only a day that reads back is one.
  return date.getUTCDate() === Number(value.slice(8)) && date.getUTCFullYear() > 0 ? date : undefined;
}

function parse(value: unknown): Date {
  const date = typeof value === 'string' ? parseLocalDate(value) : undefined;
  if (!date) {
    throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return date;
}

const twoDigits = (value: number) => (value < 10 ? `0${value}` : String(value));

/**
 * YYYY-MM-DD of a Date's UTC day, or undefined for an invalid Date or a year outside 1 to 9999. By hand, as
 * toISOString() costs five times as much, on every claim of a trace.
 */
export function formatLocalDate(date: Date): string | undefined {
  const year = date.getUTCFullYear();
  if (!(year >= 1 && year <= 9999)) return undefined;
  return `${String(year).padStart(4, '0')}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
}

export const LocalDateScalar = new GraphQLScalarType<Date, string>({
  name: 'Date',
  description: 'A calendar date without time or time zone, written YYYY-MM-DD (ISO 8601), e.g. "2018-10-20".',
  serialize(value) {
    const day = value instanceof Date ? formatLocalDate(value) : undefined;
    if (day !== undefined) return day;
    if (typeof value === 'string' && parseLocalDate(value.slice(0, 10))) return value.slice(0, 10);
    throw new GraphQLError(`Date cannot represent ${JSON.stringify(value)}`);
  },
  parseValue: parse,
  parseLiteral(ast) {
    return parse(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});
