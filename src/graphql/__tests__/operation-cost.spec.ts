import { buildSchema, getIntrospectionQuery, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { createOperationPricer, type OperationCost } from '../operation-cost';
import { buildAppSchema } from '../schema';

async function priceOf(query: string, variables?: Record<string, unknown>): Promise<OperationCost> {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  return createOperationPricer(await buildAppSchema())(document, operation, variables);
}

const ID = '0190a000-0000-7000-8000-000000000000';

describe('the price of an operation', () => {
  it('counts each field once, and a connection’s selection once per item of its page (first, 20 when omitted)', async () => {
    // claims: 1 + first × (nodes: 1 + (text 1 + speaker (1 + name 1)))
    expect(await priceOf('{ claims(first: 10) { nodes { text speaker { name } } } }')).toEqual({ cost: 1 + 10 * (1 + 3) });
    expect(await priceOf('{ claims { nodes { text speaker { name } } } }')).toEqual({ cost: 1 + 20 * (1 + 3) });
    expect(await priceOf('query($n: Int) { claims(first: $n) { nodes { id } } }', { n: 3 })).toEqual({ cost: 1 + 3 * 2 });
  });

  it('prices a backward page by last as a forward one by first, nested too', async () => {
    expect(await priceOf('{ claims(last: 10) { nodes { text speaker { name } } } }')).toEqual({ cost: 1 + 10 * (1 + 3) });
    expect(await priceOf('query($n: Int) { claims(last: $n, before: "x") { nodes { id } } }', { n: 3 })).toEqual({ cost: 1 + 3 * 2 });
    expect(await priceOf(`{ claim(id: "${ID}") { rebuttals(last: 100000) { nodes { id } } } }`)).toEqual(
      await priceOf(`{ claim(id: "${ID}") { rebuttals(first: 100) { nodes { id } } } }`),
    );
  });

  it('multiplies the page sizes of nested lists: rebuttals of counterclaims grow as a power of the page size', async () => {
    const level = (inner: string) => `rebuttals(first: 100) { nodes { counterclaim { ${inner} } } }`;
    const twoLevels = await priceOf(`{ claim(id: "${ID}") { ${level(level('id'))} } }`);
    // inner rebuttals: 1 + 100 × (nodes 1 + counterclaim (1 + id 1)) = 301; outer: 1 + 100 × (1 + 1 + 301)
    expect(twoLevels).toEqual({ cost: 1 + (1 + 100 * (1 + 1 + 301)) });
    const threeLevels = await priceOf(`{ claim(id: "${ID}") { ${level(level(level('id')))} } }`);
    expect('cost' in threeLevels && 'cost' in twoLevels && threeLevels.cost / twoLevels.cost).toBeGreaterThan(99);
  });

  it('prices a trace by maxNodes and depth: the walk, its nodes, and its edges at their cap of 4 per node', async () => {
    const trace = (maxNodes: number, depth: number) =>
      `{ trace(claimId: "${ID}", maxNodes: ${maxNodes}, depth: ${depth}) { nodes { claim { id } } edges { id } } }`;
    // 1 + walk maxNodes × (depth + 1) + maxNodes × (nodes (1 + claim (1 + id 1)) + edges 4 × (1 + id 1))
    expect(await priceOf(trace(5000, 10))).toEqual({ cost: 1 + 5000 * 11 + 5000 * (3 + 4 * 2) });
    expect(await priceOf(trace(100, 2))).toEqual({ cost: 1 + 100 * 3 + 100 * (3 + 4 * 2) });
    const twice = await priceOf(`{ a: ${trace(5000, 10).slice(2, -2)} b: ${trace(5000, 10).slice(2, -2)} }`);
    expect(twice).toEqual({ cost: 2 * (1 + 5000 * 11 + 5000 * 11) });
  });

  it('prices a first over the maximum at the maximum, leaving the refusal to the field (BAD_USER_INPUT on first)', async () => {
    expect(await priceOf('{ claims(first: 100000) { nodes { id } } }')).toEqual(await priceOf('{ claims(first: 100) { nodes { id } } }'));
  });

  it('prices lists without a size argument at their cap: a speaker’s aliases at 20, introspection at the schema’s sizes', async () => {
    expect(await priceOf('{ speaker(slug: "x") { aliases } }')).toEqual({ cost: 1 + 20 });
    // review 1 + schemaOrg (1 + type 1 + correction 100 × (1 + text 1) + itemReviewed (1 + author (1 + name 1)))
    expect(await priceOf(`{ review(id: "${ID}") { schemaOrg { type correction { text } itemReviewed { author { name } } } } }`)).toEqual({
      cost: 1 + (1 + 1 + (100 + 100 * 1) + (1 + (1 + 1))),
    });
    const full = await priceOf(
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }),
    );
    expect('cost' in full && full.cost).toBeGreaterThan(10_000);
  });

  it('skips what @include and @skip leave out, with their variables', async () => {
    const query =
      'query($deep: Boolean!) { claims(first: 100) { nodes { id rebuttals(first: 100) @include(if: $deep) { nodes { id } } } } }';
    expect(await priceOf(query, { deep: false })).toEqual({ cost: 1 + 100 * (1 + 1) });
    expect(await priceOf(query, { deep: true })).toEqual({ cost: 1 + 100 * (1 + 1 + 1 + 100 * 2) });
  });

  it('keeps a price per document and the Int and Boolean variables, so another page size is priced anew', async () => {
    const price = createOperationPricer(await buildAppSchema());
    const document = parse('query($n: Int, $after: String) { claims(first: $n, after: $after) { nodes { id } } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(price(document, operation, { n: 1, after: 'a' })).toEqual({ cost: 3 });
    expect(price(document, operation, { n: 50, after: 'b' })).toEqual({ cost: 101 });
    expect(price(document, operation, { n: 1, after: 'c' })).toEqual({ cost: 3 });
  });

  it('prices nodes(ids:) by the number of ids, at most 100, also when the ids come in a variable of another length', async () => {
    const ids = (n: number) => Array.from({ length: n }, () => ID);
    // 1 per id, and the selection (__typename 1, id 1) once per id
    expect(await priceOf(`{ nodes(ids: ${JSON.stringify(ids(3))}) { __typename id } }`)).toEqual({ cost: 3 + 3 * 2 });
    expect(await priceOf(`{ node(id: "${ID}") { id ... on Claim { text } } }`)).toEqual({ cost: 1 + 2 });
    expect(await priceOf(`{ nodes(ids: ${JSON.stringify(ids(500))}) { id } }`)).toEqual({ cost: 100 + 100 });
    const price = createOperationPricer(await buildAppSchema());
    const document = parse('query($ids: [ID!]!) { nodes(ids: $ids) { id } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(price(document, operation, { ids: ids(1) })).toEqual({ cost: 2 });
    expect(price(document, operation, { ids: ids(50) })).toEqual({ cost: 100 });
    expect(price(document, operation, { ids: ID })).toEqual({ cost: 2 });
  });

  it('leaves bad variables to the executor, and calls an operation that expands past 10,000 selections too large to price', async () => {
    expect(await priceOf('query($n: Int) { claims(first: $n) { nodes { id } } }', { n: 'many' })).toEqual({ badVariables: true });
    // Each fragment spreads the next one twice: 2^14 selections once expanded, in a document of a few hundred bytes.
    const fragments = Array.from(
      { length: 14 },
      (_, i) => `fragment F${i} on Claim { speaker { claims { nodes { ...F${i + 1} } } } source { claims { nodes { ...F${i + 1} } } } }`,
    );
    const query = `{ claim(id: "${ID}") { ...F0 } } ${fragments.join(' ')} fragment F14 on Claim { id }`;
    expect(await priceOf(query)).toEqual({ tooLargeToPrice: true });
  });

  it('refuses, at start-up, a schema with a list it cannot size', () => {
    const schema = buildSchema('type Query { sized(first: Int): [Int!]! everything: [Int!]! }');
    expect(() => createOperationPricer(schema)).toThrow(/Query\.everything/);
    expect(() => createOperationPricer(schema)).not.toThrow(/Query\.sized/);
  });
});
