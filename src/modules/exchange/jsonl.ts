// The jsonl exchange format: one JSON object per line, each a row of one table with its type, ids and timestamps, so
// that importing an export into an empty database reproduces it exactly. Rows come in dependency order (speakers,
// sources, sources' texts, claims, appearances, rebuttals, reviews), each table in id order (speakers: the
// organizations others name first; texts by their source's id); an export --with-history then lists the history
// entries, in id order (type "history").
import { formatLocalDate, parseLocalDate } from '../../common/scalars';
import type { Appearance, Claim, HistoryEntry, Prisma, Rebuttal, Review, Source, SourceText, Speaker } from '../../generated/prisma/client';
import {
  ActorKind,
  AppearanceVerification,
  ClaimKind,
  HistoryAction,
  HistoryEntityType,
  RebuttalStance,
  ReviewRating,
  ReviewStatus,
  SourceKind,
} from '../../generated/prisma/enums';
import { checkRecordText, RejectedRecord } from './fact-check';

export const ROW_TYPES = ['speaker', 'source', 'sourceText', 'claim', 'appearance', 'rebuttal', 'review', 'history'] as const;
export type RowType = (typeof ROW_TYPES)[number];

export type Row =
  | ({ type: 'speaker' } & Speaker)
  | ({ type: 'source' } & Source)
  | ({ type: 'sourceText' } & SourceText)
  | ({ type: 'claim' } & Claim)
  | ({ type: 'appearance' } & Appearance)
  | ({ type: 'rebuttal' } & Rebuttal)
  | ({ type: 'review' } & Review)
  | ({ type: 'history' } & HistoryEntry);

/**
 * What a column holds; a trailing "?" allows null. An array lists an enum's values. 'serial' is a bigint (a history
 * entry's id), written as a decimal string since JSON numbers lose precision past 2^53; 'json' is any JSON value;
 * 'integer?' a whole number (an offset, at least 0) and 'number?' any finite one (seconds into a recording).
 */
type FieldKind =
  | 'id'
  | 'id?'
  | 'text'
  | 'text?'
  | 'text[]'
  | 'boolean'
  | 'instant'
  | 'instant?'
  | 'day?'
  | 'serial'
  | 'json'
  | 'integer?'
  | 'number?'
  | readonly string[];

/** The kinds that can describe a value of type V (tuples, so that unions are not distributed). */
type KindFor<V> = [Prisma.JsonValue] extends [V]
  ? 'json'
  : [V] extends [bigint]
    ? 'serial'
    : [V] extends [string[]]
      ? 'text[]'
      : [V] extends [boolean]
        ? 'boolean'
        : [V] extends [Date]
          ? 'instant'
          : [V] extends [Date | null]
            ? 'instant?' | 'day?'
            : [V] extends [number | null]
              ? 'integer?' | 'number?'
              : [V] extends [string]
                ? 'id' | 'text' | readonly V[]
                : [V] extends [string | null]
                  ? 'id?' | 'text?'
                  : never;

interface Models {
  speaker: Speaker;
  source: Source;
  sourceText: SourceText;
  claim: Claim;
  appearance: Appearance;
  rebuttal: Rebuttal;
  review: Review;
  history: HistoryEntry;
}

/**
 * Every column of every table, in the order a line lists them. Typed by Prisma's generated models: a column added to
 * prisma/schema.prisma and not listed here, or listed with a kind that does not fit its type, fails to compile.
 */
const COLUMNS: { [T in RowType]: { [C in keyof Models[T]]-?: KindFor<Models[T][C]> } } = {
  speaker: {
    id: 'id',
    slug: 'text',
    name: 'text',
    role: 'text?',
    affiliation: 'text?',
    country: 'text?',
    isNamed: 'boolean',
    aliases: 'text[]',
    wikidataId: 'text?',
    sameAs: 'text[]',
    organizationId: 'id?',
    createdAt: 'instant',
    updatedAt: 'instant',
  },
  source: {
    id: 'id',
    title: 'text',
    url: 'text?',
    publisher: 'text?',
    author: 'text?',
    publishedAt: 'instant?',
    kind: Object.values(SourceKind),
    createdAt: 'instant',
    updatedAt: 'instant',
  },
  sourceText: {
    sourceId: 'id',
    content: 'text',
    contentHash: 'text',
    language: 'text?',
    retrievedAt: 'instant?',
    createdAt: 'instant',
    updatedAt: 'instant',
  },
  claim: {
    id: 'id',
    text: 'text',
    kind: Object.values(ClaimKind),
    statedAt: 'day?',
    speakerId: 'id',
    sourceId: 'id?',
    reviewStatus: Object.values(ReviewStatus),
    createdAt: 'instant',
    updatedAt: 'instant',
  },
  appearance: {
    id: 'id',
    claimId: 'id',
    sourceId: 'id',
    exact: 'text?',
    prefix: 'text?',
    suffix: 'text?',
    startOffset: 'integer?',
    endOffset: 'integer?',
    startSeconds: 'number?',
    endSeconds: 'number?',
    isFirst: 'boolean',
    verification: Object.values(AppearanceVerification),
    closestStart: 'integer?',
    closestEnd: 'integer?',
    verifiedAt: 'instant?',
    createdAt: 'instant',
    updatedAt: 'instant',
  },
  rebuttal: {
    id: 'id',
    claimId: 'id',
    counterclaimId: 'id',
    stance: Object.values(RebuttalStance),
    rationale: 'text?',
    createdAt: 'instant',
    updatedAt: 'instant',
  },
  review: {
    id: 'id',
    claimId: 'id',
    rating: Object.values(ReviewRating),
    ratingText: 'text?',
    summary: 'text?',
    organizationName: 'text',
    organizationUrl: 'text?',
    authorName: 'text?',
    url: 'text?',
    publishedAt: 'instant?',
    language: 'text?',
    createdAt: 'instant',
    updatedAt: 'instant',
  },
  history: {
    id: 'serial',
    entityType: Object.values(HistoryEntityType),
    entityId: 'id',
    claimId: 'id?',
    action: Object.values(HistoryAction),
    actorKind: Object.values(ActorKind),
    actorKeyId: 'id?',
    actorName: 'text',
    changes: 'json',
    state: 'json',
    reason: 'text?',
    isCorrection: 'boolean',
    requestId: 'text?',
    recordedAt: 'instant',
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One line of the export (without the newline). */
export function toLine(type: RowType, record: object): string {
  const values = record as Record<string, unknown>;
  const row: Record<string, unknown> = { type };
  for (const [column, kind] of Object.entries<FieldKind>(COLUMNS[type])) {
    const value = values[column] ?? null;
    row[column] =
      value instanceof Date
        ? kind === 'day?'
          ? (formatLocalDate(value) ?? null)
          : value.toISOString()
        : typeof value === 'bigint'
          ? value.toString()
          : value;
  }
  return JSON.stringify(row);
}

function parseValue(value: unknown, kind: FieldKind, column: string): unknown {
  const bad = (expected: string) => new RejectedRecord(`${column} must be ${expected}, got ${JSON.stringify(value)}`);
  if (Array.isArray(kind)) {
    if (typeof value !== 'string' || !kind.includes(value)) throw bad(`one of ${kind.join(', ')}`);
    return value;
  }
  if (typeof kind === 'string' && kind.endsWith('?') && (value === null || value === undefined)) return null;
  switch (kind) {
    case 'serial':
      if (typeof value !== 'string' || !/^[1-9][0-9]{0,18}$/.test(value)) throw bad('a positive integer written as a decimal string');
      return BigInt(value);
    case 'json':
      if (value === undefined) throw bad('a JSON value');
      return value;
    case 'id':
    case 'id?':
      if (typeof value !== 'string' || !UUID.test(value)) throw bad('a lower-case UUID');
      return value;
    case 'text':
    case 'text?':
      if (typeof value !== 'string' || (kind === 'text' && value.trim() === '')) throw bad('text');
      return value;
    case 'text[]':
      // Absent in files exported before the column was (aliases, sameAs, before jsonl carried them): none.
      if (value === undefined || value === null) return [];
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw bad('an array of texts');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw bad('true or false');
      return value;
    case 'integer?':
      if (!Number.isSafeInteger(value) || (value as number) < 0) throw bad('a whole number, 0 or more');
      return value;
    case 'number?':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('a number');
      return value;
    case 'instant':
    case 'instant?': {
      const date = typeof value === 'string' ? new Date(value) : undefined;
      if (!date || Number.isNaN(date.getTime())) throw bad('an ISO 8601 date-time');
      return date;
    }
    default: {
      const date = typeof value === 'string' ? parseLocalDate(value) : undefined;
      if (!date) throw bad('a date written YYYY-MM-DD');
      return date;
    }
  }
}

/** A line read back into a typed row; a RejectedRecord says what is wrong with it. */
export function parseLine(line: string): Row {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new RejectedRecord('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RejectedRecord('not an object');
  checkRecordText(value);
  const fields = value as Record<string, unknown>;
  const type = fields.type;
  if (!ROW_TYPES.includes(type as RowType))
    throw new RejectedRecord(`type must be one of ${ROW_TYPES.join(', ')}, got ${JSON.stringify(type)}`);
  const row: Record<string, unknown> = { type };
  for (const [column, kind] of Object.entries<FieldKind>(COLUMNS[type as RowType])) row[column] = parseValue(fields[column], kind, column);
  return row as Row;
}
