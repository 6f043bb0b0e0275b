// The HTTP edge: request ids and the logging of failures, clean 4xx answers to client mistakes, timeouts and the
// connection cap against slow and idle clients (raw sockets), CORS, and security headers.
import { APOLLO_STUDIO_ORIGIN } from '../../src/config';
import { createServer } from '../../src/server';
import { captureLogs, LOG_LEVEL, type LogCapture } from '../helpers/log-capture';
import { connect, postGraphQL, request, within } from '../helpers/http-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BOUND_MS = 10_000;

describe('request ids and logs', () => {
  let api: TestServer;
  let logs: LogCapture;
  beforeAll(async () => {
    logs = captureLogs();
    api = await startTestServer({ config: { nodeEnv: 'production', exposeSchema: false }, logger: logs.logger });
  });
  afterAll(() => api.close());

  it('generates a request id for each request and returns it in X-Request-Id', async () => {
    const first = await postGraphQL(api.url, { query: '{ __typename }' });
    const second = await postGraphQL(api.url, { query: '{ __typename }' });
    expect(first.headers['x-request-id']).toMatch(UUID);
    expect(second.headers['x-request-id']).toMatch(UUID);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
    // Every response carries it, whatever the path.
    expect((await request(`${api.url}health`)).headers['x-request-id']).toMatch(UUID);
    expect((await request(`${api.url}nope`)).headers['x-request-id']).toMatch(UUID);
  });

  it("keeps a caller's valid X-Request-Id, and replaces one that is too long or has other characters", async () => {
    for (const id of ['4bf92f3577b34da6a3ce929d0e0e4736', 'Root=1-5759e988-bd862e3fe1be46a9', 'a', 'x'.repeat(200)]) {
      expect((await postGraphQL(api.url, { query: '{ __typename }' }, { 'x-request-id': id })).headers['x-request-id']).toBe(id);
    }
    for (const id of ['x'.repeat(201), 'two words', 'a\u00e9b', '<script>', 'one, two']) {
      expect((await postGraphQL(api.url, { query: '{ __typename }' }, { 'x-request-id': id })).headers['x-request-id']).toMatch(UUID);
    }
  });

  it('logs every line of a request with its id, and an unexpected error with the error and the operation name', async () => {
    await api.db.prisma.$executeRawUnsafe('ALTER TABLE claims RENAME TO claims_gone');
    try {
      const response = await postGraphQL(api.url, { query: 'query Broken { claims { nodes { text } } }' }, { 'x-request-id': 'broken-1' });
      expect(JSON.parse(response.body).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await api.db.prisma.$executeRawUnsafe('ALTER TABLE claims_gone RENAME TO claims');
    }
    const failure = await logs.waitFor((line) => line.requestId === 'broken-1' && line.level === LOG_LEVEL.error);
    expect(failure).toMatchObject({ operationName: 'Broken', msg: 'unexpected error in a GraphQL operation' });
    expect(failure.err?.message).toMatch(/claims/);
    // A stack with its frames: where the fault is found.
    expect(failure.err?.stack).toMatch(/\n\s+at /);
    // The request's own summary line carries the id too.
    expect(logs.lines.find((line) => line.requestId === 'broken-1' && line.msg === 'graphql request')).toMatchObject({
      operationName: 'Broken',
      errors: 1,
    });
  });

  it('logs an HTTP-level failure with the request id', async () => {
    let calls = 0;
    const poolStats = () => {
      calls += 1;
      if (calls > 1) throw new Error('pool statistics broke');
      return { total: 1, idle: 1, waiting: 0 };
    };
    const failing = await createServer({
      config: { nodeEnv: 'production', exposeSchema: false },
      db: { ...api.db, poolStats },
      logger: logs.logger,
    });
    const url = await failing.listen(0, '127.0.0.1');
    try {
      const response = await request(`${url}metrics`, { headers: { 'x-request-id': 'metrics-broke' } });
      expect(response.status).toBe(500);
      expect(JSON.parse(response.body)).toEqual({ error: 'Internal server error' });
      const line = await logs.waitFor((candidate) => candidate.requestId === 'metrics-broke');
      expect(line).toMatchObject({ level: LOG_LEVEL.error, msg: 'HTTP request failed', err: { message: 'pool statistics broke' } });
    } finally {
      await failing.stop();
    }
  });

  describe("answers a client's mistakes with 4xx and a code, and logs no error for them", () => {
    const mistakes: [string, () => Promise<{ status: number; body: string }>, number, string][] = [
      [
        'an unknown operationName',
        () => postGraphQL(api.url, { query: '{ __typename }', operationName: 'Nope' }),
        400,
        'OPERATION_RESOLUTION_FAILURE',
      ],
      [
        'several named operations and no operationName',
        () => postGraphQL(api.url, { query: 'query A { __typename } query B { __typename }' }),
        400,
        'OPERATION_RESOLUTION_FAILURE',
      ],
      [
        'several anonymous operations',
        () => postGraphQL(api.url, { query: '{ __typename } { __typename }' }),
        400,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      [
        'a subscription (the schema has none)',
        () => postGraphQL(api.url, { query: 'subscription { x }' }),
        400,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      [
        'a mutation sent with GET',
        () =>
          request(`${api.url}graphql?query=${encodeURIComponent('mutation { deleteClaim(id: "x") { id } }')}`, {
            headers: { 'apollo-require-preflight': 'true' },
          }),
        405,
        'BAD_REQUEST',
      ],
      [
        'an operationName that is not a string',
        () => postGraphQL(api.url, { query: '{ __typename }', operationName: 42 }),
        400,
        'BAD_REQUEST',
      ],
      ['variables that are not an object', () => postGraphQL(api.url, { query: '{ __typename }', variables: [1] }), 400, 'BAD_REQUEST'],
      ['a body with no query', () => postGraphQL(api.url, { qeury: '{ __typename }' }), 400, 'BAD_REQUEST'],
      [
        'a batch (not supported)',
        () =>
          request(`${api.url}graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '[{"query":"{ __typename }"}]',
          }),
        400,
        'BAD_REQUEST',
      ],
      [
        'a body of another content type',
        () => request(`${api.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<query/>' }),
        400,
        'BAD_REQUEST',
      ],
      [
        'a form post (CSRF prevention)',
        () =>
          request(`${api.url}graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' }),
        400,
        'BAD_REQUEST',
      ],
      [
        'an unsupported method',
        () => request(`${api.url}graphql`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }),
        405,
        'BAD_REQUEST',
      ],
    ];
    it.each(mistakes)('%s', async (_, send, status, code) => {
      const before = logs.lines.filter((line) => line.level >= LOG_LEVEL.error).length;
      const response = await send();
      expect(response.status).toBe(status);
      expect(JSON.parse(response.body).errors[0].extensions.code).toBe(code);
      expect(logs.lines.filter((line) => line.level >= LOG_LEVEL.error)).toHaveLength(before);
    });

    it('answers invalid JSON, a body over 1 MB and an unknown path with JSON errors and the usual headers', async () => {
      const invalid = await request(`${api.url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": ',
      });
      expect(invalid.status).toBe(400);
      expect(JSON.parse(invalid.body)).toEqual({
        errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
      });
      const huge = await request(`${api.url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: 'x'.repeat(1_100_000),
      });
      expect(huge.status).toBe(413);
      const missing = await request(`${api.url}nope`);
      expect(missing.status).toBe(404);
      for (const response of [invalid, huge, missing]) {
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['x-request-id']).toMatch(UUID);
      }
    });
  });
});

describe('slow, idle and surplus connections', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({
      config: {
        nodeEnv: 'production',
        exposeSchema: false,
        http: { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 200, maxConnections: 1_000 },
      },
    });
  });
  afterAll(() => api.close());

  /** Sends `start`, then `drop` every 50 ms, until the server closes the connection; resolves with what it sent. */
  async function dripUntilClosed(start: string, drop: string, what: string): Promise<string> {
    const client = connect(api.url);
    await client.connected;
    client.socket.write(start);
    const drip = setInterval(() => client.socket.writable && client.socket.write(drop), 50);
    try {
      return await within(client.closed, BOUND_MS, what);
    } finally {
      clearInterval(drip);
    }
  }

  it('cuts a client that sends its headers too slowly (slowloris) with 408', async () => {
    expect(await dripUntilClosed('POST /graphql HTTP/1.1\r\nHost: x\r\n', 'X-Padding: 1\r\n', 'closing the slowloris connection')).toMatch(
      /^HTTP\/1\.1 408/,
    );
  });

  it('cuts a body that never ends with 408', async () => {
    const headers = 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 900000\r\n\r\n{"query":"';
    expect(await dripUntilClosed(headers, 'x', 'closing the never-ending body')).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection that never sends anything, and an idle keep-alive connection after its response', async () => {
    const silent = connect(api.url);
    await silent.connected;
    expect(await within(silent.closed, BOUND_MS, 'closing the silent connection')).toMatch(/^HTTP\/1\.1 408/);

    const idle = connect(api.url);
    await idle.connected;
    idle.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await within(idle.closed, BOUND_MS, 'closing the idle keep-alive connection')).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it('refuses connections beyond the cap, and serves again once one closes', async () => {
    const capped = await startTestServer({
      config: {
        nodeEnv: 'production',
        exposeSchema: false,
        http: { headersTimeoutMs: 5_000, requestTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000, maxConnections: 2 },
      },
    });
    try {
      const held = [connect(capped.url), connect(capped.url)];
      for (const connection of held) {
        await connection.connected;
        connection.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
      }
      // Both answered, so both are counted, and kept open.
      await within(
        Promise.all(held.map((connection) => new Promise((resolve) => connection.socket.once('data', resolve)))),
        BOUND_MS,
        'answering the two connections',
      );

      const surplus = connect(capped.url);
      surplus.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(await within(surplus.closed, BOUND_MS, 'closing the surplus connection')).toBe('');

      held[0]!.socket.destroy();
      await held[0]!.closed;
      const served = await within(
        (async () => {
          for (;;) {
            const next = connect(capped.url);
            next.socket.write('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
            const received = await next.closed;
            if (received !== '') return received;
          }
        })(),
        BOUND_MS,
        'serving a new connection after one closed',
      );
      expect(served).toMatch(/^HTTP\/1\.1 200 OK/);
      held[1]!.socket.destroy();
    } finally {
      await capped.close();
    }
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    request(`${url}graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-request-id' },
    });

  it('allows Apollo Sandbox by default in development, and nothing else', async () => {
    const api = await startTestServer({ config: { nodeEnv: 'development', exposeSchema: true } });
    try {
      const allowed = await preflight(api.url, APOLLO_STUDIO_ORIGIN);
      expect(allowed.status).toBe(204);
      expect(allowed.headers).toMatchObject({
        'access-control-allow-origin': APOLLO_STUDIO_ORIGIN,
        'access-control-allow-methods': 'GET,POST,OPTIONS',
        'access-control-allow-headers': 'content-type,x-request-id',
        'access-control-max-age': '600',
      });
      expect(allowed.headers.vary).toMatch(/\bOrigin\b/);
      expect(allowed.headers).not.toHaveProperty('access-control-allow-credentials');

      const refused = await preflight(api.url, 'https://evil.example');
      expect(refused.status).toBe(204);
      expect(refused.headers).not.toHaveProperty('access-control-allow-origin');

      const post = await postGraphQL(api.url, { query: '{ __typename }' }, { origin: APOLLO_STUDIO_ORIGIN });
      expect(post.headers['access-control-allow-origin']).toBe(APOLLO_STUDIO_ORIGIN);
      expect(post.headers['access-control-expose-headers']).toBe('X-Request-Id');
      expect(post.headers.vary).toMatch(/\bOrigin\b/);
      // No Origin, no CORS headers; but a cache must still keep the response apart from the cross-origin one.
      const plain = await postGraphQL(api.url, { query: '{ __typename }' });
      expect(Object.keys(plain.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(plain.headers.vary).toBe('Origin');
    } finally {
      await api.close();
    }
  });

  it('allows no origin by default in production', async () => {
    const api = await startTestServer({ config: { nodeEnv: 'production', exposeSchema: false } });
    try {
      const refused = await preflight(api.url, APOLLO_STUDIO_ORIGIN);
      expect(refused.status).toBe(204);
      expect(refused.headers).not.toHaveProperty('access-control-allow-origin');
      const post = await postGraphQL(api.url, { query: '{ __typename }' }, { origin: APOLLO_STUDIO_ORIGIN });
      expect(post.status).toBe(200);
      expect(post.headers).not.toHaveProperty('access-control-allow-origin');
    } finally {
      await api.close();
    }
  });

  it('echoes a listed origin with credentials allowed, never *', async () => {
    const frontend = 'https://desk.example.org';
    const api = await startTestServer({
      config: { nodeEnv: 'production', exposeSchema: false, cors: { origins: [frontend, 'http://localhost:5173'], credentials: true } },
    });
    try {
      const allowed = await preflight(api.url, frontend);
      expect(allowed.headers['access-control-allow-origin']).toBe(frontend);
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      const post = await postGraphQL(api.url, { query: '{ __typename }' }, { origin: 'http://localhost:5173' });
      expect(post.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(post.headers['access-control-allow-credentials']).toBe('true');
      expect((await preflight(api.url, 'https://desk.example.org.evil.example')).headers).not.toHaveProperty('access-control-allow-origin');
    } finally {
      await api.close();
    }
  });

  it('answers any origin with * when CORS_ORIGINS=*', async () => {
    const api = await startTestServer({
      config: { nodeEnv: 'production', exposeSchema: false, cors: { origins: '*', credentials: false } },
    });
    try {
      const allowed = await preflight(api.url, 'https://anywhere.example');
      expect(allowed.headers['access-control-allow-origin']).toBe('*');
      expect(allowed.headers).not.toHaveProperty('access-control-allow-credentials');
    } finally {
      await api.close();
    }
  });
});

describe('security headers', () => {
  it('sets the API headers on every response, HSTS only over HTTPS, and a policy that leaves the Sandbox page working', async () => {
    const api = await startTestServer({ config: { nodeEnv: 'development', exposeSchema: true } });
    try {
      const json = await postGraphQL(api.url, { query: '{ __typename }' });
      expect(json.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-resource-policy': 'same-origin',
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      });
      expect(json.headers).not.toHaveProperty('strict-transport-security');
      const behindTls = await postGraphQL(api.url, { query: '{ __typename }' }, { 'x-forwarded-proto': 'https' });
      expect(behindTls.headers['strict-transport-security']).toMatch(/^max-age=\d+/);

      const page = await request(api.url, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.body).toMatch(/embeddable-sandbox/);
      // Apollo's own policy (its nonce, its CDNs) governs the page's scripts; the header adds what <meta> cannot say.
      expect(page.body).toMatch(/<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'nonce-/);
      const policy = page.headers['content-security-policy'];
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toMatch(/default-src|script-src|style-src/);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await api.close();
    }
  });
});
