// CORS with the `cors` package, from the CORS_ORIGINS allow-list: an allowed origin is echoed in
// Access-Control-Allow-Origin (with `Vary: Origin`, so that caches keep one copy per origin), any other gets no CORS
// headers and its browser refuses the response. With CORS_ORIGINS=* the header is `*`, which browsers never honour
// with credentials (config.ts refuses that pair). Preflights (OPTIONS) are answered here, 204, with the methods, the
// headers the browser asked to send, and a max age, so a browser asks once per 10 minutes and not before each POST.
import type http from 'node:http';
import cors from 'cors';
import type { CorsConfig } from '../config';

const PREFLIGHT_MAX_AGE_S = 600;

export type CorsHandler = (request: http.IncomingMessage, response: http.ServerResponse) => boolean;

export function createCorsHandler(config: CorsConfig): CorsHandler {
  const middleware = cors({
    origin: config.origins === '*' ? '*' : [...config.origins],
    credentials: config.credentials,
    methods: ['GET', 'POST', 'OPTIONS'],
    maxAge: PREFLIGHT_MAX_AGE_S,
    // So that browser code can read the id to quote in a bug report.
    exposedHeaders: ['X-Request-Id'],
  });
  // With fixed options the middleware runs synchronously, and fails only through an origin callback, which this has not.
  const next = (error?: unknown): void => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the middleware's own error, passed on as it is
    if (error) throw error;
  };
  const varies = config.origins !== '*';
  /** Sets the CORS headers; returns true when it has answered the request (a preflight). */
  return (request, response) => {
    // A request without an Origin header is not a browser's cross-origin request, and gets no CORS header: of all the
    // middleware would do, only `Vary: Origin` matters (a cache must not serve this response to a browser that sends
    // an Origin). Servers, scripts and the benchmarks send none: they skip the middleware's per-request work.
    if (request.headers.origin === undefined && request.method !== 'OPTIONS') {
      if (varies) response.setHeader('vary', 'Origin');
      return false;
    }
    middleware(request, response, next);
    return request.method === 'OPTIONS';
  };
}
