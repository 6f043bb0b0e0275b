import { pageWindow, type Page, type PageRequest } from '../../common/pagination';
import { Conflict, NotFound } from '../../errors/domain-errors';
import { databaseViolation } from '../../errors/database-errors';
import type { Source, SourceKind } from '../../generated/prisma/client';
import type { DbClient, QueryRows } from '../../db/database';
import { NO_RELATIONS, PLAIN_PAGE, readById, readPage, type PageRead, type ReadPlan } from '../../db/nested-read';
import { SOURCE_TABLE } from './source.columns';
import { inRecordedTransaction, type WriteContext } from '../history/recorded-transaction';

export type SourceRecord = Source;

export interface SourceData {
  title: string;
  url?: string | null;
  publisher?: string | null;
  author?: string | null;
  publishedAt?: Date | null;
  kind?: SourceKind | null;
}

export type SourceChanges = Partial<{ [K in keyof SourceData]: SourceData[K] | null }>;

export class SourceService {
  constructor(
    private readonly prisma: DbClient,
    private readonly queryRows: QueryRows,
  ) {}

  /** A page of all sources, in id order, with what `read` asks for, in one statement. */
  list(request: PageRequest, read: PageRead = PLAIN_PAGE): Promise<Page<SourceRecord>> {
    return readPage(this.queryRows, SOURCE_TABLE, undefined, pageWindow(request), read);
  }

  /** The source, with what `plan` asks for, in one statement. */
  findById(id: string, plan: ReadPlan = NO_RELATIONS): Promise<SourceRecord | null> {
    return readById(this.queryRows, SOURCE_TABLE, id, plan);
  }

  async create(data: SourceData, write: WriteContext): Promise<SourceRecord> {
    try {
      return await inRecordedTransaction(this.prisma, write, (tx) => tx.source.create({ data: { ...data, kind: data.kind ?? undefined } }));
    } catch (error) {
      throw translate(error, data.url);
    }
  }

  async update(sourceId: string, changes: SourceChanges, write: WriteContext): Promise<SourceRecord> {
    try {
      return await inRecordedTransaction(this.prisma, write, (tx) =>
        tx.source.update({
          where: { id: sourceId },
          data: {
            title: changes.title ?? undefined,
            kind: changes.kind ?? undefined,
            url: changes.url,
            publisher: changes.publisher,
            author: changes.author,
            publishedAt: changes.publishedAt,
          },
        }),
      );
    } catch (error) {
      throw translate(error, changes.url, sourceId);
    }
  }

  async delete(sourceId: string, write: WriteContext): Promise<SourceRecord> {
    try {
      // In a transaction of its own, so that the count below still runs when the delete is refused inside an
      // idempotent mutation's transaction (where it is a savepoint): a failed statement aborts its transaction.
      return await inRecordedTransaction(this.prisma, write, (tx) => tx.source.delete({ where: { id: sourceId } }));
    } catch (error) {
      if (databaseViolation(error)?.kind === 'restricted-delete') {
        const claims = await this.prisma.claim.count({ where: { sourceId } });
        throw new Conflict(`Source ${sourceId} is cited by ${claims} claim(s); delete them or cite another source first`, { field: 'id' });
      }
      throw translate(error, undefined, sourceId);
    }
  }
}

function translate(error: unknown, url: string | null | undefined, id?: string): unknown {
  const violation = databaseViolation(error);
  if (violation?.kind === 'unique') return new Conflict(`A source with url ${url} already exists`, { field: 'url' });
  if (violation?.kind === 'record-not-found' && id) return new NotFound('Source', id, { field: 'id' });
  return error;
}
