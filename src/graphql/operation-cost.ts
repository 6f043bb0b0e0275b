// The price of an operation: what it may make the server resolve, with list sizes multiplied through the nesting, so
// that `claim { rebuttals { nodes { counterclaim { rebuttals { ... } } } } }` over a cycle grows as 20^levels and
// fifty aliased 5,000-claim traces cost fifty times one. graphql-query-complexity walks the operation (fragments,
// @include/@skip, variables); the estimator here says what each field costs. graphql-armor's cost-limit is not used:
// it adds a fixed cost per field and per nesting level and never multiplies by a list's size, so it prices
// `claims(first: 100)` as `claims(first: 1)` and cannot tell one trace from fifty.
// The speakers' input classes (MAX_ALIASES) are decorated: their metadata API must be loaded first, as in schema.ts.
import 'reflect-metadata';
import {
  getNullableType,
  getVariableValues,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isUnionType,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { MAX_NODE_IDS } from '../common/node.type';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/pagination';
import { MAX_FIELD_CHANGES } from '../modules/history/history.type';
import { MAX_CLAIM_REVIEW_APPEARANCES } from '../modules/reviews/claim-review';
import { MAX_ALIASES } from '../modules/speakers/speaker.input';
import { MAX_SAME_AS } from '../modules/speakers/speaker-identity';
import {
  DEFAULT_TRACE_DEPTH,
  DEFAULT_TRACE_MAX_NODES,
  MAX_TRACE_DEPTH,
  MAX_TRACE_EDGES_PER_NODE,
  MAX_TRACE_MAX_NODES,
} from '../modules/tracing/trace.options';

type Args = Record<string, unknown>;

/**
 * What a field costs: `own` (1 for an object or a value; a list's length for a list, each element being one),
 * `times` how often its selection is resolved (a list's length, a connection's page size, a trace's maxNodes), and
 * any work of its own beyond that (`extra`: the trace's walk).
 */
interface Price {
  own: number;
  times: number;
  extra?: number;
}

const ONE: Price = { own: 1, times: 1 };

const clamp = (value: unknown, fallback: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, typeof value === 'number' && Number.isFinite(value) ? value : fallback));

/** A page size (first, or last paging backward) as the resolver will take it; over the maximum is the resolver's BAD_USER_INPUT, not a price. */
const pageSize = (args: Args): number => clamp(args.last ?? args.first, DEFAULT_PAGE_SIZE, 0, MAX_PAGE_SIZE);

const list = (size: number): Price => ({ own: size, times: size });

/** Fields priced by their own arguments, and lists whose size is known by their place in the schema. */
const PRICED_FIELDS: Record<string, (args: Args) => Price> = {
  // The walk visits up to maxNodes claims at each of its depth + 1 levels (it sets apart the claims already seen);
  // the trace's nodes and edges are lists sized by maxNodes (below, relative to it).
  'Query.trace': (args) => {
    const maxNodes = clamp(args.maxNodes, DEFAULT_TRACE_MAX_NODES, 1, MAX_TRACE_MAX_NODES);
    const depth = clamp(args.depth, DEFAULT_TRACE_DEPTH, 0, MAX_TRACE_DEPTH);
    return { own: 1, times: maxNodes, extra: maxNodes * (depth + 1) };
  },
  'ClaimTrace.nodes': () => ONE,
  // One node per id given, as many as the field takes (more is the field's BAD_USER_INPUT, not a price).
  'Query.nodes': (args) => list(Array.isArray(args.ids) ? Math.min(args.ids.length, MAX_NODE_IDS) : MAX_NODE_IDS),
  'ClaimTrace.edges': () => list(MAX_TRACE_EDGES_PER_NODE),
  'Speaker.aliases': () => list(MAX_ALIASES),
  'Speaker.sameAs': () => list(MAX_SAME_AS),
  // An agent's sameAs: its sameAs URLs and its Wikidata item page.
  'SchemaOrgPerson.sameAs': () => list(MAX_SAME_AS + 1),
  'SchemaOrgOrganization.sameAs': () => list(MAX_SAME_AS + 1),
  'HistoryEntry.changes': () => list(MAX_FIELD_CHANGES),
  'Correction.changes': () => list(MAX_FIELD_CHANGES),
  // Every correction of the verdict: priced as Review.corrections at its default (and largest) page.
  'SchemaOrgClaimReview.correction': () => list(MAX_PAGE_SIZE),
  'SchemaOrgClaim.appearance': () => list(MAX_CLAIM_REVIEW_APPEARANCES),
};

/** Connections (types with pageInfo): their lists (edges, nodes) hold the page the field returning them was priced at. */
const isConnection = (type: unknown): boolean => isObjectType(type) && 'pageInfo' in type.getFields();

/**
 * Introspection's lists. What a type lists (its fields, interfaces, possible types, enum values, input fields) is priced
 * at the mean over all the schema's types, rounded up: `__Schema.types` multiplies it by the number of types, so the
 * full introspection is priced at the schema's total, an upper bound that grows with the schema rather than with the
 * product of its largest type and its number of types. Lists within a field or a directive at the largest there is.
 */
function introspectionSizes(schema: GraphQLSchema): Record<string, number> {
  const types = Object.values(schema.getTypeMap());
  const most = (counts: number[]) => Math.max(0, ...counts);
  const perType = (counts: number[]) => Math.ceil(counts.reduce((sum, count) => sum + count, 0) / Math.max(1, types.length));
  const fieldsOf = types.flatMap((type) => (isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : []));
  return {
    '__Schema.types': types.length,
    '__Schema.directives': schema.getDirectives().length,
    '__Type.fields': perType(types.map((type) => (isObjectType(type) || isInterfaceType(type) ? Object.keys(type.getFields()).length : 0))),
    '__Type.interfaces': perType(types.map((type) => (isObjectType(type) || isInterfaceType(type) ? type.getInterfaces().length : 0))),
    '__Type.possibleTypes': perType(
      types.map((type) => (isInterfaceType(type) || isUnionType(type) ? schema.getPossibleTypes(type).length : 0)),
    ),
    '__Type.enumValues': perType(types.map((type) => (isEnumType(type) ? type.getValues().length : 0))),
    '__Type.inputFields': perType(types.map((type) => (isInputObjectType(type) ? Object.keys(type.getFields()).length : 0))),
    '__Field.args': most(fieldsOf.map((field) => field.args.length)),
    '__Directive.args': most(schema.getDirectives().map((directive) => directive.args.length)),
    '__Directive.locations': most(schema.getDirectives().map((directive) => directive.locations.length)),
  };
}

/**
 * How each field of the schema is priced. Every list must have a size: a `first` argument, a place in a connection
 * or a trace, or a cap above. A list field with none fails here, at start-up, rather than being priced at 1.
 */
function pricing(schema: GraphQLSchema): (typeName: string, field: GraphQLField<unknown, unknown>, args: Args) => Price {
  const introspection = introspectionSizes(schema);
  const prices = new Map<string, (args: Args) => Price>();
  const unsized: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      const hasFirst = field.args.some((arg) => arg.name === 'first');
      const isList = isListType(getNullableType(field.type));
      if (PRICED_FIELDS[key]) prices.set(key, PRICED_FIELDS[key]);
      else if (introspection[key] !== undefined) prices.set(key, () => list(introspection[key]!));
      else if (isList && isConnection(type)) prices.set(key, () => ONE);
      else if (isList && hasFirst) prices.set(key, (args) => list(pageSize(args)));
      else if (hasFirst && isConnection(getNullableType(field.type))) prices.set(key, (args) => ({ own: 1, times: pageSize(args) }));
      else if (isList) unsized.push(key);
    }
  }
  if (unsized.length > 0) {
    throw new Error(
      `Lists without a size, which operation-cost.ts cannot price: ${unsized.join(', ')}. Give each a first argument or a cap.`,
    );
  }
  return (typeName, field, args) => prices.get(`${typeName}.${field.name}`)?.(args) ?? ONE;
}

/** The estimator for graphql-query-complexity: a field costs its own, plus its selection times how often it runs. */
function listSizeEstimator(schema: GraphQLSchema): ComplexityEstimator {
  const priceOf = pricing(schema);
  return ({ type, field, args, childComplexity }) => {
    const { own, times, extra = 0 } = priceOf(type.name, field, args);
    return own + times * childComplexity + extra;
  };
}

/** graphql-query-complexity's error when an operation, its fragments expanded, has more selections than it will walk. */
const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';
/** Selections walked at most, fragments expanded (the full introspection query walks some 200). */
const MAX_PRICED_SELECTIONS = 10_000;

export type OperationCost = { cost: number } | { tooLargeToPrice: true } | { badVariables: true };

/** Prices kept per document, for so many sets of the variables that can change a price. */
const MAX_PRICES_PER_DOCUMENT = 100;

/**
 * The variables a price can depend on: only an Int sets a size (first, maxNodes, depth), only a Boolean decides an
 * @include or @skip, and a list's length sizes a list field (nodes(ids:)). A trace's claimId or a page's `after`
 * cursor, different on every request, do not, nor do the values in a list.
 */
function priceKey(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): string {
  let key = operation.name?.value ?? '';
  for (const { variable, type } of operation.variableDefinitions ?? []) {
    const named = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
    const value = variables?.[variable.name.value];
    if (named.kind === Kind.NAMED_TYPE && (named.name.value === 'Int' || named.name.value === 'Boolean')) {
      key += `|${variable.name.value}=${JSON.stringify(value ?? null)}`;
    } else if (named.kind === Kind.LIST_TYPE) {
      // A single value where a list is declared is coerced to a list of one.
      key += `|${variable.name.value}#${Array.isArray(value) ? value.length : value == null ? 'null' : 1}`;
    }
  }
  return key;
}

/** Fails at start-up if graphql-query-complexity no longer stops at maxQueryNodes with the error recognised here. */
function assertNodeLimitRecognised(schema: GraphQLSchema, estimator: ComplexityEstimator): void {
  try {
    getComplexity({ schema, query: parse('{ __typename a: __typename }'), estimators: [estimator], maxQueryNodes: 1 });
  } catch (error) {
    if (error instanceof Error && error.message === TOO_MANY_NODES) return;
    throw new Error(`graphql-query-complexity's error for too many selections is no longer recognised: ${String(error)}`);
  }
  throw new Error('graphql-query-complexity no longer stops at maxQueryNodes');
}

/**
 * Prices operations with their variables. Bad variables are left to the executor, which refuses them with their own
 * error; an operation that expands (fragments within fragments) to more selections than MAX_PRICED_SELECTIONS is too
 * large to price. A price is kept with its document (Apollo keeps each validated document, one object per query), so
 * the same operation asked again costs a lookup, not a walk (some 50 µs for a trace query, a few percent of a small
 * trace).
 */
export function createOperationPricer(schema: GraphQLSchema) {
  const estimator = listSizeEstimator(schema);
  const prices = new WeakMap<DocumentNode, Map<string, number>>();
  assertNodeLimitRecognised(schema, estimator);

  return (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): OperationCost => {
    const key = priceKey(operation, variables);
    let known = prices.get(document);
    const price = known?.get(key);
    if (price !== undefined) return { cost: price };
    // One error is enough to know: unbounded, a list of 60,000 bad items would be coerced into as many errors here.
    if (getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 }).errors)
      return { badVariables: true };
    let cost: number;
    try {
      cost = getComplexity({
        schema,
        query: document,
        operationName: operation.name?.value,
        variables,
        estimators: [estimator],
        maxQueryNodes: MAX_PRICED_SELECTIONS,
      });
    } catch (error) {
      if (error instanceof Error && error.message === TOO_MANY_NODES) return { tooLargeToPrice: true };
      throw error;
    }
    if (!known) prices.set(document, (known = new Map<string, number>()));
    if (known.size >= MAX_PRICES_PER_DOCUMENT) known.clear();
    known.set(key, cost);
    return { cost };
  };
}
