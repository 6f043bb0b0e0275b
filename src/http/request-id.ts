import { randomUUID } from 'node:crypto';

/**
 * What an incoming X-Request-Id may be: up to 200 characters of letters, digits and `+ / = . _ : -` (UUIDs, ULIDs,
 * hex and base64 ids, as proxies and platforms generate them). Anything else (too long, spaces, several ids joined
 * by a proxy) is replaced, so that a client cannot put arbitrary text into the logs or the response header.
 */
const VALID_REQUEST_ID = /^[A-Za-z0-9+/=._:-]{1,200}$/;

/** The request's id: the caller's X-Request-Id when valid, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && VALID_REQUEST_ID.test(header) ? header : randomUUID();
}
