import { buildClientSchema, getIntrospectionQuery, printSchema } from 'graphql';
import { createLogger } from '../../src/logger';
import { buildAppSchema } from '../../src/graphql/schema';
import { createServer } from '../../src/server';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('the HTTP server in development', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ config: { nodeEnv: 'development', exposeSchema: true } });
  });
  afterAll(() => api.close());

  it('reports database reachability at /health', async () => {
    const response = await fetch(`${api.url}health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: { status: 'up', kind: api.db.kind } });
  });

  it('runs queries sent with GET, and never mutations', async () => {
    const query = await fetch(`${api.url}graphql?query=${encodeURIComponent('{ speakers { totalCount } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { speakers: { totalCount: 0 } } });

    const mutation = await fetch(
      `${api.url}graphql?query=${encodeURIComponent('mutation { createSpeaker(input: { name: "GET" }) { id } }')}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(mutation.status).toBe(405);
    expect(await api.db.prisma.speaker.count()).toBe(0);
  });

  it('serves GraphQL at / too, with the Sandbox landing page for browsers', async () => {
    const page = await fetch(api.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/sandbox/i);
    const introspection = await api.gql(`{ __schema { queryType { name } } }`);
    expect(introspection.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('answers the full introspection query Sandbox sends with the whole schema', async () => {
    const { data } = await api.gql(getIntrospectionQuery({ specifiedByUrl: true }));
    expect(printSchema(buildClientSchema(data as never))).toBe(printSchema(await buildAppSchema()));
  });

  it('runs the operation named in a document of several, and refuses bad variables with BAD_USER_INPUT', async () => {
    const document = `query Count { speakers { totalCount } } query One($slug: String!) { speaker(slug: $slug) { name } }`;
    const named = async (operationName: string, variables: object) => {
      const response = await fetch(`${api.url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: document, operationName, variables }),
      });
      return {
        status: response.status,
        ...((await response.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] }),
      };
    };
    expect(await named('Count', {})).toEqual({ status: 200, data: { speakers: { totalCount: 0 } } });
    expect(await named('One', { slug: 'nobody' })).toEqual({ status: 200, data: { speaker: null } });
    // Twice: the second run is served by the operation compiled on the first.
    for (let run = 0; run < 2; run += 1) {
      const bad = await named('One', { slug: 42 });
      expect(bad.status).toBe(400);
      expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0]?.message).toMatch(/^Variable "\$slug" got invalid value 42/);
    }
    const missing = await named('One', {});
    expect(missing.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers unknown paths with 404 and malformed bodies with 400', async () => {
    expect((await fetch(`${api.url}nope`)).status).toBe(404);
    const malformed = await fetch(`${api.url}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
  });

  it('refuses a body over 1 MB with 413, and goes on serving on the same connection', async () => {
    const huge = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(1_100_000) } });
    const refused = await fetch(`${api.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ error: 'Request body is larger than 1000000 bytes' });
    const next = await fetch(`${api.url}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(await next.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('reports syntax and validation errors with their codes', async () => {
    const syntax = await api.gql(`{ speakers {`);
    expect(syntax.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const unknownField = await api.gql(`{ speakers { nodes { shoeSize } } }`);
    expect(unknownField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('suggests names of the schema while it is exposed', async () => {
    expect((await api.gql('{ claimz { totalCount } }')).errors?.[0]?.message).toBe(
      'Cannot query field "claimz" on type "Query". Did you mean "claim" or "claims"?',
    );
    const variable = await api.gql('query($s: [ReviewStatus!]) { claims(filter: { reviewStatus: $s }) { totalCount } }', {
      s: ['PUBLISH'],
    });
    expect(variable.errors?.[0]?.message).toMatch(/Did you mean the enum value "PUBLISHED"\?/);
  });
});

describe('the HTTP server in production', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ config: { nodeEnv: 'production', exposeSchema: false } });
  });
  afterAll(() => api.close());

  it('turns introspection and the landing page off, with a plain coded refusal', async () => {
    const introspection = await api.gql(`{ __schema { queryType { name } } }`);
    expect(introspection.status).toBe(400);
    expect(introspection.errors).toEqual([
      {
        message: 'Introspection is disabled on this server',
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'INTROSPECTION_DISABLED' },
      },
    ]);
    const type = await api.gql(`{ __type(name: "Claim") { name } }`);
    expect(type.errors?.[0]?.extensions).toEqual({ code: 'INTROSPECTION_DISABLED' });
    const page = await fetch(api.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/sandbox/i);
  });

  it('suggests no names of the schema: fields, arguments, input fields, enum values, in literals or variables', async () => {
    const cases: [string, Record<string, unknown>?][] = [
      ['{ claimz { totalCount } }'],
      ['{ claims(frist: 1) { totalCount } }'],
      ['{ claims(filter: { txt: "x" }) { totalCount } }'],
      ['{ claims(filter: { reviewStatus: [PUBLISH] }) { totalCount } }'],
      ['query($s: [ReviewStatus!]) { claims(filter: { reviewStatus: $s }) { totalCount } }', { s: ['PUBLISH'] }],
      ['query($f: ClaimFilter) { claims(filter: $f) { totalCount } }', { f: { txt: 'x' } }],
      ['{ claims { totalCount } } fragment F on Claimm { id }'],
    ];
    for (const [query, variables] of cases) {
      const response = await api.gql(query, variables);
      expect(response.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(response.errors)).not.toMatch(/did you mean/i);
    }
  });

  it('masks unexpected errors: no stack trace, no SQL, no driver message', async () => {
    // A table the code relies on disappears: the database error must not reach the client.
    await api.db.prisma.$executeRawUnsafe('ALTER TABLE claims RENAME TO claims_gone');
    try {
      const response = await api.gql(`{ claims(filter: { text: "missile" }) { nodes { text } } }`);
      expect(response.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(response.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
      expect(JSON.stringify(response)).not.toMatch(/select|prisma|relation|claims_gone|does not exist/i);
    } finally {
      await api.db.prisma.$executeRawUnsafe('ALTER TABLE claims_gone RENAME TO claims');
    }
  });

  it('reports 503 at /health when the database does not answer', async () => {
    const down = await createServer({
      config: { nodeEnv: 'production', exposeSchema: false },
      db: { ...api.db, ping: () => Promise.reject(new Error('connection refused')) },
      logger: createLogger({ logLevel: 'silent', nodeEnv: 'production' }),
    });
    const url = await down.listen(0, '127.0.0.1');
    try {
      const health = await fetch(`${url}health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'unavailable', database: { status: 'down', kind: api.db.kind } });
    } finally {
      await down.stop();
    }
  });
});
