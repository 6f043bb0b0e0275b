// From an operation's selection set to a nested-read plan (src/db/nested-read.ts): which relations of the records a
// root field returns the client selected, with their page arguments, to any depth, so that the root field reads them
// all in its one statement. What was read primes the request's DataLoaders, so the relation fields' resolvers (which
// stay as they are) find their records and pages there without a statement of their own. Anything the plan does not
// cover (another relation, a bad page argument, a record type it does not know) is simply not primed: its resolver
// loads it as before, so every query stays correct.
import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { ChildPageKey, ChildPageLoader } from '../common/loaders';
import { pageWindow, type PageWindow } from '../common/pagination';
import type { Loaders } from '../context';
import { NO_RELATIONS, type ChildrenRelation, type PageRead, type PlannedRelation, type ReadPlan, type ToOneRelation } from '../db/nested-read';
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

type PlannableField = ToOneField | ChildrenField;

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

/** The plan for the records of `type` that the root field of `info` returns (the field's type itself). */
export function readPlanOf(info: GraphQLResolveInfo, type: string, loaders: Loaders): ReadPlan {
  const root = rootTree(info);
  return root ? planFor(type, [root], loaders) : NO_RELATIONS;
}

/** The plan for the records of `type` in the connection the root field of `info` returns. */
export function pageReadPlanOf(info: GraphQLResolveInfo, type: string, loaders: Loaders): PageRead {
  const root = rootTree(info);
  if (!root) return { plan: NO_RELATIONS, count: false };
  const { nodes, count } = connectionSelection(root, type);
  return { plan: planFor(type, nodes, loaders), count };
}

/** The plan for the claims of the search hits in the connection the root field of `info` returns, and their total. */
export function searchHitsReadPlanOf(info: GraphQLResolveInfo, loaders: Loaders): PageRead {
  const root = rootTree(info);
  if (!root) return { plan: NO_RELATIONS, count: false };
  const { nodes, count } = connectionSelection(root, 'ClaimSearchHit');
  const claims = nodes.flatMap((hit) => fieldsOf(hit, 'ClaimSearchHit').filter((field) => field.name === 'claim'));
  return { plan: planFor('Claim', claims, loaders), count };
}

function rootTree(info: GraphQLResolveInfo): ResolveTree | undefined {
  const tree = parseResolveInfo(info);
  return tree && 'fieldsByTypeName' in tree ? (tree as ResolveTree) : undefined;
}

const fieldsOf = (tree: ResolveTree, type: string): ResolveTree[] => Object.values(tree.fieldsByTypeName[type] ?? {});

/** The selections of the nodes of a `<type>Connection` field (through edges.node and nodes), and whether totalCount is asked. */
function connectionSelection(connection: ResolveTree, type: string): { nodes: ResolveTree[]; count: boolean } {
  const nodes: ResolveTree[] = [];
  let count = false;
  for (const field of fieldsOf(connection, `${type}Connection`)) {
    if (field.name === 'nodes') nodes.push(field);
    else if (field.name === 'totalCount') count = true;
    else if (field.name === 'edges') nodes.push(...fieldsOf(field, `${type}Edge`).filter((edgeField) => edgeField.name === 'node'));
  }
  return { nodes, count };
}

interface RelationSelection {
  field: PlannableField;
  window: PageWindow | undefined;
  count: boolean;
  /** Every selection of the related records (several aliases of one relation and window are read once). */
  selections: ResolveTree[];
}

function planFor(type: string, selections: readonly ResolveTree[], loaders: Loaders): ReadPlan {
  const plannable = PLANNABLE[type];
  if (!plannable) return NO_RELATIONS;
  const byKey = new Map<string, RelationSelection>();
  for (const selection of selections) {
    for (const field of fieldsOf(selection, type)) {
      const planned = plannable[field.name];
      if (!planned) continue;
      if (planned.kind === 'one') {
        const entry = byKey.get(field.name) ?? { field: planned, window: undefined, count: false, selections: [] };
        entry.selections.push(field);
        byKey.set(field.name, entry);
        continue;
      }
      const window = windowOf(field);
      // A bad page argument is left to the field's resolver, which reports it on that field.
      if (!window) continue;
      const key = `${field.name}|${window.first}:${window.afterId ?? ''}`;
      const entry = byKey.get(key) ?? { field: planned, window, count: false, selections: [] };
      const { nodes, count } = connectionSelection(field, planned.type);
      entry.selections.push(...nodes);
      entry.count ||= count;
      byKey.set(key, entry);
    }
  }
  if (byKey.size === 0) return NO_RELATIONS;
  return { relations: [...byKey.values()].map((entry) => plannedRelation(entry, loaders)) };
}

function windowOf(field: ResolveTree): PageWindow | undefined {
  try {
    return pageWindow(field.args as { first?: number | null; after?: string | null });
  } catch {
    return undefined;
  }
}

function plannedRelation({ field, window, count, selections }: RelationSelection, loaders: Loaders): PlannedRelation {
  const plan = planFor(field.type, selections, loaders);
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
