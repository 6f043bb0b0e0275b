// bench:load's operations, in one table: what a busy desk sends (the claim page, the list page, search, trace; new
// claims, rebuttals and review-status moves), with how often, the variables each draws, the data each response must
// carry, and for a write what the server acknowledged. Every operation stays ordinary-sized (first <= 50, trace
// depth <= 4, maxNodes <= 500), within the operation limits of the hardening work.
import { NEEDS_A_REVIEW, allowedTransitions } from '../src/modules/reviews/review-workflow';
import type { ReviewStatus } from '../src/generated/prisma/enums';
import type { GraphSpec } from './trace-graph';
import { claimIdOf, idOf } from './trace-graph';
import type { WriteLog } from './load-writes';

/** A relation list of a claim (a connection): its first `first` items with `selection`. */
function relation(field: 'rebuttals' | 'rebuts' | 'reviews', first: number, selection: string): string {
  return `${field}(first: ${first}) { nodes { ${selection} } }`;
}

/** The items of a relation connection, or undefined when the response lacks them. */
function nodesOf<T>(list: { nodes?: T[] } | undefined | null): T[] | undefined {
  return list?.nodes;
}

/** What one worker knows and owns: the workers share nothing but the pairs already used and the write log. */
export interface WorkerState {
  readonly index: number;
  readonly graph: GraphSpec;
  random(): number;
  /** Claims this worker created (acknowledged): the counterclaims of its createRebuttal calls. */
  readonly ownClaims: string[];
  /** Generated claims whose review status only this worker moves, each with its status as last acknowledged. */
  readonly statusClaims: Map<string, ReviewStatus>;
  /** Every (claim, counterclaim) pair a write of the run has used, so that no createRebuttal repeats one. */
  readonly usedPairs: Set<string>;
  readonly writes: WriteLog;
  /** A number for the next write of this worker (unique texts). */
  nextWrite(): number;
}

export interface PreparedOperation {
  variables: Record<string, unknown>;
  /** Why the data of a successful response is wrong, or undefined when it is as expected. */
  check(data: unknown): string | undefined;
  /** A write's response passed its check: record what the server acknowledged. */
  acknowledged?(data: unknown): void;
  /** A write got no acknowledgement (an error, a timeout, a dropped connection): it may or may not have committed. */
  unacknowledged?(): void;
}

export interface Operation {
  name: OperationName;
  write: boolean;
  /** Share of the mix, out of the sum of all weights. */
  weight: number;
  query: string;
  /** The variables and checks of one call; undefined when this worker cannot run it yet (it then sends another). */
  prepare(state: WorkerState): PreparedOperation | undefined;
}

export type OperationName = 'claimPage' | 'list' | 'search' | 'trace' | 'createClaim' | 'createRebuttal' | 'setClaimReviewStatus';

interface Named {
  name: string;
}

const STANCES = ['REFUTES', 'DISPUTES', 'QUALIFIES'] as const;
const TRACE_MAX_NODES = 200;
const LIST_SIZE = 50;
const RELATION_SIZE = 10;
const SEARCH_SIZE = 20;

const pick = <T>(state: WorkerState, items: readonly T[]): T => items[Math.floor(state.random() * items.length)]!;
/** 1 to n, uniformly. */
const upTo = (state: WorkerState, n: number): number => 1 + Math.floor(state.random() * n);
const mismatch = (what: string, expected: unknown, got: unknown) =>
  `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`;
/** Speakers of the generated graph are "Speaker <n>". */
const isGeneratedSpeaker = (speaker: Named | undefined) => typeof speaker?.name === 'string' && /^Speaker \d+$/.test(speaker.name);
const pairKey = (claimId: string, counterclaimId: string) => `${claimId} ${counterclaimId}`;

interface ClaimPageData {
  claim: {
    id: string;
    text: string;
    speaker: Named;
    source: { title: string } | null;
    rebuttals: { nodes?: RebuttalView[] };
  } | null;
}
interface RebuttalView {
  id: string;
  stance: string;
  counterclaim: { id: string; text: string; speaker: Named };
}

const claimPage: Operation = {
  name: 'claimPage',
  write: false,
  weight: 30,
  query: `query ClaimPage($id: ID!) {
  claim(id: $id) {
    id text kind statedAt reviewStatus
    speaker { id name }
    source { title publisher }
    ${relation('rebuttals', RELATION_SIZE, 'id stance counterclaim { id text speaker { name } }')}
  }
}`,
  prepare(state) {
    // Claims that can draw counterclaims (the graph's targets), so that most pages show some.
    const id = claimIdOf(upTo(state, state.graph.targets));
    return {
      variables: { id },
      check(data) {
        const claim = (data as ClaimPageData).claim;
        if (claim?.id !== id) return mismatch('claim.id', id, claim?.id);
        if (!isGeneratedSpeaker(claim.speaker)) return mismatch('claim.speaker', 'Speaker <n>', claim.speaker);
        const rebuttals = nodesOf(claim.rebuttals);
        if (!rebuttals) return mismatch('claim.rebuttals', 'a list', claim.rebuttals);
        if (rebuttals.length > RELATION_SIZE) return mismatch('rebuttals count', `<= ${RELATION_SIZE}`, rebuttals.length);
        const bad = rebuttals.find(
          (rebuttal) =>
            !STANCES.some((stance) => stance === rebuttal.stance) ||
            typeof rebuttal.counterclaim?.text !== 'string' ||
            !isGeneratedSpeaker(rebuttal.counterclaim.speaker),
        );
        return bad ? mismatch('a rebuttal', 'stance, counterclaim text and speaker', bad) : undefined;
      },
    };
  },
};

interface ListData {
  claims: { nodes: { id: string; text: string; speaker: Named; source: { title: string } | null }[] };
}

const list: Operation = {
  name: 'list',
  write: false,
  weight: 15,
  query: `query ListPage($speakerId: ID!) {
  claims(first: ${LIST_SIZE}, filter: { speakerId: $speakerId }) {
    nodes { id text statedAt speaker { name } source { title } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  prepare(state) {
    const speaker = upTo(state, state.graph.speakers);
    const name = `Speaker ${speaker}`;
    return {
      variables: { speakerId: idOf('speaker', speaker) },
      check(data) {
        const nodes = (data as ListData).claims?.nodes;
        if (!Array.isArray(nodes)) return mismatch('claims.nodes', 'a list', nodes);
        if (nodes.length > LIST_SIZE) return mismatch('claims.nodes count', `<= ${LIST_SIZE}`, nodes.length);
        const bad = nodes.find((node) => node.speaker?.name !== name || typeof node.text !== 'string');
        return bad ? mismatch('a claim of the list', `one of ${name}'s`, bad) : undefined;
      },
    };
  },
};

interface SearchData {
  searchClaims: { nodes: { rank: number; snippet: string; claim: { id: string } }[] };
}

const search: Operation = {
  name: 'search',
  write: false,
  weight: 15,
  query: `query Search($query: String!) {
  searchClaims(query: $query, first: ${SEARCH_SIZE}) {
    nodes { rank snippet claim { id text statedAt speaker { name } source { title } } }
  }
}`,
  prepare(state) {
    // Generated claims read "Bench claim <n>: …": the phrase finds claim n (and the bench's own texts never say "claim").
    const claim = upTo(state, state.graph.claims);
    const id = claimIdOf(claim);
    return {
      variables: { query: `"claim ${claim}"` },
      check(data) {
        const nodes = (data as SearchData).searchClaims?.nodes;
        if (!Array.isArray(nodes)) return mismatch('searchClaims.nodes', 'a list', nodes);
        return nodes.some((node) => node.claim?.id === id)
          ? undefined
          : mismatch(
              'search hits',
              `claim ${id} among them`,
              nodes.map((node) => node.claim?.id),
            );
      },
    };
  },
};

interface TraceData {
  trace: {
    truncated: boolean;
    nodes: { depth: number; claim: { id: string } }[];
    edges: { claim: { id: string }; counterclaim: { id: string } }[];
  };
}

const trace: Operation = {
  name: 'trace',
  write: false,
  weight: 15,
  query: `query Trace($claimId: ID!, $depth: Int!, $direction: TraceDirection!) {
  trace(claimId: $claimId, depth: $depth, direction: $direction, maxNodes: ${TRACE_MAX_NODES}) {
    truncated
    nodes { depth claim { id text statedAt speaker { name } } }
    edges { id stance claim { id } counterclaim { id } }
  }
}`,
  prepare(state) {
    const claimId = claimIdOf(upTo(state, state.graph.targets));
    const depth = upTo(state, 4);
    return {
      variables: { claimId, depth, direction: pick(state, ['REBUTTALS', 'BOTH']) },
      check(data) {
        const result = (data as TraceData).trace;
        const root = result?.nodes?.[0];
        if (root?.depth !== 0 || root.claim?.id !== claimId) return mismatch('trace root', { depth: 0, id: claimId }, root);
        if (result.nodes.length > TRACE_MAX_NODES) return mismatch('trace nodes', `<= ${TRACE_MAX_NODES}`, result.nodes.length);
        const ids = new Set(result.nodes.map((node) => node.claim?.id));
        if (result.nodes.some((node) => node.depth > depth))
          return mismatch('node depths', `<= ${depth}`, Math.max(...result.nodes.map((node) => node.depth)));
        const stray = result.edges.find((edge) => !ids.has(edge.claim?.id) || !ids.has(edge.counterclaim?.id));
        return stray ? mismatch('an edge', 'between two claims of the trace', stray) : undefined;
      },
    };
  },
};

interface CreateClaimData {
  createClaim: { id: string; text: string; rebuts: { nodes?: RebutView[] } };
}
interface RebutView {
  id: string;
  stance: string;
  claim: { id: string };
}

const createClaim: Operation = {
  name: 'createClaim',
  write: true,
  weight: 10,
  query: `mutation CreateClaim($input: CreateClaimInput!) {
  createClaim(input: $input) {
    id text kind statedAt reviewStatus speaker { name }
    ${relation('rebuts', RELATION_SIZE, 'id stance claim { id }')}
  }
}`,
  prepare(state) {
    const text = `Load statement ${state.index}-${state.nextWrite()}: ${Math.floor(state.random() * 2 ** 48).toString(36)}`;
    // Half of them counter a claim in the same transaction.
    const rebuts =
      state.random() < 0.5
        ? [{ claimId: claimIdOf(upTo(state, state.graph.targets)), stance: pick(state, STANCES), rationale: 'bench:load' }]
        : [];
    const input = {
      text,
      kind: pick(state, ['QUOTE', 'PARAPHRASE']),
      speakerId: idOf('speaker', upTo(state, state.graph.speakers)),
      sourceId: state.random() < 0.3 ? null : idOf('source', upTo(state, state.graph.sources)),
      statedAt: `20${10 + Math.floor(state.random() * 15)}-0${1 + Math.floor(state.random() * 9)}-1${Math.floor(state.random() * 10)}`,
      rebuts,
    };
    return {
      variables: { input },
      check(data) {
        const claim = (data as CreateClaimData).createClaim;
        if (typeof claim?.id !== 'string' || claim.text !== text) return mismatch('createClaim', { text }, claim);
        const made = nodesOf(claim.rebuts);
        const expected = rebuts.map((rebut) => `${rebut.stance} ${rebut.claimId}`);
        const got = made?.map((rebut) => `${rebut.stance} ${rebut.claim?.id}`);
        return JSON.stringify(got) === JSON.stringify(expected) && made!.every((rebut) => typeof rebut.id === 'string')
          ? undefined
          : mismatch('createClaim.rebuts', expected, got);
      },
      acknowledged(data) {
        const claim = (data as CreateClaimData).createClaim;
        state.writes.recordClaim({ id: claim.id, text });
        for (const rebut of nodesOf(claim.rebuts)!) {
          state.writes.recordRebuttal({ id: rebut.id, claimId: rebut.claim.id, counterclaimId: claim.id, stance: rebut.stance });
          // Used now: a later createRebuttal of this worker must not draw the same pair (a correct CONFLICT).
          state.usedPairs.add(pairKey(rebut.claim.id, claim.id));
        }
        state.ownClaims.push(claim.id);
      },
    };
  },
};

interface CreateRebuttalData {
  createRebuttal: { id: string; stance: string; claim: { id: string }; counterclaim: { id: string } };
}

const createRebuttal: Operation = {
  name: 'createRebuttal',
  write: true,
  weight: 8,
  query: `mutation CreateRebuttal($input: CreateRebuttalInput!) {
  createRebuttal(input: $input) { id stance rationale claim { id } counterclaim { id text } }
}`,
  prepare(state) {
    if (state.ownClaims.length === 0) return undefined;
    // One of this worker's own claims counters a generated one: the pair is new unless this run used it already.
    const counterclaimId = pick(state, state.ownClaims);
    const claimId = claimIdOf(upTo(state, state.graph.targets));
    if (state.usedPairs.has(pairKey(claimId, counterclaimId))) return undefined;
    state.usedPairs.add(pairKey(claimId, counterclaimId));
    const stance = pick(state, STANCES);
    return {
      variables: { input: { claimId, counterclaimId, stance, rationale: 'bench:load' } },
      check(data) {
        const rebuttal = (data as CreateRebuttalData).createRebuttal;
        const got = { claimId: rebuttal?.claim?.id, counterclaimId: rebuttal?.counterclaim?.id, stance: rebuttal?.stance };
        return typeof rebuttal?.id === 'string' && JSON.stringify(got) === JSON.stringify({ claimId, counterclaimId, stance })
          ? undefined
          : mismatch('createRebuttal', { claimId, counterclaimId, stance }, got);
      },
      acknowledged(data) {
        state.writes.recordRebuttal({ id: (data as CreateRebuttalData).createRebuttal.id, claimId, counterclaimId, stance });
      },
    };
  },
};

interface SetStatusData {
  setClaimReviewStatus: { id: string; reviewStatus: ReviewStatus };
}

const setClaimReviewStatus: Operation = {
  name: 'setClaimReviewStatus',
  write: true,
  weight: 7,
  query: `mutation SetStatus($id: ID!, $status: ReviewStatus!) {
  setClaimReviewStatus(id: $id, status: $status) { id reviewStatus updatedAt }
}`,
  prepare(state) {
    if (state.statusClaims.size === 0) return undefined;
    const [id, from] = pick(state, [...state.statusClaims]);
    // The moves that need no review (PUBLISHED needs one; the bench writes none).
    const status = pick(
      state,
      allowedTransitions(from).filter((to) => !NEEDS_A_REVIEW.has(to)),
    );
    return {
      variables: { id, status },
      check(data) {
        const claim = (data as SetStatusData).setClaimReviewStatus;
        return claim?.id === id && claim.reviewStatus === status
          ? undefined
          : mismatch('setClaimReviewStatus', { id, reviewStatus: status }, claim);
      },
      acknowledged() {
        state.statusClaims.set(id, status);
        state.writes.recordStatus(id, status);
      },
      unacknowledged() {
        // Its status is now unknown (the move may have committed): leave the claim alone from here on.
        state.statusClaims.delete(id);
        state.writes.recordUnacknowledgedStatus(id, status);
      },
    };
  },
};

export const OPERATIONS: readonly Operation[] = [claimPage, list, search, trace, createClaim, createRebuttal, setClaimReviewStatus];

/** The operation of the mix at `u` (0 <= u < 1), by weight. */
export function operationAt(u: number, operations: readonly Operation[] = OPERATIONS): Operation {
  const total = operations.reduce((sum, operation) => sum + operation.weight, 0);
  let at = u * total;
  for (const operation of operations) {
    at -= operation.weight;
    if (at < 0) return operation;
  }
  return operations[operations.length - 1]!;
}
