import { BadUserInputError } from '../errors/app-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id in the API is a UUID; anything else is the client's mistake, named by the argument it came in. */
export function parseId(value: string, field: string): string {
  if (!UUID.test(value)) throw new BadUserInputError(`${field} must be an id (a UUID), got "${value}"`, { field });
  return value.toLowerCase();
}
