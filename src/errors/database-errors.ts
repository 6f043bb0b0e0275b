// Reads what a failed Prisma call tells about the database rule it broke, so that services can turn it into an error
// the client can act on. Knows Prisma's error shape; knows nothing of GraphQL.
import { Prisma } from '../generated/prisma/client';

export type DatabaseViolation =
  | { kind: 'unique'; fields: string[] }
  | { kind: 'foreign-key'; constraint: string }
  | { kind: 'restricted-delete'; constraint: string }
  | { kind: 'check'; constraint: string }
  | { kind: 'record-not-found' };

interface DriverCause {
  originalCode?: string;
  originalMessage?: string;
  kind?: string;
  constraint?: { fields?: string[]; index?: string };
}

const constraintName = (message: string | undefined): string => /constraint "([^"]+)"/.exec(message ?? '')?.[1] ?? '';

export function databaseViolation(error: unknown): DatabaseViolation | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  if (error.code === 'P2025') return { kind: 'record-not-found' };
  const cause = ((error.meta?.driverAdapterError as { cause?: DriverCause } | undefined)?.cause ?? {}) as DriverCause;
  switch (cause.originalCode) {
    case '23505':
      return { kind: 'unique', fields: cause.constraint?.fields ?? [] };
    case '23503':
      // Raised on insert/update (a missing parent) and on delete with NO ACTION (existing children).
      return /update or delete on table/.test(cause.originalMessage ?? '')
        ? { kind: 'restricted-delete', constraint: constraintName(cause.originalMessage) }
        : { kind: 'foreign-key', constraint: cause.constraint?.index ?? constraintName(cause.originalMessage) };
    case '23001':
      return { kind: 'restricted-delete', constraint: constraintName(cause.originalMessage) };
    case '23514':
      return { kind: 'check', constraint: constraintName(cause.originalMessage) };
    default:
      return undefined;
  }
}
