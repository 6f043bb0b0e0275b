// The README's tour with the typed client: every page of the claims example (read with GET), then a claim recorded
// with the ids a query found. Each result is typed from its operation by graphql-codegen.
import type { Client } from './client';
import type { ClaimsQuery } from './gql/graphql';
import { Claims, FindIds, RecordClaim } from './operations';

export async function readAllClaimPages(client: Client): Promise<string[][]> {
  const pages: string[][] = [];
  let after: string | null = null;
  do {
    // Typed by hand only because `after` feeds back into the next request, which TypeScript cannot infer through.
    const { claims }: ClaimsQuery = await client.get(Claims, { after });
    pages.push(claims.edges.map((edge) => `${edge.node.speaker.name}: ${edge.node.text}`));
    after = claims.pageInfo.hasNextPage ? (claims.pageInfo.endCursor ?? null) : null;
  } while (after);
  return pages;
}

/** Records Ryabkov's denial as a rebuttal of Coats's claim (needs an EDITOR key or higher). */
export async function recordDenial(client: Client) {
  const { speaker, claims } = await client.request(FindIds);
  const answered = claims.nodes[0];
  if (!speaker || !answered) throw new Error('the seed corpus is missing: Ryabkov or the claim he answers not found');
  const { createClaim } = await client.request(RecordClaim, { speakerId: speaker.id, claimId: answered.id });
  return createClaim;
}
