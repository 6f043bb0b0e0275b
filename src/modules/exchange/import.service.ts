// Imports fact-checks, in batches of thousands (one transaction each, matched a set at a time), and exported rows,
// record by record (each in its own transaction). Either way a bad record is rejected with its reason and leaves
// nothing behind, and the good ones go on. Records the database already holds are
// matched, not duplicated (see matching.ts), so importing the same file twice creates nothing the second time:
//   speakers by normalised name (or slug), sources by normalised URL (or, without one, by title), claims by speaker
//   (or, for an organization, by its unnamed members too: ClaimReview names them by it) and normalised text, reviews
//   by URL (or, without one, by claim and organisation), rebuttals by their pair of claims; jsonl rows first by id;
//   history entries (jsonl --with-history) by record, action and instant.
// A new speaker takes the identity its claimant's sameAs gives (a Wikidata URL as wikidataId, the other URLs as sameAs);
// a matched speaker is left as it is, as every matched record is.
import { canonicalLanguageTag } from '../../common/language-tag';
import { databaseViolation } from '../../errors/database-errors';
import { newId } from '../../common/ids';
import {
  Prisma,
  type Appearance,
  type Claim,
  type PrismaClient,
  type Review,
  type ReviewRating,
  type Source,
  type Speaker,
} from '../../generated/prisma/client';
import { ClaimKind, ReviewStatus, SourceKind } from '../../generated/prisma/enums';
import { UNANCHORED } from '../appearances/appearance.service';
import { CLAIM_TABLE } from '../claims/claim.columns';
import { REVIEW_TABLE } from '../reviews/review.columns';
import { SOURCE_TABLE } from '../sources/source.columns';
import { SPEAKER_TABLE } from '../speakers/speaker.columns';
import { ratingFromText, ratingFromValue } from '../reviews/review-rating';
import { distinctSameAs, wikidataIdOf } from '../speakers/speaker-identity';
import type { FactCheck, FactCheckReview, FactCheckSpeaker } from './fact-check';
import { RejectedRecord } from './fact-check';
import {
  appearancesOfClaimsQuery,
  claimsOfSpeakersQuery,
  insertAppearances,
  insertRows,
  reviewUrlsQuery,
  sourcesQuery,
  urlLessReviewsQuery,
} from './import.sql';
import { parseLine, type Row } from './jsonl';
import { nameKey, normalizeUrl, textKey } from './matching';
import { pagesById } from './pages';
import { inRecordedTransaction, type WriteContext } from '../history/recorded-transaction';

export const MODELS = ['speakers', 'sources', 'sourceTexts', 'claims', 'appearances', 'rebuttals', 'reviews', 'history'] as const;
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
type Counts = Record<Model, number>;

/** Records per batch transaction by default (the import command's). */
export const DEFAULT_BATCH_SIZE = 2_000;
/** A batch's transaction may take this long (a slow disk, a busy server) before it is abandoned. */
const BATCH_TIMEOUT_MS = 300_000;

/** A fact-check record as the file holds it: where it is, and how to read it (reading may reject it). */
export interface PendingFactCheck {
  at: string;
  parse: () => FactCheck;
}

/** A record that passed every check made before writing, with what those checks derived. */
interface CheckedFactCheck {
  /** Its place in its batch. */
  position: number;
  check: FactCheck;
  speakerKey: string;
  /** Each appearance's source URL normalised (null for a source without a URL), in the order of check.appearances. */
  sourceUrls: (string | null)[];
  reviews: PreparedReview[];
  /** The identity a new speaker would take from the claimant's sameAs. */
  identity: ClaimantIdentity;
  notes: string[];
}

interface ClaimantIdentity {
  wikidataId: string | null;
  sameAs: string[];
}

type RecordOutcome = { rejected: string } | { created: Counts; matched: Counts; notes: string[] };

/** What a batch writes (whole rows, ids made here), and what each of its records did. */
interface BatchPlan {
  speakers: Speaker[];
  sources: Source[];
  claims: Claim[];
  appearances: Appearance[];
  reviews: Review[];
  /** The new claims' normalised texts, for the claim cache once the batch commits. */
  claimKeys: { speakerId: string; key: string; id: string }[];
  outcomes: Map<number, RecordOutcome>;
}

/** What one record's transaction did; folded into the summary only when it commits. */
interface RecordWork {
  created(model: Model): void;
  matched(model: Model): void;
  /** Runs after the commit: updates the importer's caches with what the record wrote. */
  afterCommit(update: () => void): void;
}

interface PreparedReview extends Omit<FactCheckReview, 'ratingValue'> {
  rating: ReviewRating;
  /** The URL as written, matched besides its normalised form. */
  writtenUrl: string | null;
}

/** What a batch's known claims have of appearances: "claim|source" keys, and the claims that have a first one. */
interface KnownAppearances {
  at: Set<string>;
  withFirst: Set<string>;
}

/** A record of a batch once its speaker, sources and claim are known. */
interface PlannedRecord {
  record: CheckedFactCheck;
  claimId: string;
  claimIsNew: boolean;
  /** The sources of the record's appearances, in their order. */
  sourceIds: string[];
  outcome: RecordOutcome & { created: Counts; matched: Counts };
}

const UNNAMED = /\(unnamed\)|\banonymous\b/i;
const zero = (): Record<Model, number> => ({
  speakers: 0,
  sources: 0,
  sourceTexts: 0,
  claims: 0,
  appearances: 0,
  rebuttals: 0,
  reviews: 0,
  history: 0,
});

export class Importer {
  readonly summary: ImportSummary = { records: 0, created: zero(), matched: zero(), rejected: [], notes: [] };
  /** Speaker ids by normalised name and by slug. */
  private readonly speakers = new Map<string, string>();
  /** Claim ids by normalised text, per speaker, loaded when a speaker is first met. */
  private readonly claimsBySpeaker = new Map<string, Map<string, string>>();
  /** Ids in a jsonl file -> ids in the database, for rows matched to a record with another id. */
  private readonly ids = new Map<string, string>();
  /** Claims this run created from jsonl rows, whose first appearance the database made (see importRow). */
  private readonly createdClaims = new Set<string>();

  private constructor(
    private readonly prisma: PrismaClient,
    private readonly write: WriteContext,
    /** Fact-check records per transaction (see importFactChecks). */
    readonly batchSize: number,
  ) {}

  /**
   * An importer that knows the database's speakers (read in pages): names are matched in their normalised form.
   * History attributes what it writes to `write` (the import run: the command and the file).
   */
  static async open(prisma: PrismaClient, write: WriteContext, options: { batchSize?: number } = {}): Promise<Importer> {
    const importer = new Importer(prisma, write, options.batchSize ?? DEFAULT_BATCH_SIZE);
    const pages = pagesById((where, take) =>
      prisma.speaker.findMany({ where, orderBy: { id: 'asc' }, take, select: { id: true, slug: true, name: true } }),
    );
    for await (const page of pages) for (const speaker of page) importer.rememberSpeaker(speaker);
    return importer;
  }

  /**
   * Imports a batch of fact-check records in one transaction: each record read and checked first (one that fails is
   * rejected with its reason before anything is written), then the batch matched a set at a time (a few statements,
   * whatever its size) and its new rows written with one INSERT per table. When the database refuses the batch (a
   * slug another writer took during the run, say), it is split in halves and each written on its own, down to the one
   * record at fault, which is rejected with the database's reason: the others are imported, none is half-written.
   * Matching is as record by record: a record matches what the records before it in the file created.
   */
  async importFactChecks(records: readonly PendingFactCheck[]): Promise<void> {
    this.summary.records += records.length;
    const outcomes: RecordOutcome[] = [];
    const checked: CheckedFactCheck[] = [];
    for (const [position, { parse }] of records.entries()) {
      const notes: string[] = [];
      try {
        const check = parse();
        const reviews = check.reviews.map((review, index) => prepareReview(review, `claimReview.${index}`, (note) => notes.push(note)));
        const speakerKey = nameKey(check.speaker.name);
        if (speakerKey === '') throw new RejectedRecord(`the claimant "${check.speaker.name}" has no letters or digits to match by`);
        const sourceUrls = check.appearances.map(({ source: { url } }) => {
          const normalized = url === null ? null : normalizeUrl(url);
          if (normalized === undefined) throw new RejectedRecord(`appearance url "${url}" is not an absolute http(s) URL`);
          return normalized;
        });
        const identity = claimantIdentity(check.speaker, (note) => notes.push(note));
        checked.push({ position, check, speakerKey, sourceUrls, reviews, identity, notes });
      } catch (error) {
        if (!(error instanceof RejectedRecord)) throw error;
        outcomes[position] = { rejected: error.message };
      }
    }
    await this.writeFactChecks(checked, outcomes);
    for (const [position, outcome] of outcomes.entries()) {
      const at = records[position]!.at;
      if ('rejected' in outcome) {
        this.summary.rejected.push({ at, reason: outcome.rejected });
        continue;
      }
      for (const model of MODELS) {
        this.summary.created[model] += outcome.created[model];
        this.summary.matched[model] += outcome.matched[model];
      }
      for (const note of outcome.notes) this.summary.notes.push({ at, note });
    }
  }

  private async writeFactChecks(records: readonly CheckedFactCheck[], outcomes: RecordOutcome[]): Promise<void> {
    if (records.length === 0) return;
    let plan: BatchPlan;
    try {
      plan = await inRecordedTransaction(
        this.prisma,
        this.write,
        async (tx) => {
          const planned = await this.planFactChecks(tx, records);
          if (planned.speakers.length > 0) await tx.$executeRaw(insertRows(SPEAKER_TABLE, planned.speakers));
          if (planned.sources.length > 0) await tx.$executeRaw(insertRows(SOURCE_TABLE, planned.sources));
          if (planned.claims.length > 0) await tx.$executeRaw(insertRows(CLAIM_TABLE, planned.claims));
          if (planned.appearances.length > 0) await tx.$executeRaw(insertAppearances(planned.appearances));
          if (planned.reviews.length > 0) await tx.$executeRaw(insertRows(REVIEW_TABLE, planned.reviews));
          return planned;
        },
        { timeout: BATCH_TIMEOUT_MS },
      );
    } catch (error) {
      const reason = rejectionReason(error);
      if (reason === undefined) throw error;
      if (records.length === 1) {
        outcomes[records[0]!.position] = { rejected: reason };
        return;
      }
      const half = Math.ceil(records.length / 2);
      await this.writeFactChecks(records.slice(0, half), outcomes);
      await this.writeFactChecks(records.slice(half), outcomes);
      return;
    }
    for (const speaker of plan.speakers) {
      this.rememberSpeaker(speaker);
      this.claimsBySpeaker.set(speaker.id, new Map());
    }
    for (const { speakerId, key, id } of plan.claimKeys) this.claimsBySpeaker.get(speakerId)!.set(key, id);
    for (const [position, outcome] of plan.outcomes) outcomes[position] = outcome;
  }

  /**
   * What a batch creates and matches, record after record as the file orders them, over what the database holds (read
   * a set at a time) and what the records before it in the batch create.
   */
  private async planFactChecks(tx: Tx, records: readonly CheckedFactCheck[]): Promise<BatchPlan> {
    const now = new Date();
    const plan: BatchPlan = { speakers: [], sources: [], claims: [], appearances: [], reviews: [], claimKeys: [], outcomes: new Map() };

    const unloaded = new Set<string>();
    for (const { speakerKey } of records) {
      const id = this.speakers.get(speakerKey);
      if (id !== undefined && !this.claimsBySpeaker.has(id)) unloaded.add(id);
    }
    if (unloaded.size > 0) {
      for (const id of unloaded) this.claimsBySpeaker.set(id, new Map());
      for (const claim of await tx.$queryRaw<{ id: string; speakerId: string; text: string }[]>(claimsOfSpeakersQuery([...unloaded]))) {
        const claims = this.claimsBySpeaker.get(claim.speakerId)!;
        const key = textKey(claim.text);
        if (!claims.has(key)) claims.set(key, claim.id);
      }
    }

    const sourceByUrl = new Map<string, string>();
    const sourceByTitle = new Map<string, string>();
    const sources = records.flatMap(({ check, sourceUrls }) =>
      check.appearances.map(({ source }, index) => ({ ...source, normalized: sourceUrls[index]! })),
    );
    if (sources.length > 0) {
      const urls = sources.flatMap(({ url, normalized }) => (url === null ? [] : [url, normalized]));
      const titles = sources.flatMap(({ url, title }) => (url === null ? [title] : []));
      for (const source of await tx.$queryRaw<{ id: string; url: string | null; title: string }[]>(sourcesQuery(urls, titles))) {
        const byKey = source.url === null ? sourceByTitle : sourceByUrl;
        const key = source.url ?? source.title;
        if (!byKey.has(key)) byKey.set(key, source.id);
      }
    }

    // The Wikidata items speakers already are (in the database, or new in this batch): by speaker name.
    const wikidataIds = [...new Set(records.flatMap(({ identity }) => identity.wikidataId ?? []))];
    const itemHolders = new Map<string, string>();
    if (wikidataIds.length > 0) {
      const held = await tx.$queryRaw<{ wikidataId: string; name: string }[]>`
        SELECT wikidata_id AS "wikidataId", name FROM speakers WHERE wikidata_id = ANY(${wikidataIds}::text[])`;
      for (const { wikidataId, name } of held) itemHolders.set(wikidataId, name);
    }

    const newSpeakers = new Map<string, string>();
    const speakerId = (key: string) => this.speakers.get(key) ?? newSpeakers.get(key);
    const newClaims = new Map<string, Map<string, string>>();
    const works: PlannedRecord[] = [];
    for (const record of records) {
      const { check, speakerKey, sourceUrls } = record;
      const outcome = { created: zero(), matched: zero(), notes: record.notes };

      let speaker = speakerId(speakerKey);
      if (speaker !== undefined) outcome.matched.speakers += 1;
      else {
        let slug = speakerKey;
        for (let suffix = 2; speakerId(slug) !== undefined; suffix += 1) slug = `${speakerKey}-${suffix}`;
        speaker = newId();
        const { name, role, affiliation } = check.speaker;
        let { wikidataId } = record.identity;
        const holder = wikidataId === null ? undefined : itemHolders.get(wikidataId);
        if (holder !== undefined) {
          record.notes.push(`claimant's Wikidata item ${wikidataId} is already speaker "${holder}"'s; left out`);
          wikidataId = null;
        } else if (wikidataId !== null) itemHolders.set(wikidataId, name);
        plan.speakers.push({
          id: speaker,
          slug,
          name,
          role,
          affiliation,
          country: null,
          isNamed: !UNNAMED.test(name),
          aliases: [],
          wikidataId,
          sameAs: record.identity.sameAs,
          organizationId: null,
          createdAt: now,
          updatedAt: now,
        });
        newSpeakers.set(slug, speaker);
        if (!newSpeakers.has(speakerKey)) newSpeakers.set(speakerKey, speaker);
        outcome.created.speakers += 1;
      }

      const sourceIds = check.appearances.map(({ source }, index) => {
        const sourceUrl = sourceUrls[index]!;
        const known = source.url === null ? sourceByTitle.get(source.title) : (sourceByUrl.get(source.url) ?? sourceByUrl.get(sourceUrl));
        if (known !== undefined) {
          outcome.matched.sources += 1;
          return known;
        }
        const id = newId();
        // kind: the schema's default, which a Prisma create leaves to it.
        plan.sources.push({ ...source, id, url: sourceUrl, kind: SourceKind.ARTICLE, createdAt: now, updatedAt: now });
        if (sourceUrl === null) sourceByTitle.set(source.title, id);
        else sourceByUrl.set(sourceUrl, id);
        outcome.created.sources += 1;
        return id;
      });
      const sourceId = sourceIds[0] ?? null;

      const key = textKey(check.text);
      const existing = this.claimsBySpeaker.get(speaker)?.get(key);
      let claimId = existing ?? newClaims.get(speaker)?.get(key);
      if (claimId !== undefined) outcome.matched.claims += 1;
      else {
        claimId = newId();
        const reviewStatus = check.reviews.length > 0 ? ReviewStatus.REVIEWED : ReviewStatus.UNREVIEWED;
        plan.claims.push({
          id: claimId,
          text: check.text,
          kind: ClaimKind.PARAPHRASE,
          statedAt: check.statedAt,
          speakerId: speaker,
          sourceId,
          reviewStatus,
          createdAt: now,
          updatedAt: now,
        });
        if (!newClaims.has(speaker)) newClaims.set(speaker, new Map());
        newClaims.get(speaker)!.set(key, claimId);
        plan.claimKeys.push({ speakerId: speaker, key, id: claimId });
        outcome.created.claims += 1;
      }
      works.push({ record, claimId, claimIsNew: existing === undefined, sourceIds, outcome });
    }

    this.planAppearances(await this.appearancesOf(tx, works), works, plan, now);

    // Reviews, once every claim is known: by URL (as written or normalised) across the database and the batch, and
    // without one, by claim and organisation.
    const reviewUrls = new Set<string>();
    const urls = works.flatMap(({ record }) =>
      record.reviews.flatMap(({ url, writtenUrl }) => (writtenUrl === null ? [] : [writtenUrl, url!])),
    );
    if (urls.length > 0) for (const { url } of await tx.$queryRaw<{ url: string }[]>(reviewUrlsQuery(urls))) reviewUrls.add(url);
    const organizations = new Map<string, Set<string>>();
    const organizationsOf = (claimId: string) => organizations.get(claimId) ?? organizations.set(claimId, new Set()).get(claimId)!;
    const urlLessOfKnownClaims = works.filter(
      ({ record, claimIsNew }) => !claimIsNew && record.reviews.some(({ writtenUrl }) => writtenUrl === null),
    );
    if (urlLessOfKnownClaims.length > 0) {
      const rows = await tx.$queryRaw<{ claimId: string; organizationName: string }[]>(
        urlLessReviewsQuery(urlLessOfKnownClaims.map(({ claimId }) => claimId)),
      );
      for (const { claimId, organizationName } of rows) organizationsOf(claimId).add(nameKey(organizationName));
    }
    for (const { record, claimId, outcome } of works) {
      for (const { writtenUrl, ...review } of record.reviews) {
        const organization = nameKey(review.organizationName);
        const matched =
          writtenUrl === null ? organizationsOf(claimId).has(organization) : reviewUrls.has(writtenUrl) || reviewUrls.has(review.url!);
        if (matched) {
          outcome.matched.reviews += 1;
          continue;
        }
        plan.reviews.push({ ...review, id: newId(), claimId, createdAt: now, updatedAt: now });
        if (review.url === null) organizationsOf(claimId).add(organization);
        else reviewUrls.add(review.url);
        outcome.created.reviews += 1;
      }
      plan.outcomes.set(record.position, outcome);
    }
    return plan;
  }

  /** The appearances the database holds of the batch's known claims, as "claim|source" keys, and the claims with a first one. */
  private async appearancesOf(tx: Tx, works: readonly { claimId: string; claimIsNew: boolean }[]): Promise<KnownAppearances> {
    const known: KnownAppearances = { at: new Set(), withFirst: new Set() };
    const claimIds = works.filter(({ claimIsNew }) => !claimIsNew).map(({ claimId }) => claimId);
    if (claimIds.length === 0) return known;
    for (const { claimId, sourceId, isFirst } of await tx.$queryRaw<{ claimId: string; sourceId: string; isFirst: boolean }[]>(
      appearancesOfClaimsQuery(claimIds),
    )) {
      known.at.add(`${claimId}|${sourceId}`);
      if (isFirst) known.withFirst.add(claimId);
    }
    return known;
  }

  /**
   * The records' appearances: one a claim already has at that source is matched (whatever its quote: a matched record
   * is left as it is), any other created, UNVERIFIED and with the file's quote as its exact text (placed and checked
   * when the source's text is set). A new claim's first one is at its source (claims.source_id) and is its first
   * appearance; a known claim's new ones are not first, its first (if any) staying as it is.
   */
  private planAppearances(known: KnownAppearances, works: readonly PlannedRecord[], plan: BatchPlan, now: Date): void {
    for (const { record, claimId, claimIsNew, sourceIds, outcome } of works) {
      for (const [index, { quote }] of record.check.appearances.entries()) {
        const sourceId = sourceIds[index]!;
        const key = `${claimId}|${sourceId}`;
        if (known.at.has(key)) {
          outcome.matched.appearances += 1;
          continue;
        }
        const isFirst = claimIsNew && index === 0 && !known.withFirst.has(claimId);
        plan.appearances.push({
          id: newId(),
          claimId,
          sourceId,
          ...UNANCHORED,
          exact: quote === null ? null : quote.normalize('NFC'),
          isFirst,
          createdAt: now,
          updatedAt: now,
        });
        known.at.add(key);
        if (isFirst) known.withFirst.add(claimId);
        outcome.created.appearances += 1;
      }
    }
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
            await tx.speaker.create({ data: { ...data, organizationId: data.organizationId === null ? null : id(data.organizationId) } });
            work.created('speakers');
          }
          link(data.id, existing?.id ?? data.id);
          return;
        }
        case 'source': {
          const data = row as Extract<Row, { type: 'source' }>;
          const existing =
            (await tx.source.findUnique({ where: { id: data.id }, select: { id: true } })) ?? (await findSource(tx, data.url, data.title));
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
          if (existing) {
            work.matched('claims');
            link(data.id, existing.id);
            return;
          }
          const matched = await this.matchClaim(tx, claim, work);
          link(data.id, matched.id);
          if (matched.created) work.afterCommit(() => this.createdClaims.add(matched.id));
          return;
        }
        case 'sourceText': {
          // One per source: a source that already has a text keeps it (a matched record is left as it is).
          const data = row as Extract<Row, { type: 'sourceText' }>;
          const sourceId = id(data.sourceId);
          if (await tx.sourceText.findUnique({ where: { sourceId }, select: { sourceId: true } })) work.matched('sourceTexts');
          else {
            await tx.sourceText.create({ data: { ...data, sourceId } });
            work.created('sourceTexts');
          }
          return;
        }
        case 'appearance': {
          const data = row as Extract<Row, { type: 'appearance' }>;
          const appearance = { ...data, claimId: id(data.claimId), sourceId: id(data.sourceId) };
          if (await tx.appearance.findUnique({ where: { id: data.id }, select: { id: true } })) {
            work.matched('appearances');
            return;
          }
          const first = data.isFirst
            ? await tx.appearance.findFirst({ where: { claimId: appearance.claimId, isFirst: true }, select: { id: true, sourceId: true } })
            : null;
          // A claim this run created was given its first appearance, bare, by the database (claims.source_id names it;
          // see the appearances migration): the file's row is that appearance as it was, so it takes the place.
          if (first !== null && this.createdClaims.has(appearance.claimId)) {
            await tx.appearance.delete({ where: { id: first.id } });
            await tx.appearance.create({ data: appearance });
            work.created('appearances');
            return;
          }
          const existing =
            first !== null && first.sourceId === appearance.sourceId
              ? first
              : await tx.appearance.findFirst({
                  where: { claimId: appearance.claimId, sourceId: appearance.sourceId, exact: appearance.exact },
                  select: { id: true },
                });
          if (existing) {
            work.matched('appearances');
            link(data.id, existing.id);
            return;
          }
          // The claim's first appearance is elsewhere in this database: that one stays first, as matched records do.
          await tx.appearance.create({ data: { ...appearance, isFirst: appearance.isFirst && first === null } });
          work.created('appearances');
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
          const existing =
            (await tx.review.findUnique({ where: { id: data.id }, select: { id: true } })) ??
            (await findReview(tx, review.claimId, review));
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
            data: {
              ...entry,
              ...about,
              claimId: entry.claimId === null ? null : id(entry.claimId),
              changes: this.mappedIds(entry.changes),
              state: this.mappedIds(entry.state),
            },
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
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        return [key, { ...value, before: map(value.before), after: map(value.after) }];
      return [key, map(value)];
    });
    return Object.fromEntries(mapped) as Prisma.InputJsonObject;
  }

  private async record(at: string, write: (tx: Tx, work: RecordWork) => Promise<void>): Promise<void> {
    this.summary.records += 1;
    const created = zero();
    const matched = zero();
    const updates: (() => void)[] = [];
    const work: RecordWork = {
      created: (model) => (created[model] += 1),
      matched: (model) => (matched[model] += 1),
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
    for (const update of updates) update();
  }

  private rememberSpeaker(speaker: { id: string; slug: string; name: string }): void {
    this.speakers.set(speaker.slug, speaker.id);
    if (!this.speakers.has(nameKey(speaker.name))) this.speakers.set(nameKey(speaker.name), speaker.id);
  }

  /** The speaker's claim with the same normalised text, or a new one. */
  private async matchClaim(
    tx: Tx,
    claim: Omit<Prisma.ClaimUncheckedCreateInput, 'speakerId' | 'text'> & { speakerId: string; text: string },
    work: RecordWork,
  ): Promise<{ id: string; created: boolean }> {
    const claims = await this.claimsOf(tx, claim.speakerId);
    const key = textKey(claim.text);
    const known = claims.get(key);
    if (known) {
      work.matched('claims');
      return { id: known, created: false };
    }
    const { id } = await tx.claim.create({ data: claim, select: { id: true } });
    work.created('claims');
    work.afterCommit(() => claims.set(key, id));
    return { id, created: true };
  }

  private async claimsOf(tx: Tx, speakerId: string): Promise<Map<string, string>> {
    const cached = this.claimsBySpeaker.get(speakerId);
    if (cached) return cached;
    const claims = new Map<string, string>();
    const pages = pagesById((where, take) =>
      tx.claim.findMany({ where: { ...where, speakerId }, orderBy: { id: 'asc' }, take, select: { id: true, text: true } }),
    );
    for await (const page of pages)
      for (const claim of page) if (!claims.has(textKey(claim.text))) claims.set(textKey(claim.text), claim.id);
    this.claimsBySpeaker.set(speakerId, claims);
    return claims;
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
    return tx.review.findFirst({
      where: { url: { in: [...new Set([review.url, normalizeUrl(review.url) ?? review.url])] } },
      select: { id: true },
    });
  }
  const organization = nameKey(review.organizationName);
  const siblings = await tx.review.findMany({ where: { claimId, url: null }, select: { id: true, organizationName: true } });
  return siblings.find((sibling) => nameKey(sibling.organizationName) === organization) ?? null;
}

/**
 * The identity the claimant's sameAs gives a new speaker: a Wikidata URL (item page or entity URI) as its wikidataId,
 * the other absolute http(s) URLs as its sameAs, each once. Left out, with a note: what is not such a URL, a second
 * Wikidata item (which of them is meant cannot be told), and any identity of an unnamed claimant (its organisation
 * stands for it; see speaker.service.ts).
 */
function claimantIdentity(speaker: FactCheckSpeaker, note: (note: string) => void): ClaimantIdentity {
  const items = new Set<string>();
  const urls: string[] = [];
  for (const url of speaker.sameAs) {
    const item = wikidataIdOf(url);
    if (item !== undefined) items.add(item);
    else if (normalizeUrl(url) === undefined) note(`claimant's sameAs "${url}" is not an absolute http(s) URL; left out`);
    else urls.push(url);
  }
  if (items.size > 1) note(`claimant's sameAs names ${items.size} Wikidata items (${[...items].join(', ')}); none taken`);
  const identity = { wikidataId: items.size === 1 ? [...items][0]! : null, sameAs: distinctSameAs(urls) };
  if (UNNAMED.test(speaker.name) && (identity.wikidataId !== null || identity.sameAs.length > 0)) {
    note(`claimant "${speaker.name}" is unnamed, so its sameAs is not its identity; left out`);
    return { wikidataId: null, sameAs: [] };
  }
  return identity;
}

/** Checks a review's URLs and language, and places its rating on the normalised scale (noting what it could not). */
function prepareReview(review: FactCheckReview, field: string, note: (note: string) => void): PreparedReview {
  const { ratingValue, ...rest } = review;
  const url = review.url === null ? null : normalizeUrl(review.url);
  if (url === undefined) throw new RejectedRecord(`${field}.url "${review.url}" is not an absolute http(s) URL`);
  const organizationUrl = review.organizationUrl === null ? null : (normalizeUrl(review.organizationUrl) ?? null);
  if (review.organizationUrl !== null && organizationUrl === null)
    note(`${field}: publisher URL "${review.organizationUrl}" is not a URL; left out`);
  const language = review.language === null ? null : (canonicalLanguageTag(review.language) ?? null);
  if (review.language !== null && language === null) note(`${field}: language "${review.language}" is not a BCP 47 tag; left out`);

  let rating = review.ratingText === null ? undefined : ratingFromText(review.ratingText);
  if (rating === undefined && ratingValue) {
    rating = ratingFromValue(ratingValue.value, ratingValue.worst, ratingValue.best);
    if (rating)
      note(
        `${field}: rating "${review.ratingText ?? ''}" taken from ratingValue ${ratingValue.value} (${ratingValue.worst}..${ratingValue.best}) as ${rating}`,
      );
  }
  if (rating === undefined) {
    note(
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
  if (violation?.kind === 'unique')
    return `conflicts with an existing record (${violation.fields.join(', ') || violation.constraint || 'a unique value'})`;
  if (violation?.kind === 'foreign-key') return `names a record that is neither in the file nor in the database (${violation.constraint})`;
  if (violation) return `refused by the database (${violation.kind})`;
  if (error instanceof Prisma.PrismaClientValidationError) return `not a valid record: ${error.message.trim().split('\n').at(-1)}`;
  return undefined;
}
