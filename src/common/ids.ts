import { randomBytes } from 'node:crypto';
import { InvalidInput } from '../errors/domain-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id in the API is a UUID; anything else is the client's mistake, named by the field it came in. */
export function parseId(value: string, field: string): string {
  if (!UUID.test(value)) throw new InvalidInput(`${field} must be an id (a UUID), got "${value}"`, { field });
  return value.toLowerCase();
}

let lastMs = 0;
let sequence = 0;

/**
 * A new UUIDv7, as Prisma's @default(uuid(7)) makes them, for rows written without the Prisma client (the bulk
 * import): 48 bits of milliseconds, then a 12-bit sequence within the millisecond (so ids made in one process sort in
 * the order they were made, as the keyset pages read them), then random bits.
 */
export function newId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    sequence += 1;
    if (sequence > 0xfff) {
      ms += 1;
      sequence = 0;
    }
  } else sequence = 0;
  lastMs = ms;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
