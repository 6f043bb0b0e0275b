// The offline explorer at /explorer: GraphiQL with the explorer plugin, from the prebuilt browser bundle of
// @graphql-yoga/graphiql in our own node_modules (its fonts are inlined as data: URLs in its CSS; its Monaco web
// workers are separate files, served here too), so that nothing the page loads comes from another machine. Only a
// fixed allow-list of files is served, looked up by exact path: no request path ever reaches the file system.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { parse, print } from 'graphql';
import { sendJson } from './body';
import * as examples from './example-operations';
import { setExplorerSecurityHeaders } from './security-headers';

export const EXPLORER_PATH = '/explorer';

/** Where the bundle's files are, and its version (part of the asset URLs). */
const bundleDir = path.join(path.dirname(require.resolve('@graphql-yoga/graphiql/package.json')), 'dist');
const bundleVersion = (JSON.parse(readFileSync(path.join(bundleDir, '..', 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Started after the bundle (a classic script that defines window.YogaGraphiQL): tells Monaco where its workers are
 * (it asks by label; without an answer it runs their code on the page's thread) and renders GraphiQL with the options
 * the page carries as JSON data, so that the page needs no inline script.
 */
const BOOT_SCRIPT = `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('explorer-config').textContent);
  self.MonacoEnvironment = {
    getWorkerUrl: function (_moduleId, label) { return config.workers[label] || config.workers.editorWorkerService; },
  };
  self.YogaGraphiQL.renderYogaGraphiQL(document.getElementById('explorer'), config.options);
})();
`;

/** The page fills the window; the bar above GraphiQL says where it is and links to Sandbox. */
const PAGE_STYLE = `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
.explorer-bar { padding: 6px 16px; font-size: 14px; border-bottom: 1px solid #8884; }
#explorer { flex: 1; min-height: 0; }
#explorer > .graphiql-container { height: 100%; }
`;

interface Asset {
  contentType: string;
  /** The file's bytes, read on first request. */
  read(): Buffer;
  /** A Monaco worker: runs under the explorer's policy (a worker takes its CSP from its own response). */
  worker?: boolean;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const fromBundle = (file: string, contentType: string, worker = false): Asset => ({
  contentType,
  read: once(() => readFileSync(path.join(bundleDir, file))),
  worker,
});
const fromText = (text: string, contentType: string): Asset => ({ contentType, read: once(() => Buffer.from(text, 'utf8')) });

const ASSET_FILES: Record<string, Asset> = {
  'yoga-graphiql.js': fromBundle('yoga-graphiql.umd.js', JS),
  'graphiql.css': fromBundle('graphiql.css', CSS),
  'editor.worker.js': fromBundle('monacoeditorwork/editor.worker.bundle.js', JS, true),
  'graphql.worker.js': fromBundle('monacoeditorwork/graphql.worker..bundle.js', JS, true),
  'json.worker.js': fromBundle('monacoeditorwork/json.worker.bundle.js', JS, true),
  'explorer.js': fromText(BOOT_SCRIPT, JS),
  'explorer.css': fromText(PAGE_STYLE, CSS),
};

/**
 * Asset URLs carry the bundle's version and a hash of our own files, so they can be cached for good: a new version is
 * a new URL, and the page itself is always revalidated.
 */
const BUILD_ID = createHash('sha256').update(`${bundleVersion}\n${BOOT_SCRIPT}\n${PAGE_STYLE}`).digest('hex').slice(0, 12);
const ASSET_PREFIX = `${EXPLORER_PATH}/assets/${BUILD_ID}/`;
const assetUrl = (name: keyof typeof ASSET_FILES): string => `${ASSET_PREFIX}${name}`;
const ASSETS = new Map(Object.entries(ASSET_FILES).map(([name, asset]) => [`${ASSET_PREFIX}${name}`, asset]));

/**
 * The README's example operations (written once, in example-operations.ts), one tab each, with a line on what each
 * shows and its variables; GraphiQL keeps the user's tabs in the browser after the first visit.
 */
const EXAMPLE_TABS = [
  { operation: examples.WhoSaidWhat, note: 'Who said what, and who answered. Run it with the ▶ button or Ctrl+Enter.' },
  { operation: examples.Speaker, note: 'One speaker by slug, with role, affiliation and everything they countered.' },
  {
    operation: examples.Claims,
    note: 'Claims by filter, paged with cursors: set "after" to pageInfo.endCursor for the next page.',
    variables: { after: null },
  },
  { operation: examples.QuoteInContext, note: 'A quote in the words around it, and whether it stands in the stored text (verification).' },
  { operation: examples.Viewer, note: 'Who a key is: uncomment the Authorization header (Headers, below) and paste your key.' },
  { operation: examples.FindIds, note: 'The ids the next tab needs: a speaker, and the claim their new claim answers.' },
  {
    operation: examples.RecordClaim,
    note: 'Record a claim and the rebuttal it makes, in one transaction (needs an EDITOR key or higher in Headers).',
    variables: { speakerId: '<the speaker id from the previous tab>', claimId: '<the claim id from the previous tab>' },
  },
].map(({ operation, note, variables }) => ({
  query: `# ${note}\n${print(parse(operation))}\n`,
  ...(variables ? { variables: JSON.stringify(variables, null, 2) } : {}),
}));

/**
 * Commented out: a placeholder sent as it is would be refused (401), schema loading included; reads need no key.
 * GraphiQL reads the headers as JSON with comments.
 */
const DEFAULT_HEADERS = `{
  // Writes need an API key (the first start in development prints an ADMIN one): uncomment and paste it.
  // "Authorization": "Bearer <your key>"
}`;

function explorerOptions(): Record<string, unknown> {
  return {
    endpoint: '/graphql',
    title: 'claimtrace',
    // The bundle puts this one in the first tab in place of its own welcome text.
    query: EXAMPLE_TABS[0]!.query,
    defaultTabs: EXAMPLE_TABS.map((tab) => ({ ...tab, headers: DEFAULT_HEADERS })),
    defaultHeaders: DEFAULT_HEADERS,
    // GraphiQL's own default: an API key is not kept in the browser's storage.
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers',
  };
}

/** JSON inside <script type="application/json">: `<` escaped so that no string can close the element. */
const jsonForHtml = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

function renderPage(): string {
  const config = {
    options: explorerOptions(),
    workers: {
      editorWorkerService: assetUrl('editor.worker.js'),
      graphql: assetUrl('graphql.worker.js'),
      json: assetUrl('json.worker.js'),
    },
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>claimtrace explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl('graphiql.css')}">
<link rel="stylesheet" href="${assetUrl('explorer.css')}">
</head>
<body>
<nav class="explorer-bar">claimtrace explorer (GraphiQL, works offline) · <a href="/">Apollo Sandbox</a> (loads from Apollo's CDN)
 · API key: Headers pane, <code>"Authorization": "Bearer ctk_…"</code></nav>
<div id="explorer"><noscript>The explorer needs JavaScript.</noscript></div>
<script type="application/json" id="explorer-config">${jsonForHtml(config)}</script>
<script src="${assetUrl('yoga-graphiql.js')}"></script>
<script src="${assetUrl('explorer.js')}"></script>
</body>
</html>
`;
}

export function isExplorerPath(pathname: string): boolean {
  return pathname === EXPLORER_PATH || pathname.startsWith(`${EXPLORER_PATH}/`);
}

/** Answers a request whose path isExplorerPath: the page, one of the allow-listed assets, or 404. */
export function handleExplorer(request: http.IncomingMessage, response: http.ServerResponse, pathname: string): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    sendJson(response, 405, { error: 'The explorer answers GET and HEAD only' });
    return;
  }
  if (pathname === EXPLORER_PATH || pathname === `${EXPLORER_PATH}/`) {
    setExplorerSecurityHeaders(request, response);
    send(request, response, page(), 'text/html; charset=utf-8', 'no-cache');
    return;
  }
  const asset = ASSETS.get(pathname);
  if (!asset) {
    sendJson(response, 404, { error: `Not found: the explorer is at ${EXPLORER_PATH}` });
    return;
  }
  if (asset.worker) setExplorerSecurityHeaders(request, response);
  send(request, response, asset.read(), asset.contentType, 'public, max-age=31536000, immutable');
}

const page = once(() => Buffer.from(renderPage(), 'utf8'));

function send(request: http.IncomingMessage, response: http.ServerResponse, body: Buffer, contentType: string, cacheControl: string): void {
  response.writeHead(200, { 'content-type': contentType, 'content-length': body.length, 'cache-control': cacheControl });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
