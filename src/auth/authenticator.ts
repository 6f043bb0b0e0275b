// Who a request comes from: the API key in its Authorization header (Bearer), checked against the database at most
// once per key every AUTH_KEY_CACHE_SECONDS (5 s by default), so a revoked or expired key stops working within that
// time, and a read with a key costs a map lookup over an anonymous one. Keys revoked through this server's API stop at
// once (forget). Without a header the request is anonymous; a header that names no working key is refused as a
// whole (UNAUTHENTICATED, HTTP 401), even for a read, so that a client with a broken key learns it at its first request.
import { LRUCache } from 'lru-cache';
import type { DbClient } from '../db/database';
import { UnauthenticatedError } from '../errors/app-errors';
import { parseApiKey, secretMatches } from './api-key-secret';
import type { Viewer } from './viewer';

/** A key's last-used time is written at most this often, so that a busy key does not write on every cache miss. */
const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_CACHED_KEYS = 10_000;

/** A key checked: its viewer (and when it expires, checked on every use), or why it is refused. */
type Checked = { viewer: Viewer; expiresAt: number | undefined } | { refusal: string };

export interface AuthenticatorOptions {
  cacheSeconds: number;
}

export class Authenticator {
  private readonly checked: LRUCache<string, Checked> | undefined;

  constructor(
    private readonly prisma: DbClient,
    options: AuthenticatorOptions,
  ) {
    this.checked = options.cacheSeconds > 0 ? new LRUCache({ max: MAX_CACHED_KEYS, ttl: options.cacheSeconds * 1000 }) : undefined;
  }

  /** The viewer for an Authorization header; null without one; UnauthenticatedError when it names no working key. */
  async authenticate(authorization: string | undefined): Promise<Viewer | null> {
    if (authorization === undefined || authorization === '') return null;
    const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!bearer) throw new UnauthenticatedError('The Authorization header must be "Bearer <API key>"');
    const key = bearer[1]!;
    let checked = this.checked?.get(key);
    if (!checked) {
      checked = await this.check(key);
      this.checked?.set(key, checked);
    }
    if ('refusal' in checked) throw new UnauthenticatedError(checked.refusal);
    if (checked.expiresAt !== undefined && checked.expiresAt <= Date.now()) {
      throw new UnauthenticatedError(`The API key expired on ${new Date(checked.expiresAt).toISOString()}`);
    }
    return checked.viewer;
  }

  /** Drops what is cached of a key (revoked through this server), so that it stops working now. */
  forget(keyId: string): void {
    if (!this.checked) return;
    for (const [key, checked] of this.checked.entries())
      if ('viewer' in checked && checked.viewer.keyId === keyId) this.checked.delete(key);
  }

  private async check(key: string): Promise<Checked> {
    const parts = parseApiKey(key);
    if (!parts) return { refusal: 'The API key is not one this server issues (ctk_…); check that it was copied whole' };
    const row = await this.prisma.apiKey.findUnique({ where: { lookupId: parts.lookupId } });
    // One message for an unknown key and a wrong secret: which lookup ids exist is nobody's business.
    if (!row || !secretMatches(parts.secret, row.secretSha256)) return { refusal: 'The API key is unknown' };
    if (row.revokedAt) return { refusal: `The API key ${row.name ? `"${row.name}" ` : ''}was revoked on ${row.revokedAt.toISOString()}` };
    const now = Date.now();
    if (row.expiresAt && row.expiresAt.getTime() <= now) return { refusal: `The API key expired on ${row.expiresAt.toISOString()}` };
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
    }
    return { viewer: { keyId: row.id, name: row.name, role: row.role }, expiresAt: row.expiresAt?.getTime() };
  }
}
