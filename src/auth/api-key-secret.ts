// The form of an API key: "ctk_" + a public lookup id (16 hex digits) + "_" + a secret (32 random bytes, base64url).
// The prefix lets secret scanners and log searches find keys (ctk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}); the lookup id
// finds the key's row without revealing anything; only the secret's SHA-256 is stored, and it is compared in
// constant time. A secret of 256 random bits needs no slow password hash: nothing can be guessed from its digest.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'ctk_';
const API_KEY_FORM = /^ctk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface ApiKeyParts {
  lookupId: string;
  secret: string;
}

export interface NewApiKey extends ApiKeyParts {
  /** The whole key, shown once to whoever created it. */
  key: string;
  secretSha256: string;
}

export function generateApiKey(): NewApiKey {
  const lookupId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `${API_KEY_PREFIX}${lookupId}_${secret}`, lookupId, secret, secretSha256: sha256Hex(secret) };
}

/** The parts of a key of the right form, or undefined. */
export function parseApiKey(key: string): ApiKeyParts | undefined {
  const match = API_KEY_FORM.exec(key);
  return match ? { lookupId: match[1]!, secret: match[2]! } : undefined;
}

/** How a key is shown in lists and logs: its prefix and lookup id, never the secret. */
export function displayedKey(lookupId: string): string {
  return `${API_KEY_PREFIX}${lookupId}_…`;
}

export function secretMatches(secret: string, storedSha256Hex: string): boolean {
  const stored = Buffer.from(storedSha256Hex, 'hex');
  const given = createHash('sha256').update(secret).digest();
  return stored.length === given.length && timingSafeEqual(stored, given);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
