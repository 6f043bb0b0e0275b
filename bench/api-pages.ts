// bench:api's two pages, each as claimtrace's GraphQL operation, the same operation in PostGraphile 4's schema
// (aliased so that its response has the very same shape), and the ceiling's one SQL statement building the same
// JSON. The claim page draws its claim from the generated graph's targets (the claims that draw counterclaims).
import type { GraphSpec } from './trace-graph';
import { claimIdOf } from './trace-graph';

export type PageName = 'claimPage' | 'listPage';

export interface Page {
  name: PageName;
  /** The operation name, which the ceiling reads to tell the pages apart. */
  operationName: string;
  claimtrace: string;
  postgraphile: string;
  /** One statement, the operation's `data` as JSON text; $1 is the claim id for the claim page. */
  ceilingSql: string;
  /** The root field the statement's JSON is the value of. */
  rootField: string;
  /** The variables of each distinct request, drawn from the graph. */
  variables(graph: GraphSpec, count: number): Record<string, string>[];
}

const REBUTTALS = 10;
const LIST_SIZE = 50;

const speakerJson = (alias: string, column: string, fields: string) =>
  `(SELECT json_build_object(${fields}) FROM speakers AS ${alias} WHERE ${alias}.id = ${column})`;

export const PAGES: readonly Page[] = [
  {
    name: 'claimPage',
    operationName: 'ClaimPage',
    claimtrace: `query ClaimPage($id: ID!) {
  claim(id: $id) {
    id text
    speaker { id name }
    source { id title }
    rebuttals(first: ${REBUTTALS}) { nodes { id stance counterclaim { id text speaker { id name } } } }
  }
}`,
    postgraphile: `query ClaimPage($id: UUID!) {
  claim: claimById(id: $id) {
    id text
    speaker: speakerBySpeakerId { id name }
    source: sourceBySourceId { id title }
    rebuttals: rebuttalsByClaimId(first: ${REBUTTALS}, orderBy: PRIMARY_KEY_ASC) { nodes { id stance counterclaim: claimByCounterclaimId { id text speaker: speakerBySpeakerId { id name } } } }
  }
}`,
    ceilingSql: `SELECT json_build_object(
  'id', c.id, 'text', c.text,
  'speaker', ${speakerJson('s', 'c.speaker_id', `'id', s.id, 'name', s.name`)},
  'source', (SELECT json_build_object('id', so.id, 'title', so.title) FROM sources AS so WHERE so.id = c.source_id),
  'rebuttals', json_build_object('nodes', (
    SELECT coalesce(json_agg(json_build_object(
      'id', r.id, 'stance', r.stance,
      'counterclaim', (SELECT json_build_object('id', cc.id, 'text', cc.text, 'speaker', ${speakerJson('cs', 'cc.speaker_id', `'id', cs.id, 'name', cs.name`)})
                       FROM claims AS cc WHERE cc.id = r.counterclaim_id)
    ) ORDER BY r.id), '[]'::json)
    FROM (SELECT * FROM rebuttals WHERE claim_id = c.id ORDER BY id LIMIT ${REBUTTALS}) AS r))
)::text AS data FROM claims AS c WHERE c.id = $1`,
    rootField: 'claim',
    variables(graph, count) {
      // Spread over the targets, the biggest hubs (the first numbers) included.
      const step = Math.max(1, Math.floor(graph.targets / count));
      return Array.from({ length: Math.min(count, graph.targets) }, (_, index) => ({ id: claimIdOf(1 + index * step) }));
    },
  },
  {
    name: 'listPage',
    operationName: 'ListPage',
    claimtrace: `query ListPage {
  claims(first: ${LIST_SIZE}) { nodes { id text speaker { name } source { title } } }
}`,
    postgraphile: `query ListPage {
  claims: allClaims(first: ${LIST_SIZE}, orderBy: PRIMARY_KEY_ASC) { nodes { id text speaker: speakerBySpeakerId { name } source: sourceBySourceId { title } } }
}`,
    ceilingSql: `SELECT json_build_object('nodes', coalesce(json_agg(json_build_object(
  'id', c.id, 'text', c.text,
  'speaker', ${speakerJson('s', 'c.speaker_id', `'name', s.name`)},
  'source', (SELECT json_build_object('title', so.title) FROM sources AS so WHERE so.id = c.source_id)
) ORDER BY c.id), '[]'::json))::text AS data FROM (SELECT * FROM claims ORDER BY id LIMIT ${LIST_SIZE}) AS c`,
    rootField: 'claims',
    variables: () => [{}],
  },
];
