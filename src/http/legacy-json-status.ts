// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/#sec-application-json): to a client that asks
// for the legacy `application/json` media type, a server SHOULD answer a request error (the document does not parse
// or validate, a variable does not coerce, no operation by that name) with 200 and the errors in the body, such
// clients not reading statuses; to one that accepts `application/graphql-response+json`, with 4xx. Apollo answers 400
// to both: the server gives 200 to the first kind. A request with no Accept header, or `*/*`, keeps its 400 (the
// status says what happened to curl users and status-reading clients; the spec's audit checks only the explicit
// `Accept: application/json`). Refused operations (OPERATION_TOO_COMPLEX) are validation failures and count too.
import type { GraphQLFormattedError } from 'graphql';

const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'OPERATION_TOO_COMPLEX',
]);

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/**
 * Whether an Accept header names application/json and prefers it to application/graphql-response+json: by quality,
 * then by order (as Apollo's content negotiation decides between the two). Wildcards name neither.
 */
export function prefersLegacyJson(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  // The quality of each of the two types where first named; a type named first wins a tie.
  let json: number | undefined;
  let graphqlResponse: number | undefined;
  let jsonFirst = false;
  for (const range of accept.split(',')) {
    const [type = '', ...parameters] = range.split(';');
    const media = type.trim().toLowerCase();
    if (media !== JSON_TYPE && media !== GRAPHQL_RESPONSE_TYPE) continue;
    const q = parameters.map((parameter) => parameter.trim().toLowerCase()).find((parameter) => parameter.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    if (media === JSON_TYPE && json === undefined) {
      json = quality;
      jsonFirst = graphqlResponse === undefined;
    } else if (media === GRAPHQL_RESPONSE_TYPE) {
      graphqlResponse ??= quality;
    }
  }
  if (json === undefined || !(json > 0)) return false;
  return graphqlResponse === undefined || json > graphqlResponse || (json === graphqlResponse && jsonFirst);
}

/**
 * The status to send for a response of `status` with these errors: 200 instead of 400 when every error is a request
 * error and the client prefers application/json.
 */
export function legacyJsonStatus(status: number, errors: readonly GraphQLFormattedError[] | undefined, accept: string | undefined): number {
  if (status !== 400 || !errors?.length) return status;
  if (!errors.every((error) => REQUEST_ERROR_CODES.has(error.extensions?.code as string))) return status;
  return prefersLegacyJson(accept) ? 200 : status;
}
