import { getIntrospectionQuery } from 'graphql';
import { DEFAULT_OPERATION_LIMITS } from '../../src/config';
import { makeClaim, makeRebuttal, makeSpeaker } from '../helpers/factories';
import type { ApiData, ClaimShape, Connection, TraceShape } from '../helpers/api-shapes';
import { dataOf, startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';

const LIMITS = DEFAULT_OPERATION_LIMITS;

/** `claim { rebuttals { nodes { counterclaim { rebuttals { ... { text } } } } } }`, `levels` rebuttal steps deep. */
function rebuttalChain(claimId: string, levels: number, first = 20): string {
  const open = `{ rebuttals(first: ${first}) { nodes { counterclaim `.repeat(levels);
  return `{ claim(id: "${claimId}") ${open}{ text }${' } } }'.repeat(levels)} }`;
}

const aliased = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** Asserts the response is the one refusal of `limit`, and returns its error. */
function refusal(response: GraphQLResponse, limit: string) {
  expect(response.status).toBe(400);
  expect(response.data).toBeUndefined();
  const error = response.errors?.find((candidate) => candidate.extensions?.code === 'OPERATION_TOO_COMPLEX');
  expect(error?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit, max: LIMITS[limit as keyof typeof LIMITS] });
  expect(error?.message).toContain(`${limit} limit of ${LIMITS[limit as keyof typeof LIMITS]}`);
  return error!;
}

describe('operation limits', () => {
  let api: TestServer;
  // Three claims that each rebut the other two: every rebuttal list leads back into the cycle.
  let cycle: string[];
  beforeAll(async () => {
    api = await startTestServer();
    const speaker = await makeSpeaker(api.db.prisma);
    cycle = [];
    for (let i = 0; i < 3; i += 1) cycle.push((await makeClaim(api.db.prisma, { speakerId: speaker.id })).id);
    for (const claim of cycle) for (const counter of cycle) if (claim !== counter) await makeRebuttal(api.db.prisma, claim, counter);
  });
  afterAll(() => api.close());

  /** The response, and the SQL statements the operation ran. */
  async function run<TData = ApiData>(query: string, variables?: Record<string, unknown>) {
    api.statements.length = 0;
    const response = await api.gql<TData>(query, variables);
    return { response, statements: [...api.statements] };
  }

  it('refuses the 25-level rebuttal chain over a cycle by its depth, before running anything', async () => {
    const { response, statements } = await run(rebuttalChain(cycle[0]!, 25));
    const error = refusal(response, 'depth');
    // claim, then three levels a step (rebuttals, nodes, counterclaim), then text.
    expect(error.extensions?.value).toBe(1 + 25 * 3 + 1);
    expect(error.message).toContain(`${1 + 25 * 3 + 1} levels deep`);
    expect(statements).toEqual([]);
  });

  it('refuses a chain within the depth limit by its cost: each level multiplies by the page size', async () => {
    const allowed = await run(rebuttalChain(cycle[0]!, 2));
    expect(dataOf(allowed.response).claim.rebuttals.nodes).toHaveLength(2);

    const { response, statements } = await run(rebuttalChain(cycle[0]!, 3, 100));
    const error = refusal(response, 'cost');
    // From the inside out: counterclaim { text } 2, nodes 3, rebuttals(first: 100) 1 + 100 × 3, and so on twice more.
    expect(error.extensions?.value).toBe(3_030_302);
    expect(error.message).toContain('its cost is 3030302');
    expect(statements).toEqual([]);
  });

  it('refuses 1,000 aliases of claims(first: 100) by its tokens while parsing, and 16 by its aliases', async () => {
    const thousand = await run(aliased(1000, 'claims(first: 100) { nodes { text speaker { name } } }'));
    const tokens = refusal(thousand.response, 'tokens');
    expect(tokens.extensions).not.toHaveProperty('value');
    expect(tokens.message).toContain(`more than ${LIMITS.tokens} tokens`);
    expect(thousand.statements).toEqual([]);

    const sixteen = await run(aliased(LIMITS.aliases + 1, 'claims(first: 100) { nodes { text } }'));
    expect(refusal(sixteen.response, 'aliases').extensions?.value).toBe(LIMITS.aliases + 1);
    expect(sixteen.statements).toEqual([]);
    const fifteen = await run<{ a0: Connection<ClaimShape> }>(aliased(LIMITS.aliases, 'claims(first: 100) { nodes { text } }'));
    expect(dataOf(fifteen.response).a0.nodes).toHaveLength(3);
  });

  it('runs one trace(maxNodes: 5000, depth: 10), and refuses it aliased 50 times (tokens, or aliases) or 3 times (cost)', async () => {
    const trace = `trace(claimId: "${cycle[0]}", maxNodes: 5000, depth: 10) {
      truncated nodes { depth claim { id text statedAt speaker { name } } } edges { id stance claim { id } counterclaim { id } } }`;
    const one = await run(`{ ${trace} }`);
    expect(dataOf(one.response).trace.nodes).toHaveLength(3);
    expect(dataOf(await api.gql<{ a1: TraceShape }>(aliased(2, trace))).a1.edges).toHaveLength(6);

    const fifty = await run(aliased(50, trace));
    refusal(fifty.response, 'tokens');
    const fiftyShort = await run(aliased(50, `trace(claimId: "${cycle[0]}", maxNodes: 5000, depth: 10) { truncated }`));
    expect(refusal(fiftyShort.response, 'aliases').extensions?.value).toBe(50);
    const three = await run(aliased(3, trace));
    expect(refusal(three.response, 'cost').extensions?.value).toBeGreaterThan(LIMITS.cost);
    expect([...fifty.statements, ...fiftyShort.statements, ...three.statements]).toEqual([]);
  });

  it('prices page sizes given as variables, request by request', async () => {
    const query = `query($n: Int!) { claims(first: $n) { nodes {
      rebuttals(first: 100) { nodes { counterclaim { rebuttals(first: 100) { nodes { counterclaim { text } } } } } } } } }`;
    expect(dataOf(await api.gql(query, { n: 1 })).claims.nodes).toHaveLength(1);
    refusal(await api.gql(query, { n: 100 }), 'cost');
    expect(dataOf(await api.gql(query, { n: 1 })).claims.nodes).toHaveLength(1);
    // A bad variable is the executor's BAD_USER_INPUT, and a page over the maximum the field's own, not a cost.
    expect((await api.gql(query, { n: 'many' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await api.gql('{ claims(first: 100000) { nodes { id } } }')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });

  it('refuses more directives, and the same field more often in one selection set, than allowed', async () => {
    const directives = await run(
      `{ ${Array.from({ length: LIMITS.directives + 1 }, (_, i) => `f${i}: __typename @include(if: true)`).join(' ')} }`,
    );
    expect(refusal(directives.response, 'directives').extensions?.value).toBe(LIMITS.directives + 1);

    const repeats = await run(`{ ${'__typename '.repeat(500)} }`);
    const error = refusal(repeats.response, 'fieldRepeats');
    expect(error.extensions?.value).toBe(500);
    expect(error.message).toContain('selects "__typename" 500 times in one selection set');
    // Through fragments as well: each spread brings the fragment's fields again.
    const spread = await run(`{ ${'...F '.repeat(LIMITS.fieldRepeats + 1)} } fragment F on Query { __typename }`);
    expect(refusal(spread.response, 'fieldRepeats').extensions?.value).toBe(LIMITS.fieldRepeats + 1);
    expect(dataOf(await api.gql<{ __typename: string }>(`{ ${'__typename '.repeat(LIMITS.fieldRepeats)} }`)).__typename).toBe('Query');
  });

  it('lets the full introspection query of GraphiQL and Sandbox through', async () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    expect(dataOf(await api.gql<{ __schema: { queryType: { name: string; kind: string } } }>(query)).__schema.queryType).toEqual({
      name: 'Query',
      kind: 'OBJECT',
    });
  });

  it('applies to queries sent with GET too', async () => {
    const query = encodeURIComponent(aliased(LIMITS.aliases + 1, '__typename'));
    const response = await fetch(`${api.url}graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    refusal({ status: response.status, ...((await response.json()) as object) }, 'aliases');
  });
});

describe('operation limits from the configuration', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ config: { operationLimits: { ...LIMITS, depth: 3, cost: 50 } } });
  });
  afterAll(() => api.close());

  it('refuses by the configured limits', async () => {
    expect(dataOf(await api.gql('{ speakers { nodes { name } } }')).speakers.nodes).toEqual([]);
    const deep = await api.gql('{ speakers { nodes { claims { totalCount } } } }');
    expect(deep.errors?.find((error) => error.extensions?.limit === 'depth')?.extensions).toMatchObject({ max: 3, value: 4 });
    const costly = await api.gql('{ speakers(first: 30) { nodes { name } } }');
    expect(costly.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'cost', max: 50, value: 1 + 30 * 2 });
  });
});
