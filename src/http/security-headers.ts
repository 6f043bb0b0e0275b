// Standard security headers, set with helmet. A JSON API needs few of those a web page does: no sniffing, no framing,
// no referrer, no content of any kind (CSP default-src 'none'), and not to be loaded cross-origin by <script> or <img>
// (CORP; CORS requests are not affected). The document-only headers are left out: each costs a little on every
// response. Strict-Transport-Security only goes on responses to requests that came over HTTPS, directly or through a
// TLS-terminating proxy (X-Forwarded-Proto): sent over plain HTTP it is ignored by browsers and misleads readers.
import type http from 'node:http';
import type { TLSSocket } from 'node:tls';
import helmet, { contentSecurityPolicy, strictTransportSecurity } from 'helmet';

const apiHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  xFrameOptions: { action: 'deny' },
  xContentTypeOptions: true,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  xPoweredBy: false,
  strictTransportSecurity: false,
});

const hsts = strictTransportSecurity();

/**
 * The Sandbox landing page (development) carries Apollo's own policy in a <meta> tag, with a nonce for its inline
 * scripts and styles and the allow-list of Apollo's CDNs and frames; both policies apply, so this one leaves scripts,
 * styles, frames and connections to it (no default-src), adding what a <meta> policy cannot say (frame-ancestors)
 * and what the page never needs (plugins, a <base>, form posts elsewhere).
 */
const landingPagePolicy = contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: contentSecurityPolicy.dangerouslyDisableDefaultSrc,
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
});

/**
 * The offline explorer (/explorer, development): everything from this origin, nothing from elsewhere. EXPLORER_CSP_NOTES
 */
const explorerPolicy = contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    fontSrc: ["'self'", 'data:'],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
  },
});

// helmet's middlewares are synchronous and fail only on bad options, which would have thrown at start-up already.
const next = (error?: unknown): void => {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- the middleware's own error, passed on as it is
  if (error) throw error;
};

function cameOverHttps(request: http.IncomingMessage): boolean {
  if ((request.socket as TLSSocket).encrypted) return true;
  const forwarded = request.headers['x-forwarded-proto'];
  return typeof forwarded === 'string' && forwarded.split(',', 1)[0]!.trim().toLowerCase() === 'https';
}

export function setSecurityHeaders(request: http.IncomingMessage, response: http.ServerResponse): void {
  apiHeaders(request, response, next);
  if (cameOverHttps(request)) hsts(request, response, next);
}

/** Replaces the API's policy on the Sandbox landing page (an HTML response). */
export function setLandingPageSecurityHeaders(request: http.IncomingMessage, response: http.ServerResponse): void {
  landingPagePolicy(request, response, next);
}

/** Replaces the API's policy on the explorer's page and on its web workers (a worker takes its own response's). */
export function setExplorerSecurityHeaders(request: http.IncomingMessage, response: http.ServerResponse): void {
  explorerPolicy(request, response, next);
}
