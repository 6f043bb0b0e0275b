// A deterministic fuzz of every argument the schema takes: the schema is walked for its root fields and for every
// field below them that takes arguments, and for each argument and each field of its input types (at any depth),
// requests are sent that are valid but for that one place, which gets a malformed value: NUL bytes, lone surrogates,
// bidi and control characters, huge strings and lists, wrong types, numbers out of range, bad ids and cursors, input
// objects nested thousands deep. Each goes as a literal in the document or as a variable, by a seeded draw. No answer
// may be a 5xx or carry INTERNAL_SERVER_ERROR: every one of these is the client's mistake, or fine.
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { buildAppSchema } from '../../src/graphql/schema';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SEED = 0x13_2026;

/** mulberry32: a small seeded generator, so that every run sends the same requests. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const isNesting = (value: Json): value is { nested: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'nested' in value;
const deeplyNested = (depth: number): Json => {
  let value: Json = { leaf: 'x' };
  for (let level = 0; level < depth; level += 1) value = { nested: value };
  return value;
};

const TEXT_CASES: Json[] = [
  'a\u0000b',
  'a\ud800b',
  '\udfff',
  'evil\u202etxt',
  'open \u2067 isolate',
  'bell\u0007',
  'next\u0085line',
  'tab\tand\nnewline',
  '',
  '   ',
  '%',
  '_',
  '\\',
  "'; DROP TABLE claims; --",
  '\ufeff',
  '💥'.repeat(2_000),
  'x'.repeat(300_000),
  42,
  true,
  { text: 'x' },
  ['a'],
];
const ID_CASES: Json[] = [
  'not-an-id',
  '',
  '00000000-0000-0000-0000-000000000000',
  '0190A000-0000-7000-8000-00000000000Z',
  '0190a000-0000-7000-8000-000000000000\u0000',
  "1' OR '1'='1",
  'x'.repeat(10_000),
  42,
  -1,
  1.5,
  true,
  ['0190a000-0000-7000-8000-000000000000'],
];
const CURSOR_CASES: Json[] = [
  '!!!',
  base64url('id:not-a-uuid'),
  base64url('id:0190a000-0000-7000-8000-000000000000'),
  base64url('claim-search:[1e999,"x","y"]'),
  base64url('speaker-search:[0,null,"0190a000-0000-7000-8000-000000000000"]'),
  base64url('claim-search:{"rank":1}'),
  base64url('\u0000'),
  base64url('x'.repeat(50_000)),
  'a\u0000b',
];
const INT_CASES: Json[] = [-1, 0, 101, 5_001, 11, 2_147_483_647, 2_147_483_648, -2_147_483_649, 1e20, 1.5, '5', true, null, [1]];
const FLOAT_CASES: Json[] = [1e308, -1e308, -1, '1.5', true];
const BOOLEAN_CASES: Json[] = ['true', 1, 0, [true]];
const DATE_CASES: Json[] = ['2018-02-30', '0000-01-01', '10000-01-01', '2018-1-1', '2018-01-01T00:00:00Z', '', 'a\u0000b', 20180101];
const DATE_TIME_CASES: Json[] = [
  'not a date',
  '2018-13-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2018-01-01',
  '',
  1e20,
];

/** Where an argument sits: the field whose argument it is, reached from the root by `path` (a selection prefix). */
interface Site {
  operation: 'query' | 'mutation';
  /** The selections leading to the field, e.g. ['speaker(id: "...")'], each opening a selection set. */
  path: string[];
  field: GraphQLField<unknown, unknown>;
}

/** One place to put a malformed value: an argument, or a field of an input object inside one (`inputPath`). */
interface Position {
  site: Site;
  argument: GraphQLArgument;
  inputPath: string[];
  type: GraphQLInputType;
  name: string;
}

interface Ids {
  speaker: string;
  source: string;
  claim: string;
  review: string;
  rebuttal: string;
}

describe('a fuzz of malformed arguments', () => {
  let api: TestServer;
  let schema: GraphQLSchema;
  let ids: Ids;
  beforeAll(async () => {
    api = await startTestServer({ seed: true });
    schema = await buildAppSchema();
    const { prisma } = api.db;
    const [speaker, source, claim, rebuttal] = await Promise.all([
      prisma.speaker.findFirstOrThrow({ orderBy: { id: 'asc' } }),
      prisma.source.findFirstOrThrow({ orderBy: { id: 'asc' } }),
      prisma.claim.findFirstOrThrow({ where: { rebuttals: { some: {} } }, orderBy: { id: 'asc' } }),
      prisma.rebuttal.findFirstOrThrow({ orderBy: { id: 'asc' } }),
    ]);
    const review = await prisma.review.create({ data: { claimId: claim.id, rating: 'TRUE', organizationName: 'Fuzz Desk' } });
    ids = { speaker: speaker.id, source: source.id, claim: claim.id, review: review.id, rebuttal: rebuttal.id };
  }, 120_000);
  afterAll(() => api.close());

  /** An existing record's id for an ID argument, by its name or the field's ("speakerId", "updateSource(id)"). */
  function idFor(name: string, fieldName: string): string {
    const subject = name === 'id' ? fieldName : name;
    const kind = (['counterclaim', 'speaker', 'source', 'review', 'rebuttal', 'claim'] as const).find((candidate) =>
      subject.toLowerCase().includes(candidate),
    );
    return kind === 'counterclaim' ? ids.claim : ids[kind ?? 'claim'];
  }

  /** A value the argument or input field takes, so that only the position under test is wrong. */
  function validValue(type: GraphQLInputType, name: string, fieldName: string): Json {
    const nullable = getNullableType(type);
    if (isListType(nullable)) return [validValue(nullable.ofType, name, fieldName)];
    if (isInputObjectType(nullable)) {
      const value: Record<string, Json> = {};
      for (const field of Object.values(nullable.getFields())) {
        if (isNonNullType(field.type) && field.defaultValue === undefined)
          value[field.name] = validValue(field.type, field.name, fieldName);
      }
      return value;
    }
    if (isEnumType(nullable)) return nullable.getValues()[0]!.name;
    switch (nullable.name) {
      case 'ID':
        return idFor(name, fieldName);
      case 'Int':
        return name === 'first' ? 5 : name === 'depth' ? 2 : name === 'maxNodes' ? 10 : 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'Date':
        return '2018-10-20';
      case 'DateTimeISO':
        return '2018-10-20T10:00:00.000Z';
      default:
        if (/url/i.test(name)) return 'https://example.org/fuzz';
        if (/language/i.test(name)) return 'en';
        if (/slug/i.test(name)) return 'fuzz-slug';
        return name === 'query' ? 'treaty' : 'fuzz text';
    }
  }

  /** The malformed values to try at a position of this type. */
  function malformedValues(type: GraphQLInputType, name: string, fieldName: string): Json[] {
    const nullable = getNullableType(type);
    const valid = validValue(type, name, fieldName);
    const nullCase: Json[] = isNonNullType(type) ? [null] : [];
    if (isListType(nullable)) {
      const item = validValue(nullable.ofType, name, fieldName);
      return [
        Array(50_000).fill(item),
        Array(60_000).fill('x'),
        [null],
        [[item]],
        [item, item, item, item, item],
        [],
        'not a list',
        ...nullCase,
      ];
    }
    if (isInputObjectType(nullable)) {
      return [deeplyNested(3_000), { unknownField: 1 }, {}, 'not an object', [valid], 42, ...nullCase];
    }
    if (isEnumType(nullable)) return ['NOPE', nullable.getValues()[0]!.name.toLowerCase(), '', 1, ...nullCase];
    if (!isScalarType(nullable)) return nullCase;
    const byScalar: Record<string, Json[]> = {
      ID: ID_CASES,
      Int: INT_CASES,
      Float: FLOAT_CASES,
      Boolean: BOOLEAN_CASES,
      Date: DATE_CASES,
      DateTimeISO: DATE_TIME_CASES,
    };
    return [...(name === 'after' ? CURSOR_CASES : (byScalar[nullable.name] ?? TEXT_CASES)), ...nullCase];
  }

  /** Every field that takes arguments: the root fields, and those below them, each reached by its shortest path. */
  function sites(): Site[] {
    const found: Site[] = [];
    const reached = new Set<string>();
    const queue: { type: GraphQLObjectType; path: string[]; operation: 'query' | 'mutation' }[] = [
      { type: schema.getQueryType()!, path: [], operation: 'query' },
      { type: schema.getMutationType()!, path: [], operation: 'mutation' },
    ];
    while (queue.length > 0) {
      const { type, path, operation } = queue.shift()!;
      for (const field of Object.values(type.getFields()).sort((a, b) => a.name.localeCompare(b.name))) {
        if (field.args.length > 0) found.push({ operation, path, field });
        const target = getNamedType(field.type);
        if (operation !== 'query' || !isObjectType(target) || reached.has(target.name)) continue;
        reached.add(target.name);
        // Lists are followed through; a path field gets the arguments it needs (and an id, to reach a record).
        const args = field.args
          .filter((arg) => (isNonNullType(arg.type) && arg.defaultValue === undefined) || arg.name === 'id')
          .map((arg) => `${arg.name}: ${literal(validValue(arg.type, arg.name, field.name), arg.type)}`);
        queue.push({ type: target, path: [...path, args.length > 0 ? `${field.name}(${args.join(', ')})` : field.name], operation });
      }
    }
    return found;
  }

  function positions(site: Site): Position[] {
    const found: Position[] = [];
    const walk = (argument: GraphQLArgument, definition: GraphQLArgument | GraphQLInputField, inputPath: string[], depth: number) => {
      found.push({ site, argument, inputPath, type: definition.type, name: definition.name });
      const nullable = getNullableType(definition.type);
      const inner = isListType(nullable) ? getNullableType(nullable.ofType) : nullable;
      if (isInputObjectType(inner) && depth < 3)
        for (const field of Object.values(inner.getFields())) walk(argument, field, [...inputPath, field.name], depth + 1);
    };
    for (const argument of site.field.args) walk(argument, argument, [], 0);
    return found;
  }

  /** A JSON value written as a GraphQL literal of the given type (an enum's names bare). */
  function literal(value: Json, type: GraphQLInputType | undefined): string {
    const nullable = type && getNullableType(type);
    if (value === null) return 'null';
    // The deeply nested case, written without a call per level.
    let depth = 0;
    for (let inner: Json = value; isNesting(inner); inner = inner.nested) depth += 1;
    if (depth > 1) return `${'{ nested: '.repeat(depth)}{ leaf: "x" }${' }'.repeat(depth)}`;
    if (Array.isArray(value))
      return `[${value.map((item) => literal(item, nullable && isListType(nullable) ? nullable.ofType : undefined)).join(', ')}]`;
    if (typeof value === 'object') {
      const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : {};
      return `{ ${Object.entries(value)
        .map(([key, item]) => `${key}: ${literal(item, fields[key]?.type)}`)
        .join(', ')} }`;
    }
    if (typeof value === 'string' && nullable && isEnumType(nullable) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
    return JSON.stringify(value);
  }

  /** The request for one case: the argument's value is valid but at `inputPath`, which holds `bad`. */
  function request(position: Position, bad: Json, asVariable: boolean): { query: string; variables: Record<string, Json> } {
    const { site, argument, inputPath } = position;
    let value: Json = bad;
    if (inputPath.length > 0) {
      value = validValue(argument.type, argument.name, site.field.name);
      let holder = (Array.isArray(value) ? value[0] : value) as Record<string, Json>;
      for (const [index, key] of inputPath.entries()) {
        if (index === inputPath.length - 1) holder[key] = bad;
        else {
          const nested = holder[key] ?? {};
          holder[key] = nested;
          holder = (Array.isArray(nested) ? nested[0] : nested) as Record<string, Json>;
        }
      }
    }
    const variables: Record<string, Json> = {};
    const declarations: string[] = [];
    const args = site.field.args.flatMap((arg) => {
      const given =
        arg === argument
          ? value
          : isNonNullType(arg.type) && arg.defaultValue === undefined
            ? validValue(arg.type, arg.name, site.field.name)
            : undefined;
      if (given === undefined) return [];
      if (!asVariable) return [`${arg.name}: ${literal(given, arg.type)}`];
      variables[arg.name] = given;
      declarations.push(`$${arg.name}: ${String(arg.type)}`);
      return [`${arg.name}: $${arg.name}`];
    });
    const call = `${site.field.name}${args.length > 0 ? `(${args.join(', ')})` : ''}`;
    const leaf = isObjectType(getNamedType(site.field.type)) ? `${call} { __typename }` : call;
    const selection = [...site.path, leaf].reduceRight((inner, outer) => `${outer} { ${inner} }`);
    const header = declarations.length > 0 ? `${site.operation}(${declarations.join(', ')})` : site.operation;
    return { query: `${header} { ${selection} }`, variables };
  }

  it('answers every malformed argument with a client error or a result, never a 5xx or INTERNAL_SERVER_ERROR', async () => {
    const random = seededRandom(SEED);
    const all = sites().flatMap(positions);
    const failures: string[] = [];
    const codes = new Map<string, number>();
    let sent = 0;
    for (const position of all) {
      const values = malformedValues(position.type, position.name, position.site.field.name);
      // The first (the case the type is most known for: a NUL, a huge list, deep nesting, ...) and two drawn at random.
      const chosen = [values[0]!, ...[0, 1].map(() => values[Math.floor(random() * values.length)]!)];
      for (const bad of chosen) {
        const { query, variables } = request(position, bad, random() < 0.5);
        const response = await fetch(`${api.url}graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(60_000),
        });
        sent += 1;
        const text = await response.text();
        let body: { errors?: { extensions?: { code?: string } }[] } = {};
        try {
          body = JSON.parse(text) as typeof body;
        } catch {
          failures.push(`not JSON (${response.status}): ${text.slice(0, 200)}`);
        }
        for (const error of body.errors ?? [])
          codes.set(error.extensions?.code ?? 'none', (codes.get(error.extensions?.code ?? 'none') ?? 0) + 1);
        const where = `${position.site.field.name}(${[position.argument.name, ...position.inputPath].join('.')})`;
        if (response.status >= 500 || text.includes('INTERNAL_SERVER_ERROR')) {
          failures.push(
            `${where} = ${JSON.stringify(bad).slice(0, 80)} (${Object.keys(variables).length > 0 ? 'variable' : 'literal'}): ${response.status} ${text.slice(0, 300)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    // The walk found the schema's arguments, and the cases were refused for what they are.
    expect(all.length).toBeGreaterThan(100);
    expect(sent).toBe(all.length * 3);
    expect(codes.get('BAD_USER_INPUT')).toBeGreaterThan(50);
    expect(codes.get('GRAPHQL_VALIDATION_FAILED')).toBeGreaterThan(10);
    expect((await fetch(`${api.url}health`)).status).toBe(200);
  }, 600_000);
});
