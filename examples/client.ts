// A small typed GraphQL client on fetch, for the operations graphql-codegen types (examples/gql/). What it adds to
// fetch: the API key header, the result's type from the operation, and GraphQL errors thrown with their codes.
import type { TypedDocumentString } from './gql/graphql';

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** An API key (ctk_…): sent as `Authorization: Bearer <key>`; reads need none unless AUTH_ANONYMOUS_READS=false. */
  apiKey?: string;
}

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

/** A response with errors: `errors[i].extensions.code` is the stable code (BAD_USER_INPUT, FORBIDDEN, ...). */
export class GraphQLRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errors: GraphQLErrorEntry[],
  ) {
    super(errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; '));
  }
}

/** An operation without variables is called without them; one with variables must be given them. */
type VariablesArgument<TVariables> = TVariables extends Record<string, never> ? [variables?: TVariables] : [variables: TVariables];

export interface Client {
  /** POST: queries and mutations. */
  request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...variables: VariablesArgument<TVariables>
  ): Promise<TResult>;
  /**
   * GET, for queries only (a mutation is refused with 405): a URL a proxy or CDN can cache. It sends
   * `apollo-require-preflight: true`: without it (or a JSON content type) Apollo Server's CSRF prevention refuses a GET.
   */
  get<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...variables: VariablesArgument<TVariables>
  ): Promise<TResult>;
}

export function createClient({ url, apiKey }: ClientOptions): Client {
  const headers: Record<string, string> = { accept: 'application/graphql-response+json, application/json' };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;

  async function answer<TResult>(response: Response): Promise<TResult> {
    const body = (await response.json()) as { data?: TResult | null; errors?: GraphQLErrorEntry[] };
    if (body.errors?.length || body.data == null) throw new GraphQLRequestError(response.status, body.errors ?? []);
    return body.data;
  }

  return {
    async request(document, ...[variables]) {
      const body = JSON.stringify({ query: document.toString(), variables });
      return answer(await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body }));
    },
    async get(document, ...[variables]) {
      const query = new URLSearchParams({ query: document.toString() });
      if (variables) query.set('variables', JSON.stringify(variables));
      return answer(await fetch(`${url}?${query.toString()}`, { headers: { ...headers, 'apollo-require-preflight': 'true' } }));
    },
  };
}
