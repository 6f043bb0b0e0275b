// graphql-cop's 13 checks (github.com/dolevf/graphql-cop, lib/tests/*.py at 2b7e086, field duplication included
// though that commit leaves it out of its default run), replayed against a production server: the same requests
// (method, body, content type, the operation name "cop") and the same test of the answer, each of which must come out
// "not vulnerable". graphql-cop runs every check on each of /, /graphiql, /playground, /console and /graphql that
// answers `query cop { __typename }`; here that is / and /graphql.
import { startTestServer, type TestServer } from '../helpers/test-server';

interface CopError {
  message: string;
  extensions: Record<string, unknown>;
}

/** A response body as the checks read it: the errors of a check that expects some, the data fields it looks for. */
interface CopBody {
  data?: { __schema?: { types?: unknown }; __typename?: unknown; alias100?: unknown } | null;
  errors: [CopError, ...CopError[]];
}

interface CopResponse {
  status: number;
  text: string;
  /** The body as JSON, or undefined when it is not JSON (graphql-cop's checks then find nothing). */
  json: CopBody | undefined;
}

const USER_AGENT = { 'user-agent': 'graphql-cop/1.14' };

describe.each(['', 'graphql'])('graphql-cop against a production server at /%s', (path) => {
  let api: TestServer;
  let url: string;
  beforeAll(async () => {
    api = await startTestServer({ config: { nodeEnv: 'production', exposeSchema: false } });
    url = `${api.url}${path}`;
  });
  afterAll(() => api.close());

  async function send(request: Promise<Response>): Promise<CopResponse> {
    const response = await request;
    const text = await response.text();
    let json: CopBody | undefined;
    try {
      json = JSON.parse(text) as CopBody;
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  }

  /** lib/utils.py graph_query: a JSON POST of { query, operationName: "cop" }, or with batch, a list of 10 { query }. */
  const graphQuery = (query: string, batch = false) =>
    send(
      fetch(url, {
        method: 'POST',
        headers: { ...USER_AGENT, 'content-type': 'application/json', accept: '*/*' },
        body: JSON.stringify(batch ? Array.from({ length: 10 }, () => ({ query })) : { query, operationName: 'cop' }),
      }),
    );

  /** lib/utils.py request: a GET with the query in the URL, or a POST of a url-encoded form. */
  const get = (params: Record<string, string> | undefined, accept = '*/*') =>
    send(fetch(params ? `${url}?${new URLSearchParams(params).toString()}` : url, { headers: { ...USER_AGENT, accept } }));
  const postForm = (form: Record<string, string>) =>
    send(
      fetch(url, {
        method: 'POST',
        headers: { ...USER_AGENT, accept: '*/*', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      }),
    );

  it('is found as GraphQL (lib/utils.py is_graphql)', async () => {
    expect((await graphQuery('query cop { __typename }')).json).toEqual({ data: { __typename: 'Query' } });
  });

  it('field_suggestions: no "Did you mean"', async () => {
    const { json } = await graphQuery('query cop { __schema { directive } }');
    expect(json?.errors.length).toBeGreaterThan(0);
    expect(json?.errors.some((error) => error.message.includes('Did you mean'))).toBe(false);
  });

  it('introspection: no __schema.types, and a plain coded refusal', async () => {
    const { status, json } = await graphQuery('query cop { __schema { types { name fields { name } } } }');
    expect(json?.data?.__schema?.types).toBeUndefined();
    expect(status).toBe(400);
    expect(json?.errors[0]).toMatchObject({
      message: 'Introspection is disabled on this server',
      extensions: { code: 'INTROSPECTION_DISABLED' },
    });
  });

  it('detect_graphiql: no IDE page for a browser', async () => {
    const { text } = await get(undefined, 'text/html');
    for (const word of ['graphiql.min.css', 'GraphQL Playground', 'GraphiQL', 'graphql-playground']) expect(text).not.toContain(word);
  });

  it('get_method_support: no query over a plain GET (a CSRF vector)', async () => {
    const { json } = await get({ query: 'query cop {__typename}' });
    expect(json?.data?.__typename).toBeUndefined();
  });

  it('alias_overloading: 101 aliases are refused', async () => {
    const aliases = Array.from({ length: 101 }, (_, i) => `alias${i}:__typename \n`).join('');
    const { status, json } = await graphQuery(`query cop { ${aliases} }`);
    expect(json?.data?.alias100).toBeUndefined();
    expect(status).toBe(400);
    expect(json?.errors[0].extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'aliases', value: 101 });
  });

  it('batch_query: an array of 10 queries is not answered with 10 results', async () => {
    const { json } = await graphQuery('query cop { __typename }', true);
    expect(Array.isArray(json) && json.length >= 10).toBe(false);
  });

  it('trace_mode: no tracing in the extensions', async () => {
    const { text, json } = await graphQuery('query cop { __typename }');
    expect(json?.errors?.[0]?.extensions?.tracing).toBeUndefined();
    expect(text.toLowerCase()).not.toContain('"tracing"');
  });

  it('directive_overloading: ten unknown directives do not come back as exactly ten errors', async () => {
    const { status, json } = await graphQuery('query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }');
    expect(json?.errors.length).not.toBe(10);
    expect(status).toBe(400);
    expect(json?.errors.find((error) => error.extensions?.code === 'OPERATION_TOO_COMPLEX')?.extensions).toMatchObject({
      limit: 'directives',
      value: 10,
    });
  });

  it('circular_query_introspection: no types', async () => {
    const { json } = await graphQuery(
      'query cop { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }',
    );
    expect(json?.data?.__schema?.types).toBeUndefined();
  });

  it('get_based_mutation: no mutation over GET', async () => {
    const { json } = await get({ query: 'mutation cop {__typename}' });
    expect(json?.data?.__typename).toBeUndefined();
  });

  it('post_based_csrf: no query from a url-encoded form POST', async () => {
    const { json } = await postForm({ query: 'query cop { __typename }' });
    expect(json?.data?.__typename).toBeUndefined();
  });

  it('unhandled_error_detection: no exception in the extensions of a syntax error', async () => {
    const { text, json } = await graphQuery('qwerty cop { abc }');
    expect(json?.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(json?.errors[0].extensions.exception).toBeUndefined();
    expect(text.toLowerCase()).not.toContain('"exception"');
    expect(json?.errors[0].extensions).not.toHaveProperty('stacktrace');
  });

  it('field_duplication: 500 repeats of a field are refused', async () => {
    const { status, json } = await graphQuery(`query cop { ${'__typename \n'.repeat(500)}} `);
    expect(json?.data?.__typename).toBeUndefined();
    expect(status).toBe(400);
    expect(json?.errors[0].extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'fieldRepeats', value: 500 });
  });
});
