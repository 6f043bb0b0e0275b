// From an operation's selection set to a nested-read plan (src/db/nested-read.ts): which relations of the records a
// root field returns the client selected, with their page arguments, to any depth, so that the root field reads them
// all in its one statement. What was read primes the request's DataLoaders, so the relation fields' resolvers (which
// stay as they are) find their records and pages there without a statement of their own. Anything the plan does not
// cover (another relation, a bad page argument, a record type it does not know) is simply not primed: its resolver
// loads it as before, so every query stays correct.
import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { windowKey, type ChildPageKey, type ChildPageLoader } from '../common/loaders';
import { pageWindow, type PageWindow } from '../common/pagination';
import type { Loaders } from '../context';
import {
  NO_RELATIONS,
  type ChildrenRelation,
  type ComputedRelation,
  type PageRead,
  type PlannedRelation,
  type ReadPlan,
  type ToOneRelation,
} from '../db/nested-read';
import { argumentsOf, isIncluded, rootSelection, type RootSelection, type SelectedField } from './selection-tree';
import { contextOf, type ContextSlices } from '../modules/appearances/anchoring';
import { APPEARANCE_RELATIONS } from '../modules/appearances/appearance.relations';
import { CLAIM_RELATIONS } from '../modules/claims/claim.relations';
import { REBUTTAL_RELATIONS } from '../modules/rebuttals/rebuttal.relations';
import { REVIEW_RELATIONS } from '../modules/reviews/review.relations';
import { SOURCE_RELATIONS } from '../modules/sources/source.relations';
import { SPEAKER_RELATIONS } from '../modules/speakers/speaker.relations';

type Row = Record<string, unknown>;

interface ToOneField {
  kind: 'one';
  relation: ToOneRelation;
  /** The GraphQL type of the related record. */
  type: string;
  /** Puts a record read into the request's loader its resolver reads through. */
  primer(loaders: Loaders): (record: Row) => void;
}

interface ChildrenField {
  kind: 'children';
  relation: ChildrenRelation;
  /** The GraphQL type of the records in the connection. */
  type: string;
  /** Puts a page read into the request's loader its resolver reads through. */
  primer(loaders: Loaders): (key: ChildPageKey, rows: Row[], count: number | undefined) => void;
}

interface ComputedField {
  kind: 'computed';
  relation: ComputedRelation;
  /** The relation's argument from the field's arguments, as its resolver reads them; undefined leaves the field to it. */
  argument(args: Record<string, unknown>): number | undefined;
  /** Puts a value read into the request's loader its resolver reads through. */
  primer(loaders: Loaders): (parent: Row, value: Row | null, argument: number) => void;
}

type PlannableField = ToOneField | ChildrenField | ComputedField;

// The casts: a relation reads rows of the loader's record type (the column definitions are typed by the same models).
function one<T>(relation: ToOneRelation, type: string, loader: (loaders: Loaders) => DataLoader<string, T | null>): ToOneField {
  return {
    kind: 'one',
    relation,
    type,
    primer(loaders) {
      const byId = loader(loaders);
      return (record) => void byId.prime(record.id as string, record as T);
    },
  };
}

function children<T>(relation: ChildrenRelation, type: string, loader: (loaders: Loaders) => ChildPageLoader<T>): ChildrenField {
  return {
    kind: 'children',
    relation,
    type,
    primer(loaders) {
      const pages = loader(loaders);
      return (key, rows, count) => pages.primeRows(key, rows as T[], count);
    },
  };
}

/**
 * The relation fields the planner reads, by GraphQL type and field, with the loader their resolver reads through:
 * each resolver must load exactly what the relation reads (the same rows, the same page window), or the query would
 * answer differently planned and unplanned (test/integration/nested-reads.test.ts compares both).
 */
const PLANNABLE: Readonly<Record<string, Readonly<Record<string, PlannableField>>>> = {
  Claim: {
    speaker: one(CLAIM_RELATIONS.speaker, 'Speaker', (loaders) => loaders.speakers.byId),
    source: one(CLAIM_RELATIONS.source, 'Source', (loaders) => loaders.sources.byId),
    rebuttals: children(CLAIM_RELATIONS.rebuttals, 'Rebuttal', (loaders) => loaders.rebuttals.pageByClaim),
    rebuts: children(CLAIM_RELATIONS.rebuts, 'Rebuttal', (loaders) => loaders.rebuttals.pageByCounterclaim),
    reviews: children(CLAIM_RELATIONS.reviews, 'Review', (loaders) => loaders.reviews.pageByClaim),
    appearances: children(CLAIM_RELATIONS.appearances, 'Appearance', (loaders) => loaders.appearances.pageByClaim),
  },
  Appearance: {
    claim: one(APPEARANCE_RELATIONS.claim, 'Claim', (loaders) => loaders.claims.byId),
    source: one(APPEARANCE_RELATIONS.source, 'Source', (loaders) => loaders.sources.byId),
    context: {
      kind: 'computed',
      relation: APPEARANCE_RELATIONS.context,
      // As ContextArgs has it (80 by default, 0 to 1000); anything else is the resolver's to refuse.
      argument: ({ chars = 80 }) =>
        Number.isInteger(chars) && (chars as number) >= 0 && (chars as number) <= 1000 ? (chars as number) : undefined,
      primer(loaders) {
        const context = loaders.appearances.context;
        return (parent, value, chars) =>
          void context.prime({ appearanceId: parent.id as string, chars }, value && contextOf(value as unknown as ContextSlices));
      },
    },
  },
  Rebuttal: {
    claim: one(REBUTTAL_RELATIONS.claim, 'Claim', (loaders) => loaders.claims.byId),
    counterclaim: one(REBUTTAL_RELATIONS.counterclaim, 'Claim', (loaders) => loaders.claims.byId),
  },
  Review: {
    claim: one(REVIEW_RELATIONS.claim, 'Claim', (loaders) => loaders.claims.byId),
  },
  Speaker: {
    claims: children(SPEAKER_RELATIONS.claims, 'Claim', (loaders) => loaders.claims.pageBySpeaker),
  },
  Source: {
    claims: children(SOURCE_RELATIONS.claims, 'Claim', (loaders) => loaders.claims.pageBySource),
  },
};

/** A plan as the selection and variables make it, before it is bound to a request's loaders (so it can be cached). */
interface PlanTemplate {
  readonly relations: readonly RelationTemplate[];
}

interface RelationTemplate {
  readonly field: PlannableField;
  readonly window: PageWindow | undefined;
  readonly argument?: number;
  readonly count: boolean;
  readonly plan: PlanTemplate;
}

interface PageTemplate {
  readonly plan: PlanTemplate;
  readonly count: boolean;
}

const NO_TEMPLATE: PlanTemplate = { relations: [] };
const NO_PAGE_TEMPLATE: PageTemplate = { plan: NO_TEMPLATE, count: false };

/** Templates by selection, then by what of the variables they depend on. */
const templates = new WeakMap<RootSelection, Map<string, PageTemplate>>();
/** Variable combinations kept per document: past it, templates are made afresh (cheap) instead of cached. */
const MAX_TEMPLATES_PER_DOCUMENT = 64;

type Variables = Readonly<Record<string, unknown>>;

/**
 * The template for the root field of `info` (derived by `derive` from its selection), cached per document and the
 * values of the variables that can change it, so that a document's everyday requests plan in a map lookup.
 */
function templateOf(
  info: GraphQLResolveInfo,
  kind: string,
  derive: (fields: readonly SelectedField[], variables: Variables) => PageTemplate,
): PageTemplate {
  const selection = rootSelection(info);
  if (!selection) return NO_PAGE_TEMPLATE;
  const variables = info.variableValues;
  const key = `${kind}|${selection.variables.length === 0 ? '' : JSON.stringify(selection.variables.map((name) => variables[name] ?? null))}`;
  let byKey = templates.get(selection);
  if (!byKey) templates.set(selection, (byKey = new Map<string, PageTemplate>()));
  let template = byKey.get(key);
  if (!template) {
    template = derive(selection.fields, variables);
    if (byKey.size < MAX_TEMPLATES_PER_DOCUMENT) byKey.set(key, template);
  }
  return template;
}

/** The plan for the records of `type` that the root field of `info` returns (the field's type itself). */
export function readPlanOf(info: GraphQLResolveInfo, type: string, loaders: Loaders): ReadPlan {
  const template = templateOf(info, type, (fields, variables) => ({ plan: planFor(type, fields, variables), count: false }));
  return bind(template.plan, loaders);
}

/** The plan for the records of `type` in the connection the root field of `info` returns, and whether to count them. */
export function pageReadPlanOf(info: GraphQLResolveInfo, type: string, loaders: Loaders): PageRead {
  const template = templateOf(info, `${type}Connection`, (fields, variables) => {
    const { nodes, count } = connectionSelection(fields, variables);
    return { plan: planFor(type, nodes, variables), count };
  });
  return { plan: bind(template.plan, loaders), count: template.count };
}

/** The plan for the claims of the search hits in the connection the root field of `info` returns, and their total. */
export function searchHitsReadPlanOf(info: GraphQLResolveInfo, loaders: Loaders): PageRead {
  const template = templateOf(info, 'ClaimSearchHitConnection', (fields, variables) => {
    const { nodes, count } = connectionSelection(fields, variables);
    const claims = included(nodes, variables).filter((field) => field.name === 'claim');
    return {
      plan: planFor(
        'Claim',
        claims.flatMap((claim) => claim.fields),
        variables,
      ),
      count,
    };
  });
  return { plan: bind(template.plan, loaders), count: template.count };
}

const included = (fields: readonly SelectedField[], variables: Variables) => fields.filter((field) => isIncluded(field, variables));

/** The fields selected on the nodes of a connection (through edges.node and nodes), and whether totalCount is asked. */
function connectionSelection(fields: readonly SelectedField[], variables: Variables): { nodes: SelectedField[]; count: boolean } {
  const nodes: SelectedField[] = [];
  let count = false;
  for (const field of included(fields, variables)) {
    if (field.name === 'nodes') nodes.push(...field.fields);
    else if (field.name === 'totalCount') count = true;
    else if (field.name === 'edges')
      for (const edgeField of included(field.fields, variables)) if (edgeField.name === 'node') nodes.push(...edgeField.fields);
  }
  return { nodes, count };
}

interface RelationSelection {
  field: PlannableField;
  window: PageWindow | undefined;
  argument?: number;
  count: boolean;
  /** The fields selected on the related records, from every selection of the relation (aliases of one relation and window are read once). */
  fields: SelectedField[];
}

/** The template for records of `type` of which `fields` are selected. */
function planFor(type: string, fields: readonly SelectedField[], variables: Variables): PlanTemplate {
  const plannable = PLANNABLE[type];
  if (!plannable) return NO_TEMPLATE;
  const byKey = new Map<string, RelationSelection>();
  for (const field of included(fields, variables)) {
    const planned = plannable[field.name];
    if (!planned) continue;
    if (planned.kind === 'computed') {
      const argument = planned.argument(argumentsOf(field, variables));
      if (argument !== undefined)
        byKey.set(`${field.name}|${argument}`, { field: planned, window: undefined, argument, count: false, fields: [] });
      continue;
    }
    if (planned.kind === 'one') {
      const entry = byKey.get(field.name) ?? { field: planned, window: undefined, count: false, fields: [] };
      entry.fields.push(...field.fields);
      byKey.set(field.name, entry);
      continue;
    }
    const window = windowOf(field, variables);
    // A bad page argument is left to the field's resolver, which reports it on that field.
    if (!window) continue;
    const key = `${field.name}|${windowKey(window)}`;
    const entry = byKey.get(key) ?? { field: planned, window, count: false, fields: [] };
    const { nodes, count } = connectionSelection(field.fields, variables);
    entry.fields.push(...nodes);
    entry.count ||= count;
    byKey.set(key, entry);
  }
  if (byKey.size === 0) return NO_TEMPLATE;
  return {
    relations: [...byKey.values()].map(({ field, window, argument, count, fields: selected }) => ({
      field,
      window,
      argument,
      count,
      plan: field.kind === 'computed' ? NO_TEMPLATE : planFor(field.type, selected, variables),
    })),
  };
}

function windowOf(field: SelectedField, variables: Variables): PageWindow | undefined {
  try {
    return pageWindow(argumentsOf(field, variables));
  } catch {
    return undefined;
  }
}

/** The template as a plan whose relations prime the request's loaders with what they read. */
function bind(template: PlanTemplate, loaders: Loaders): ReadPlan {
  if (template.relations.length === 0) return NO_RELATIONS;
  // The template is the shape: its SQL is built once (see ReadPlan.shape).
  return { relations: template.relations.map((relation) => plannedRelation(relation, loaders)), shape: template };
}

function plannedRelation({ field, window, argument, count, plan: template }: RelationTemplate, loaders: Loaders): PlannedRelation {
  const plan = bind(template, loaders);
  if (field.kind === 'computed') {
    const prime = field.primer(loaders);
    return {
      relation: field.relation,
      count: false,
      argument,
      plan,
      onRead(parent, value) {
        prime(parent, value as Row | null, argument!);
      },
    };
  }
  if (field.kind === 'one') {
    const prime = field.primer(loaders);
    return {
      relation: field.relation,
      count: false,
      plan,
      onRead(_parent, related) {
        if (related) prime(related as Row);
      },
    };
  }
  const prime = field.primer(loaders);
  return {
    relation: field.relation,
    window,
    count,
    plan,
    onRead(parent, related, total) {
      prime({ parentId: parent.id as string, window: window! }, related as Row[], total);
    },
  };
}
