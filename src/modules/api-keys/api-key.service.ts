// Creating, listing and revoking API keys: for admins through the API (api-key.resolver.ts), for operators through
// `npm run keys` (src/cli/keys.ts), and for the first start in development (src/auth/first-admin-key.ts).
import { displayedKey, generateApiKey } from '../../auth/api-key-secret';
import type { Role } from '../../auth/roles';
import { pageWindow, toPage, type Page, type PageRequest } from '../../common/pagination';
import type { DbClient } from '../../db/database';
import { InvalidInput, NotFound } from '../../errors/domain-errors';
import type { ApiKey } from '../../generated/prisma/client';

export type ApiKeyRecord = ApiKey;

export interface ApiKeyData {
  name: string;
  role: Role;
  expiresAt?: Date | null;
}

export interface CreatedApiKey {
  record: ApiKeyRecord;
  /** The whole key: shown once, never stored. */
  key: string;
}

export class ApiKeyService {
  constructor(private readonly prisma: DbClient) {}

  /** `createdBy`: who asked, as history names actors (an admin's key, a command run). */
  async create(data: ApiKeyData, createdBy: string): Promise<CreatedApiKey> {
    if (data.expiresAt && data.expiresAt.getTime() <= Date.now()) {
      throw new InvalidInput('expiresAt is in the past: a key must expire later than now', { field: 'expiresAt' });
    }
    const { key, lookupId, secretSha256 } = generateApiKey();
    const record = await this.prisma.apiKey.create({
      data: { name: data.name, role: data.role, lookupId, secretSha256, expiresAt: data.expiresAt ?? null, createdBy },
    });
    return { record, key };
  }

  async list(request: PageRequest): Promise<Page<ApiKeyRecord>> {
    const window = pageWindow(request);
    const rows = await this.prisma.apiKey.findMany({
      where: window.cursorId ? { id: window.backward ? { lt: window.cursorId } : { gt: window.cursorId } } : {},
      orderBy: { id: window.backward ? 'desc' : 'asc' },
      take: window.take,
    });
    return toPage(rows, window, () => this.prisma.apiKey.count());
  }

  /** Revokes the key (a key revoked already stays as it was revoked). */
  async revoke(keyId: string, revokedBy: string): Promise<ApiKeyRecord> {
    const { count } = await this.prisma.apiKey.updateMany({
      where: { id: keyId, revokedAt: null },
      data: { revokedAt: new Date(), revokedBy },
    });
    const record = await this.prisma.apiKey.findUnique({ where: { id: keyId } });
    if (!record) throw new NotFound('API key', keyId, { field: 'id' });
    if (count === 0 && !record.revokedAt) throw new Error(`API key ${keyId} was neither revoked nor revocable`);
    return record;
  }

  async count(): Promise<number> {
    return this.prisma.apiKey.count();
  }
}

/** How a key is shown: its prefix and lookup id. */
export function shownKey(record: Pick<ApiKeyRecord, 'lookupId'>): string {
  return displayedKey(record.lookupId);
}
