// Reading request bodies and writing plain JSON answers at the HTTP edge.
import type http from 'node:http';
import { HttpError } from './http-error';

export const MAX_BODY_BYTES = 1_000_000;

/** Refuses bytes that are not UTF-8 (RFC 8259 requires it of JSON), rather than read them as U+FFFD. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Refuses a query string (a GET request's query and variables) whose percent-escapes are not UTF-8: URLSearchParams
 * would read them as U+FFFD. `search` is a WHATWG URL's, so ASCII: the escapes are the only bytes to check.
 */
export function checkQueryString(search: string): void {
  if (!search.includes('%')) return;
  const bytes: number[] = [];
  for (let index = 0; index < search.length; index += 1) {
    const escaped = search[index] === '%' ? /^[0-9a-f]{2}/i.exec(search.slice(index + 1, index + 3))?.[0] : undefined;
    if (escaped === undefined) bytes.push(search.charCodeAt(index));
    else {
      bytes.push(parseInt(escaped, 16));
      index += 2;
    }
  }
  try {
    utf8.decode(Uint8Array.from(bytes));
  } catch {
    throw new HttpError(400, 'The query string is not valid UTF-8', 'BAD_REQUEST');
  }
}

/** The body as text, read from the stream's events (its async iterator costs a good part of a small request). */
export function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] | undefined = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (!chunks) return; // too large: the rest is let through unread
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      chunks = undefined;
      reject(new HttpError(413, `Request body is larger than ${MAX_BODY_BYTES} bytes`));
    });
    request.on('end', () => {
      if (!chunks) return;
      try {
        resolve(utf8.decode(Buffer.concat(chunks)));
      } catch {
        reject(new HttpError(400, 'Request body is not valid UTF-8', 'BAD_REQUEST'));
      }
    });
    // The connection closed mid-body: the client went away, or Node cut it at HTTP_REQUEST_TIMEOUT_MS. Not a fault of
    // the server's, and nobody is left to answer.
    request.on('error', () => reject(new HttpError(400, 'The request body was not received in full', 'BAD_REQUEST')));
  });
}

export async function readJsonBody(request: http.IncomingMessage): Promise<unknown> {
  const text = await readBody(request);
  // Apollo answers a non-JSON content type itself; only JSON bodies are parsed here.
  if (!/application\/json/i.test(request.headers['content-type'] ?? '') || text === '') return text === '' ? undefined : text;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON', 'BAD_REQUEST');
  }
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
