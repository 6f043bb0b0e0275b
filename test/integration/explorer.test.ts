// The offline explorer at /explorer: served from our own node_modules, only where the schema is exposed, a fixed list
// of files and nothing else; and, in a real headless Chromium that may reach no other origin, a query run through the UI.
import { existsSync } from 'node:fs';
import { parse, print } from 'graphql';
import puppeteer, { type Browser } from 'puppeteer-core';
import * as examples from '../../src/http/example-operations';
import { request } from '../helpers/http-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** The asset paths a page's <link> and <script> elements name. */
const assetPaths = (html: string): string[] => [...html.matchAll(/(?:href|src)="(\/explorer\/assets\/[^"]+)"/g)].map((match) => match[1]!);

/** Chromium from CHROMIUM_PATH or the usual OS package paths; undefined when none is installed. */
function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

describe('the explorer over HTTP', () => {
  let api: TestServer;
  let page: Awaited<ReturnType<typeof request>>;
  beforeAll(async () => {
    api = await startTestServer({ config: { nodeEnv: 'development', exposeSchema: true } });
    page = await request(`${api.url}explorer`);
  });
  afterAll(() => api.close());

  it('serves the page in development, under a policy that allows only this origin', () => {
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('<a href="/">Apollo Sandbox</a>');
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    // Nothing but this origin (and inline data: fonts and images) in any source list.
    expect(policy.replace(/'self'|'none'|'unsafe-eval'|'unsafe-inline'|data:/g, '')).not.toMatch(/[a-z]+:|\*/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('names no other origin: every URL in the page is a path on this server', () => {
    expect(page.body).not.toMatch(/https?:\/\//);
    expect(page.body).not.toMatch(/(?:href|src)="\/\//);
    expect(assetPaths(page.body)).toHaveLength(4);
    // The worker URLs are in the page's JSON configuration.
    expect(page.body).toMatch(/"graphql":"\/explorer\/assets\/[0-9a-f]+\/graphql\.worker\.js"/);
  });

  it('preloads the example operations as tabs, and the headers pane with the Authorization header to fill in', () => {
    const config = JSON.parse(/<script type="application\/json" id="explorer-config">(.*?)<\/script>/s.exec(page.body)![1]!) as {
      options: { endpoint: string; query: string; defaultTabs: { query: string; headers: string }[] };
      workers: Record<string, string>;
    };
    expect(config.options.endpoint).toBe('/graphql');
    const operations = config.options.defaultTabs.map((tab) => /^(?:query|mutation) \w+/m.exec(tab.query)?.[0]);
    expect(operations).toEqual([
      'query WhoSaidWhat',
      'query Speaker',
      'query Claims',
      'query QuoteInContext',
      'query Viewer',
      'query FindIds',
      'mutation RecordClaim',
    ]);
    // Each tab is the README's operation of that name (written once, in src/http/example-operations.ts), after its note.
    for (const tab of config.options.defaultTabs) {
      const name = /^(?:query|mutation) (\w+)/m.exec(tab.query)![1] as keyof typeof examples;
      expect(print(parse(tab.query))).toBe(print(parse(examples[name])));
    }
    expect(config.options.query).toBe(config.options.defaultTabs[0]!.query);
    for (const tab of config.options.defaultTabs) expect(tab.headers).toContain('// "Authorization": "Bearer <your key>"');
    expect(Object.keys(config.workers).sort()).toEqual(['editorWorkerService', 'graphql', 'json']);
  });

  it('serves the bundle, its styles and its workers with their content types, cached for good under a versioned URL', async () => {
    const urls = assetPaths(page.body);
    urls.push(...['editor', 'graphql', 'json'].map((name) => urls[0]!.replace(/[^/]+$/, `${name}.worker.js`)));
    for (const url of urls) {
      const asset = await request(`${api.url}${url.slice(1)}`, { method: 'HEAD' });
      expect([url, asset.status]).toEqual([url, 200]);
      const contentType = url.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
      expect([url, asset.headers['content-type']]).toEqual([url, contentType]);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Number(asset.headers['content-length'])).toBeGreaterThan(100);
    }
    const bundle = await request(`${api.url}${urls.find((url) => url.endsWith('yoga-graphiql.js'))!.slice(1)}`);
    expect(bundle.body).toContain('renderYogaGraphiQL');
    // A worker runs under its own response's policy: the explorer's, not the API's default-src 'none'.
    const worker = await request(`${api.url}${urls.find((url) => url.endsWith('graphql.worker.js'))!.slice(1)}`, { method: 'HEAD' });
    expect(worker.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves nothing outside its list: other paths, traversal, other versions and other methods are refused', async () => {
    const assetPath = assetPaths(page.body)[0]!;
    const refused = [
      '/explorer/../package.json',
      '/explorer/%2e%2e/package.json',
      '/explorer/assets/../../package.json',
      '/explorer/assets/x/yoga-graphiql.js',
      assetPath.replace(/[^/]+$/, '..%2f..%2f..%2fpackage.json'),
      assetPath.replace(/[^/]+$/, 'yoga-graphiql.umd.js'),
      assetPath.replace(/[^/]+$/, 'monacoeditorwork/json.worker.bundle.js'),
      '/explorer/package.json',
    ];
    for (const path of refused) {
      const response = await request(`${api.url}${path.slice(1)}`);
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.body).not.toContain('"name": "claimtrace"');
    }
    const post = await request(`${api.url}explorer`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('is not there (404) where the schema is not exposed, page and assets alike', async () => {
    const production = await startTestServer({ config: { nodeEnv: 'production', exposeSchema: false } });
    try {
      const assetPath = assetPaths(page.body)[0]!;
      for (const path of ['/explorer', '/explorer/', assetPath]) {
        expect([path, (await request(`${production.url}${path.slice(1)}`)).status]).toEqual([path, 404]);
      }
    } finally {
      await production.close();
    }
  });
});

const browserPath = findChromium();
if (!browserPath) {
  console.warn(
    'explorer.test.ts: no Chromium found (set CHROMIUM_PATH, or install the OS package "chromium"); the browser test is skipped.',
  );
}

(browserPath ? describe : describe.skip)('the explorer in a headless Chromium that can reach only the test server', () => {
  let api: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    api = await startTestServer({ seed: true, config: { nodeEnv: 'development', exposeSchema: true } });
    browser = await puppeteer.launch({ executablePath: browserPath, args: ['--no-sandbox', '--headless=new'] });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('loads from this server alone and runs a query typed into the editor, with the result in the response pane', async () => {
    const origin = new URL(api.url).origin;
    const elsewhere: string[] = [];
    const here: string[] = [];
    const problems: string[] = [];
    const tab = await browser.newPage();
    await tab.setViewport({ width: 1280, height: 800 });
    await tab.setRequestInterception(true);
    tab.on('request', (outgoing) => {
      const url = outgoing.url();
      if (url.startsWith(`${origin}/`)) here.push(`${outgoing.method()} ${url.slice(origin.length)}`);
      if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) void outgoing.continue();
      else {
        elsewhere.push(url);
        void outgoing.abort();
      }
    });
    tab.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
    tab.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' || /Content Security Policy|Could not create web worker/i.test(text))
        problems.push(`console: ${text}`);
    });
    await tab.goto(`${api.url}explorer`, { waitUntil: 'load' });
    /** Polls until `check` holds; a timeout says what the page had logged and tried to reach. */
    const waitFor = async (what: string, check: () => Promise<boolean>): Promise<void> => {
      for (const deadline = Date.now() + 8_000; !(await check().catch(() => false));) {
        if (Date.now() > deadline) {
          throw new Error(`${what} did not happen within 8 s; ${JSON.stringify({ elsewhere, problems: problems.slice(0, 5) })}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const textOf = (selector: string) => tab.$eval(selector, (element) => (element.textContent ?? '').replace(/\u00a0/g, ' '));
    const editorText = (editor: string, wanted: string) =>
      waitFor(`${editor} showing ${wanted}`, async () => (await textOf(`${editor} .view-lines`)).includes(wanted));
    // Monaco has started, with the first example in the first tab.
    await editorText('.graphiql-query-editor', 'query WhoSaidWhat');
    const query = 'query TwoSpeakers { speakers(first: 2) { totalCount } }';
    await tab.focus('.graphiql-query-editor textarea');
    await tab.keyboard.down('Control');
    await tab.keyboard.press('KeyA');
    await tab.keyboard.up('Control');
    await tab.keyboard.press('Delete');
    await tab.keyboard.sendCharacter(query);
    await editorText('.graphiql-query-editor', query);
    // GraphiQL reads the operation's name from the editor a moment later (the tab takes its title from it): run before
    // that, it sends the previous tab content's name.
    const tabTitles = () => tab.$$eval('.graphiql-tab', (tabs) => tabs.map((each) => each.textContent ?? ''));
    await waitFor('the tab titled TwoSpeakers', async () => (await tabTitles()).some((title) => title.includes('TwoSpeakers')));
    await tab.click('.graphiql-execute-button');
    await editorText('.graphiql-response', 'totalCount');
    const shown = await textOf('.graphiql-response .view-lines');
    const direct = await api.gql<{ speakers: { totalCount: number } }>('{ speakers(first: 2) { totalCount } }');
    const expected = direct.data!.speakers.totalCount;
    expect(expected).toBeGreaterThan(2);
    expect(shown.replace(/\s+/g, '')).toContain(`"totalCount":${expected}`);
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
    // Monaco ran its workers (from this server), and GraphiQL loaded the schema.
    for (const worker of ['editor', 'graphql', 'json']) {
      expect(here).toContainEqual(expect.stringMatching(new RegExp(`^GET /explorer/assets/\\w+/${worker}\\.worker\\.js$`)));
    }
    expect(here.filter((line) => line === 'POST /graphql').length).toBeGreaterThanOrEqual(2);
  }, 25_000);
});
