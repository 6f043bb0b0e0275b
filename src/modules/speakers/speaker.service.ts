import { escapeLike } from '../../common/like-pattern';
import { decodeKeyCursor, encodeKeyCursor, keysetWindow, pageWindow, toPage, type Page, type PageRequest } from '../../common/pagination';
import { searchText } from '../../common/search-text';
import { slugify } from '../../common/slugify';
import { Conflict, InvalidInput, NotFound } from '../../errors/domain-errors';
import { databaseViolation } from '../../errors/database-errors';
import { Prisma, type Speaker } from '../../generated/prisma/client';
import { sql } from 'kysely';
import type { DbClient, QueryRows } from '../../db/database';
import { NO_RELATIONS, PLAIN_PAGE, readOne, readPage, type PageRead, type ReadPlan } from '../../db/nested-read';
import { SPEAKER_TABLE } from './speaker.columns';
import { inRecordedTransaction, type WriteContext } from '../history/recorded-transaction';
import { distinctSameAs, WIKIDATA_ID_PATTERN } from './speaker-identity';

/** A speaker's identity as it will stand after a write, for the rules the database cannot check on its own. */
interface IdentityState {
  id?: string;
  isNamed: boolean;
  wikidataId: string | null;
  sameAs: readonly string[];
  organizationId: string | null;
}

export type SpeakerRecord = Speaker;

export interface SpeakerData {
  name: string;
  slug?: string | null;
  role?: string | null;
  affiliation?: string | null;
  country?: string | null;
  isNamed?: boolean | null;
  aliases?: string[] | null;
  wikidataId?: string | null;
  sameAs?: string[] | null;
  organizationId?: string | null;
}

export type SpeakerChanges = Partial<{ [K in keyof SpeakerData]: SpeakerData[K] | null }>;

/**
 * How well a speaker matches a search: 0 when the search is a whole name or alias, 1 when a word of one starts with
 * it, 2 when it is found inside one. Search results are ordered by (tier, name, id), and the cursor holds that key.
 */
export interface SpeakerSearchKey {
  tier: number;
  name: string;
  id: string;
}

const SPEAKER_SEARCH = 'speaker-search';

export function encodeSpeakerSearchCursor(key: SpeakerSearchKey): string {
  return encodeKeyCursor(SPEAKER_SEARCH, [key.tier, key.name, key.id]);
}

export function decodeSpeakerSearchCursor(cursor: string, field = 'after'): SpeakerSearchKey {
  return decodeKeyCursor(
    cursor,
    SPEAKER_SEARCH,
    ([tier, name, id]) =>
      Number.isInteger(tier) && typeof name === 'string' && typeof id === 'string' ? { tier: tier as number, name, id } : undefined,
    field,
  );
}

/** Aliases as stored: trimmed (the input rules have refused blank and repeated ones). */
const cleanAliases = (aliases: string[] | null | undefined): string[] => (aliases ?? []).map((alias) => alias.trim());

export class SpeakerService {
  constructor(
    private readonly prisma: DbClient,
    private readonly queryRows: QueryRows,
  ) {}

  /**
   * All speakers in id order, with what `read` asks for, in one statement; or with `search` those whose name or an
   * alias contains it, best matches first (their relations are left to the loaders).
   */
  list(request: PageRequest, search?: string | null, read: PageRead = PLAIN_PAGE): Promise<Page<SpeakerRecord>> {
    if (search != null) return this.search(searchText(search, 'search'), request);
    return readPage(this.queryRows, SPEAKER_TABLE, undefined, pageWindow(request), read);
  }

  /**
   * Matches the search against speaker_search_text(name, aliases), the folded names (lower case, no accents or
   * punctuation; see the add_search migration) that a trigram index serves, folding the search the same way. The
   * folded search needs no escaping in LIKE: folding turns `%`, `_` and `\` (punctuation) into spaces (a test checks).
   */
  private async search(text: string, request: PageRequest): Promise<Page<SpeakerRecord>> {
    const window = keysetWindow(request, decodeSpeakerSearchCursor);
    const key = window.cursorKey;
    // Backward, the rows before the cursor's, fetched nearest it first (toPage puts them back in order).
    const order = Prisma.raw(window.backward ? 'DESC' : 'ASC');
    const cursor = key
      ? Prisma.sql`WHERE (hit.tier, hit.name, hit.id) ${Prisma.raw(window.backward ? '<' : '>')} (${key.tier}, ${key.name}, ${key.id}::uuid)`
      : Prisma.empty;
    const rows = await this.prisma.$queryRaw<(SpeakerRecord & { tier: number })[]>`
      SELECT hit.* FROM (
        SELECT ${SPEAKER_TABLE.sqlColumns('s')},
               CASE WHEN ' | ' || speaker_search_text(s.name, s.aliases) || ' | ' LIKE '% | ' || f.q || ' | %' THEN 0
                    WHEN ' ' || speaker_search_text(s.name, s.aliases) LIKE '% ' || f.q || '%' THEN 1
                    ELSE 2 END AS tier
        FROM speakers s, (SELECT fold_for_search(${text}) AS q) f
        WHERE f.q <> '' AND speaker_search_text(s.name, s.aliases) LIKE '%' || f.q || '%'
      ) hit
      ${cursor}
      ORDER BY hit.tier ${order}, hit.name ${order}, hit.id ${order}
      LIMIT ${window.take}`;
    return toPage(
      rows,
      window,
      async () => {
        const [{ count }] = await this.prisma.$queryRaw<[{ count: number }]>`
          SELECT count(*)::int AS count FROM speakers s, (SELECT fold_for_search(${text}) AS q) f
          WHERE f.q <> '' AND speaker_search_text(s.name, s.aliases) LIKE '%' || f.q || '%'`;
        return count;
      },
      (speaker) => encodeSpeakerSearchCursor(speaker),
    );
  }

  /** The speaker of the id, slug or Wikidata item id (exactly one given), with what `plan` asks for, in one statement. */
  async findOne(
    lookup: { id?: string | null; slug?: string | null; wikidataId?: string | null },
    plan: ReadPlan = NO_RELATIONS,
  ): Promise<SpeakerRecord | null> {
    const given = (['id', 'slug', 'wikidataId'] as const).filter((field) => lookup[field] != null);
    if (given.length !== 1) {
      // Named: the second of those given, or id when none is (the one to give in the usual case).
      throw new InvalidInput(`Pass exactly one of id, slug or wikidataId; got ${given.length === 0 ? 'none' : given.join(' and ')}`, {
        field: given[1] ?? 'id',
      });
    }
    const [field] = given as [keyof typeof lookup];
    const value = lookup[field]!;
    if (field === 'wikidataId' && !WIKIDATA_ID_PATTERN.test(value)) {
      throw new InvalidInput('wikidataId must be a Wikidata item id: "Q" and digits without a leading zero, e.g. "Q22686"', {
        field: 'wikidataId',
      });
    }
    const condition = field === 'id' ? sql`${SPEAKER_TABLE.ref('id')} = ${value}::uuid` : sql`${SPEAKER_TABLE.ref(field)} = ${value}`;
    return readOne(this.queryRows, SPEAKER_TABLE, condition, plan);
  }

  async create(data: SpeakerData, write: WriteContext): Promise<SpeakerRecord> {
    const slug = data.slug ?? (await this.freeSlug(data.name));
    if (slug === '') throw new InvalidInput('name must contain letters or digits to derive a slug from; pass a slug', { field: 'slug' });
    try {
      const sameAs = distinctSameAs(data.sameAs ?? []);
      const isNamed = data.isNamed ?? true;
      return await inRecordedTransaction(this.prisma, write, async (tx) => {
        await checkIdentity(tx, { isNamed, wikidataId: data.wikidataId ?? null, sameAs, organizationId: data.organizationId ?? null }, data);
        return tx.speaker.create({ data: { ...data, slug, isNamed, aliases: cleanAliases(data.aliases), sameAs } });
      });
    } catch (error) {
      throw this.translate(error, slug, undefined, data.wikidataId);
    }
  }

  async update(speakerId: string, changes: SpeakerChanges, write: WriteContext): Promise<SpeakerRecord> {
    try {
      const sameAs = changes.sameAs === undefined ? undefined : distinctSameAs(changes.sameAs ?? []);
      return await inRecordedTransaction(this.prisma, write, async (tx) => {
        // Read under a row lock, so that the identity checked is the one the update changes.
        const [current] = await tx.$queryRaw<IdentityState[]>`
          SELECT id, is_named AS "isNamed", wikidata_id AS "wikidataId", same_as AS "sameAs", organization_id AS "organizationId"
          FROM speakers WHERE id = ${speakerId}::uuid FOR UPDATE`;
        if (!current) throw new NotFound('Speaker', speakerId, { field: 'id' });
        const next: IdentityState = {
          id: speakerId,
          isNamed: changes.isNamed ?? current.isNamed,
          wikidataId: changes.wikidataId === undefined ? current.wikidataId : changes.wikidataId,
          sameAs: sameAs ?? current.sameAs,
          organizationId: changes.organizationId === undefined ? current.organizationId : changes.organizationId,
        };
        await checkIdentity(tx, next, changes);
        return tx.speaker.update({
          where: { id: speakerId },
          data: {
            name: changes.name ?? undefined,
            slug: changes.slug ?? undefined,
            isNamed: changes.isNamed ?? undefined,
            role: changes.role,
            affiliation: changes.affiliation,
            country: changes.country,
            aliases: changes.aliases === undefined ? undefined : cleanAliases(changes.aliases),
            wikidataId: changes.wikidataId,
            sameAs,
            organizationId: changes.organizationId,
          },
        });
      });
    } catch (error) {
      throw this.translate(error, changes.slug ?? '', speakerId, changes.wikidataId);
    }
  }

  async delete(speakerId: string, write: WriteContext): Promise<SpeakerRecord> {
    try {
      // In a transaction of its own, so that the count below still runs when the delete is refused inside an
      // idempotent mutation's transaction (where it is a savepoint): a failed statement aborts its transaction.
      return await inRecordedTransaction(this.prisma, write, (tx) => tx.speaker.delete({ where: { id: speakerId } }));
    } catch (error) {
      if (databaseViolation(error)?.kind === 'restricted-delete') {
        const [claims, members] = await Promise.all([
          this.prisma.claim.count({ where: { speakerId } }),
          this.prisma.speaker.count({ where: { organizationId: speakerId } }),
        ]);
        if (claims === 0 && members > 0) {
          throw new Conflict(`Speaker ${speakerId} is the organization of ${members} speaker(s); link them to another or to none first`, {
            field: 'id',
          });
        }
        throw new Conflict(`Speaker ${speakerId} has ${claims} claim(s); delete them or attribute them to another speaker first`, {
          field: 'id',
        });
      }
      throw this.translate(error, '', speakerId);
    }
  }

  /** The slug derived from the name, with a numeric suffix when it is taken ("john-smith-2"). */
  private async freeSlug(name: string): Promise<string> {
    const base = slugify(name);
    const taken = new Set(
      (await this.prisma.speaker.findMany({ where: { slug: { startsWith: escapeLike(base) } }, select: { slug: true } })).map(
        (row) => row.slug,
      ),
    );
    let slug = base;
    for (let suffix = 2; taken.has(slug); suffix += 1) slug = `${base}-${suffix}`;
    return slug;
  }

  private translate(error: unknown, slug: string, id?: string, wikidataId?: string | null): unknown {
    const violation = databaseViolation(error);
    if (violation?.kind === 'unique' && [violation.constraint, ...violation.fields].some((name) => /wikidata/i.test(name))) {
      return new Conflict(`Another speaker is Wikidata item ${wikidataId ?? ''}`.trim(), { field: 'wikidataId' });
    }
    if (violation?.kind === 'unique') return new Conflict(`A speaker with slug "${slug}" already exists`, { field: 'slug' });
    if (violation?.kind === 'foreign-key') return new InvalidInput('No speaker has that organizationId', { field: 'organizationId' });
    if (violation?.kind === 'record-not-found' && id) return new NotFound('Speaker', id, { field: 'id' });
    return error;
  }
}

/**
 * The identity rules: an unnamed speaker ("a NATO official") is no one that can be identified, so it has no Wikidata
 * item or sameAs of its own (its organization stands for it; the database's CHECK holds this too); an organization is
 * an existing speaker other than this one, that belongs to no organization itself, and a speaker that is the
 * organization of others belongs to none: one level, so no chain or cycle to follow. `given`: the fields the write
 * sets, to name the one at fault.
 */
async function checkIdentity(tx: DbClient, next: IdentityState, given: SpeakerChanges): Promise<void> {
  if (!next.isNamed && (next.wikidataId !== null || next.sameAs.length > 0)) {
    const field = given.wikidataId != null ? 'wikidataId' : given.sameAs?.length ? 'sameAs' : 'isNamed';
    throw new InvalidInput(
      `An unnamed speaker has no ${next.wikidataId !== null ? 'Wikidata item' : 'sameAs'} of its own: link it to its organization (organizationId) instead`,
      { field },
    );
  }
  if (given.organizationId == null) return;
  const organizationId = given.organizationId;
  if (organizationId === next.id) throw new InvalidInput('A speaker cannot be its own organization', { field: 'organizationId' });
  const organization = await tx.speaker.findUnique({ where: { id: organizationId }, select: { name: true, organizationId: true } });
  if (!organization) throw new InvalidInput(`No speaker has id ${organizationId}`, { field: 'organizationId' });
  if (organization.organizationId !== null) {
    throw new InvalidInput(`${organization.name} belongs to an organization itself; link to that organization instead`, {
      field: 'organizationId',
    });
  }
  const members = next.id === undefined ? 0 : await tx.speaker.count({ where: { organizationId: next.id } });
  if (members > 0) {
    throw new InvalidInput(`This speaker is the organization of ${members} speaker(s), so it cannot belong to one itself`, {
      field: 'organizationId',
    });
  }
}
