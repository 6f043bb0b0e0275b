// Imports fact-checks and exported rows, record by record. Each record is written in its own transaction: a bad one is
// rejected with its reason and leaves nothing behind, and the good ones go on. Records the database already holds are
// matched, not duplicated (see matching.ts), so importing the same file twice creates nothing the second time:
//   speakers by normalised name (or slug), sources by normalised URL (or, without one, by title), claims by speaker
//   and normalised text, reviews by URL (or, without one, by claim and organisation), rebuttals by their pair of
//   claims; jsonl rows first by id; history entries (jsonl --with-history) by record, action and instant.
import { canonicalLanguageTag } from '../../common/language-tag';
import { databaseViolation } from '../../errors/database-errors';
import { Prisma, type PrismaClient, type ReviewRating } from '../../generated/prisma/client';
import { ReviewStatus } from '../../generated/prisma/enums';
import { ratingFromText, ratingFromValue } from '../reviews/review-rating';
import type { FactCheck, FactCheckReview, FactCheckSource, FactCheckSpeaker } from './fact-check';
import { RejectedRecord } from './fact-check';
import { parseLine, type Row } from './jsonl';
import { nameKey, normalizeUrl, textKey } from './matching';
import { pagesById } from './pages';
import { inRecordedTransaction, type WriteContext } from '../history/recorded-transaction';

export const MODELS = ['speakers', 'sources', 'claims', 'rebuttals', 'reviews', 'history'] as const;
export type Model = (typeof MODELS)[number];

export interface ImportSummary {
  records: number;
  created: Record<Model, number>;
  matched: Record<Model, number>;
  /** Records skipped, each named by where it is in the file ("record 3", "line 12"). */
  rejected: { at: string; reason: string }[];
  /** Records imported with something worth knowing, such as a rating word the table does not know. */
  notes: { at: string; note: string }[];
}

type Tx = Prisma.TransactionClient;

/** What one record's transaction did; folded into the summary only when it commits. */
interface RecordWork {
  created(model: Model): void;
  matched(model: Model): void;
  note(note: string): void;
  /** Runs after the commit: updates the importer's caches with what the record wrote. */
  afterCommit(update: () => void): void;
}

interface PreparedReview extends Omit<FactCheckReview, 'ratingValue'> {
  rating: ReviewRating;
  /** The URL as written, matched besides its normalised form. */
  writtenUrl: string | null;
}

const UNNAMED = /\(unnamed\)|\banonymous\b/i;
const zero = (): Record<Model, number> => ({ speakers: 0, sources: 0, claims: 0, rebuttals: 0, reviews: 0, history: 0 });

export class Importer {
  readonly summary: ImportSummary = { records: 0, created: zero(), matched: zero(), rejected: [], notes: [] };
  /** Speaker ids by normalised name and by slug. */
  private readonly speakers = new Map<string, string>();
  /** Claim ids by normalised text, per speaker, loaded when a speaker is first met. */
  private readonly claimsBySpeaker = new Map<string, Map<string, string>>();
  /** Ids in a jsonl file -> ids in the database, for rows matched to a record with another id. */
  private readonly ids = new Map<string, string>();

  private constructor(
    private readonly prisma: PrismaClient,
    private readonly write: WriteContext,
  ) {}

  /**
   * An importer that knows the database's speakers (read in pages): names are matched in their normalised form.
   * History attributes what it writes to `write` (the import run: the command and the file).
   */
  static async open(prisma: PrismaClient, write: WriteContext): Promise<Importer> {
    const importer = new Importer(prisma, write);
    const pages = pagesById((where, take) => prisma.speaker.findMany({ where, orderBy: { id: 'asc' }, take, select: { id: true, slug: true, name: true } }));
    for await (const page of pages) for (const speaker of page) importer.rememberSpeaker(speaker);
    return importer;
  }

  importFactCheck(at: string, parse: () => FactCheck): Promise<void> {
    return this.record(at, async (tx, work) => {
      const check = parse();
      const reviews = check.reviews.map((review, position) => prepareReview(review, `claimReview.${position}`, work));
      const speakerId = await this.matchSpeaker(tx, check.speaker, work);
      const sourceId = check.source ? await this.matchSource(tx, check.source, work) : null;
      const claimId = await this.matchClaim(
        tx,
        { text: check.text, speakerId, sourceId, statedAt: check.statedAt, kind: 'PARAPHRASE', reviewStatus: reviews.length > 0 ? ReviewStatus.REVIEWED : ReviewStatus.UNREVIEWED },
        work,
      );
      for (const review of reviews) await this.matchReview(tx, claimId, review, work);
    });
  }

  importRow(at: string, line: string): Promise<void> {
    return this.record(at, async (tx, work) => {
      const { type, ...row } = parseLine(line);
      const id = (fileId: string) => this.ids.get(fileId) ?? fileId;
      const link = (fileId: string, dbId: string) => {
        if (fileId !== dbId) work.afterCommit(() => this.ids.set(fileId, dbId));
      };
      switch (type) {
        case 'speaker': {
          const data = row as Extract<Row, { type: 'speaker' }>;
          const existing = await tx.speaker.findFirst({ where: { OR: [{ id: data.id }, { slug: data.slug }] }, select: { id: true } });
          if (existing) work.matched('speakers');
          else {
            await tx.speaker.create({ data });
            work.created('speakers');
          }
          link(data.id, existing?.id ?? data.id);
          return;
        }
        case 'source': {
          const data = row as Extract<Row, { type: 'source' }>;
          const existing = (await tx.source.findUnique({ where: { id: data.id }, select: { id: true } })) ?? (await findSource(tx, data.url, data.title));
          if (existing) work.matched('sources');
          else {
            await tx.source.create({ data });
            work.created('sources');
          }
          link(data.id, existing?.id ?? data.id);
          return;
        }
        case 'claim': {
          const data = row as Extract<Row, { type: 'claim' }>;
          const claim = { ...data, speakerId: id(data.speakerId), sourceId: data.sourceId === null ? null : id(data.sourceId) };
          const existing = await tx.claim.findUnique({ where: { id: data.id }, select: { id: true } });
          link(data.id, existing?.id ?? (await this.matchClaim(tx, claim, work)));
          if (existing) work.matched('claims');
          return;
        }
        case 'rebuttal': {
          const data = row as Extract<Row, { type: 'rebuttal' }>;
          const rebuttal = { ...data, claimId: id(data.claimId), counterclaimId: id(data.counterclaimId) };
          const existing = await tx.rebuttal.findFirst({
            where: { OR: [{ id: data.id }, { claimId: rebuttal.claimId, counterclaimId: rebuttal.counterclaimId }] },
            select: { id: true },
          });
          if (existing) work.matched('rebuttals');
          else {
            await tx.rebuttal.create({ data: rebuttal });
            work.created('rebuttals');
          }
          link(data.id, existing?.id ?? data.id);
          return;
        }
        case 'review': {
          const data = row as Extract<Row, { type: 'review' }>;
          const review = { ...data, claimId: id(data.claimId) };
          const existing = (await tx.review.findUnique({ where: { id: data.id }, select: { id: true } })) ?? (await findReview(tx, review.claimId, review));
          if (existing) work.matched('reviews');
          else {
            await tx.review.create({ data: review });
            work.created('reviews');
          }
          link(data.id, existing?.id ?? data.id);
          return;
        }
        default: {
          // The entry as it was, about the record it now describes (the one its row was matched to), under a new id
          // (ids are this database's insertion order). Already present (same record, action and instant): matched.
          const { id: _entryId, ...entry } = row as Extract<Row, { type: 'history' }>;
          const about = { entityType: entry.entityType, entityId: id(entry.entityId), action: entry.action, recordedAt: entry.recordedAt };
          if (await tx.historyEntry.findFirst({ where: about, select: { id: true } })) {
            work.matched('history');
            return;
          }
          await tx.historyEntry.create({
            data: { ...entry, ...about, claimId: entry.claimId === null ? null : id(entry.claimId), changes: this.mappedIds(entry.changes), state: this.mappedIds(entry.state) },
          });
          work.created('history');
        }
      }
    });
  }

  /**
   * A history entry's state ({ column: value }) or changes ({ field: { before, after } }) with the ids of rows matched
   * to records with other ids replaced, so that an "as of" read rebuilds the record as this database knows it. Only
   * the id columns and fields (id, *_id, *Id) are looked at: a text that happens to equal an id stays.
   */
  private mappedIds(json: Prisma.JsonValue): Prisma.InputJsonValue | typeof Prisma.JsonNull {
    if (json === null) return Prisma.JsonNull;
    if (this.ids.size === 0 || typeof json !== 'object' || Array.isArray(json)) return json;
    const map = (value: Prisma.JsonValue | undefined) => (typeof value === 'string' ? (this.ids.get(value) ?? value) : value);
    const isId = (key: string) => key === 'id' || key.endsWith('_id') || key.endsWith('Id');
    const mapped = Object.entries(json).map(([key, value]) => {
      if (!isId(key)) return [key, value];
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return [key, { ...value, before: map(value.before), after: map(value.after) }];
      return [key, map(value)];
    });
    return Object.fromEntries(mapped) as Prisma.InputJsonObject;
  }

  private async record(at: string, write: (tx: Tx, work: RecordWork) => Promise<void>): Promise<void> {
    this.summary.records += 1;
    const created = zero();
    const matched = zero();
    const notes: string[] = [];
    const updates: (() => void)[] = [];
    const work: RecordWork = {
      created: (model) => (created[model] += 1),
      matched: (model) => (matched[model] += 1),
      note: (note) => notes.push(note),
      afterCommit: (update) => updates.push(update),
    };
    try {
      await inRecordedTransaction(this.prisma, this.write, (tx) => write(tx, work), { timeout: 60_000 });
    } catch (error) {
      const reason = rejectionReason(error);
      if (reason === undefined) throw error;
      this.summary.rejected.push({ at, reason });
      return;
    }
    for (const model of MODELS) {
      this.summary.created[model] += created[model];
      this.summary.matched[model] += matched[model];
    }
    for (const note of notes) this.summary.notes.push({ at, note });
    for (const update of updates) update();
  }

  private rememberSpeaker(speaker: { id: string; slug: string; name: string }): void {
    this.speakers.set(speaker.slug, speaker.id);
    if (!this.speakers.has(nameKey(speaker.name))) this.speakers.set(nameKey(speaker.name), speaker.id);
  }

  private async matchSpeaker(tx: Tx, speaker: FactCheckSpeaker, work: RecordWork): Promise<string> {
    const key = nameKey(speaker.name);
    if (key === '') throw new RejectedRecord(`the claimant "${speaker.name}" has no letters or digits to match by`);
    const known = this.speakers.get(key);
    if (known) {
      work.matched('speakers');
      return known;
    }
    let slug = key;
    for (let suffix = 2; this.speakers.has(slug); suffix += 1) slug = `${key}-${suffix}`;
    const created = await tx.speaker.create({
      data: { name: speaker.name, slug, role: speaker.role, affiliation: speaker.affiliation, isNamed: !UNNAMED.test(speaker.name) },
      select: { id: true, slug: true, name: true },
    });
    work.created('speakers');
    work.afterCommit(() => this.rememberSpeaker(created));
    return created.id;
  }

  private async matchSource(tx: Tx, source: FactCheckSource, work: RecordWork): Promise<string> {
    const url = source.url === null ? null : normalizeUrl(source.url);
    if (url === undefined) throw new RejectedRecord(`appearance url "${source.url}" is not an absolute http(s) URL`);
    const existing = await findSource(tx, source.url, source.title);
    if (existing) {
      work.matched('sources');
      return existing.id;
    }
    const { id } = await tx.source.create({ data: { ...source, url }, select: { id: true } });
    work.created('sources');
    return id;
  }

  /** The speaker's claim with the same normalised text, or a new one. */
  private async matchClaim(
    tx: Tx,
    claim: Omit<Prisma.ClaimUncheckedCreateInput, 'speakerId' | 'text'> & { speakerId: string; text: string },
    work: RecordWork,
  ): Promise<string> {
    const claims = await this.claimsOf(tx, claim.speakerId);
    const key = textKey(claim.text);
    const known = claims.get(key);
    if (known) {
      work.matched('claims');
      return known;
    }
    const { id } = await tx.claim.create({ data: claim, select: { id: true } });
    work.created('claims');
    work.afterCommit(() => claims.set(key, id));
    return id;
  }

  private async claimsOf(tx: Tx, speakerId: string): Promise<Map<string, string>> {
    const cached = this.claimsBySpeaker.get(speakerId);
    if (cached) return cached;
    const claims = new Map<string, string>();
    const pages = pagesById((where, take) => tx.claim.findMany({ where: { ...where, speakerId }, orderBy: { id: 'asc' }, take, select: { id: true, text: true } }));
    for await (const page of pages) for (const claim of page) if (!claims.has(textKey(claim.text))) claims.set(textKey(claim.text), claim.id);
    this.claimsBySpeaker.set(speakerId, claims);
    return claims;
  }

  private async matchReview(tx: Tx, claimId: string, review: PreparedReview, work: RecordWork): Promise<void> {
    const { writtenUrl, ...data } = review;
    if (await findReview(tx, claimId, { url: writtenUrl ?? null, organizationName: review.organizationName })) {
      work.matched('reviews');
      return;
    }
    await tx.review.create({ data: { ...data, claimId } });
    work.created('reviews');
  }
}

/** A source by URL (as written or normalised), or, for one without a URL, by title. */
function findSource(tx: Tx, url: string | null, title: string) {
  const normalized = url === null ? undefined : normalizeUrl(url);
  return tx.source.findFirst({
    where: url === null ? { url: null, title } : { url: { in: [...new Set([url, normalized ?? url])] } },
    select: { id: true },
  });
}

/** A review by URL (as written or normalised), or, for one without a URL, by its claim and organisation. */
async function findReview(tx: Tx, claimId: string, review: { url: string | null; organizationName: string }) {
  if (review.url !== null) {
    return tx.review.findFirst({ where: { url: { in: [...new Set([review.url, normalizeUrl(review.url) ?? review.url])] } }, select: { id: true } });
  }
  const organization = nameKey(review.organizationName);
  const siblings = await tx.review.findMany({ where: { claimId, url: null }, select: { id: true, organizationName: true } });
  return siblings.find((sibling) => nameKey(sibling.organizationName) === organization) ?? null;
}

/** Checks a review's URLs and language, and places its rating on the normalised scale (noting what it could not). */
function prepareReview(review: FactCheckReview, field: string, work: RecordWork): PreparedReview {
  const { ratingValue, ...rest } = review;
  const url = review.url === null ? null : normalizeUrl(review.url);
  if (url === undefined) throw new RejectedRecord(`${field}.url "${review.url}" is not an absolute http(s) URL`);
  const organizationUrl = review.organizationUrl === null ? null : (normalizeUrl(review.organizationUrl) ?? null);
  if (review.organizationUrl !== null && organizationUrl === null) work.note(`${field}: publisher URL "${review.organizationUrl}" is not a URL; left out`);
  const language = review.language === null ? null : (canonicalLanguageTag(review.language) ?? null);
  if (review.language !== null && language === null) work.note(`${field}: language "${review.language}" is not a BCP 47 tag; left out`);

  let rating = review.ratingText === null ? undefined : ratingFromText(review.ratingText);
  if (rating === undefined && ratingValue) {
    rating = ratingFromValue(ratingValue.value, ratingValue.worst, ratingValue.best);
    if (rating) work.note(`${field}: rating "${review.ratingText ?? ''}" taken from ratingValue ${ratingValue.value} (${ratingValue.worst}..${ratingValue.best}) as ${rating}`);
  }
  if (rating === undefined) {
    work.note(
      review.ratingText === null
        ? `${field}: no rating given; stored as UNPROVEN`
        : `${field}: rating "${review.ratingText}" is not in the rating word table; stored as UNPROVEN, keeping the publisher's words`,
    );
  }
  return {
    ...rest,
    url,
    writtenUrl: review.url,
    organizationUrl,
    language,
    rating: rating ?? 'UNPROVEN',
  };
}

/** Why the database refused a record, or undefined for an error that is not the record's fault (it aborts). */
function rejectionReason(error: unknown): string | undefined {
  if (error instanceof RejectedRecord) return error.message;
  const violation = databaseViolation(error);
  if (violation?.kind === 'unique') return `conflicts with an existing record (${violation.fields.join(', ') || 'a unique value'})`;
  if (violation?.kind === 'foreign-key') return `names a record that is neither in the file nor in the database (${violation.constraint})`;
  if (violation) return `refused by the database (${violation.kind})`;
  if (error instanceof Prisma.PrismaClientValidationError) return `not a valid record: ${error.message.trim().split('\n').at(-1)}`;
  return undefined;
}
