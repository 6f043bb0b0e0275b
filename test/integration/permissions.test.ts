// Every mutation against every role, on both databases: allowed (it runs), or refused with UNAUTHENTICATED (no key)
// or FORBIDDEN naming the least role needed, and a refused one writes nothing, history included. The expectations come
// from one table here, written out by hand rather than read from src/auth/permissions.ts, so that a change to the
// permission table fails this test until the change is meant (and this table says it too).
import { makeClaim, makeRebuttal, makeSource, makeSpeaker, tableCounts } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/test-server';
import type { Role } from '../../src/auth/roles';
import type { PrismaClient } from '../../src/generated/prisma/client';

type Caller = 'anonymous' | Role;
const CALLERS: readonly Caller[] = ['anonymous', 'VIEWER', 'EDITOR', 'REVIEWER', 'PUBLISHER', 'ADMIN'];

interface Case {
  /** The mutation, and what makes this case differ when one mutation has several. */
  name: string;
  /** The least role allowed. */
  needs: Role;
  /** The mutation's own role, when the record asks for more (`needs`): a caller below it is refused naming it. */
  gate?: Role;
  query: string;
  /** Makes fresh records for one call and returns its variables. */
  prepare(prisma: PrismaClient): Promise<Record<string, unknown>>;
}

let sequence = 0;
const unique = () => `${process.pid}-${(sequence += 1)}`;

const claimOf = async (prisma: PrismaClient) => makeClaim(prisma, { speakerId: (await makeSpeaker(prisma)).id });
/** A claim's first appearance, which the database makes with the claim's source. */
const appearanceOf = async (prisma: PrismaClient) => {
  const claim = await makeClaim(prisma, {
    speakerId: (await makeSpeaker(prisma)).id,
    sourceId: (await makeSource(prisma)).id,
    text: 'said so',
  });
  return prisma.appearance.findFirstOrThrow({ where: { claimId: claim.id } });
};
const reviewOf = (prisma: PrismaClient, claimId: string) =>
  prisma.review.create({ data: { claimId, rating: 'FALSE', organizationName: 'Desk' } });
/** A PUBLISHED claim with one review. */
async function publishedClaim(prisma: PrismaClient) {
  const claim = await claimOf(prisma);
  const review = await reviewOf(prisma, claim.id);
  await prisma.claim.update({ where: { id: claim.id }, data: { reviewStatus: 'PUBLISHED' } });
  return { claim, review };
}

const CASES: Case[] = [
  {
    name: 'createSpeaker',
    needs: 'EDITOR',
    query: 'mutation ($name: String!) { createSpeaker(input: { name: $name }) { id } }',
    prepare: async () => ({ name: `Speaker ${unique()}` }),
  },
  {
    name: 'updateSpeaker',
    needs: 'EDITOR',
    query: 'mutation ($id: ID!) { updateSpeaker(id: $id, input: { role: "Spokesperson" }) { id } }',
    prepare: async (p) => ({ id: (await makeSpeaker(p)).id }),
  },
  {
    name: 'deleteSpeaker',
    needs: 'ADMIN',
    query: 'mutation ($id: ID!) { deleteSpeaker(id: $id) { id } }',
    prepare: async (p) => ({ id: (await makeSpeaker(p)).id }),
  },
  {
    name: 'createSource',
    needs: 'EDITOR',
    query: 'mutation ($title: String!) { createSource(input: { title: $title }) { id } }',
    prepare: async () => ({ title: `Source ${unique()}` }),
  },
  {
    name: 'updateSource',
    needs: 'EDITOR',
    query: 'mutation ($id: ID!) { updateSource(id: $id, input: { publisher: "Wire" }) { id } }',
    prepare: async (p) => ({ id: (await makeSource(p)).id }),
  },
  {
    name: 'deleteSource',
    needs: 'ADMIN',
    query: 'mutation ($id: ID!) { deleteSource(id: $id) { id } }',
    prepare: async (p) => ({ id: (await makeSource(p)).id }),
  },
  {
    name: 'createClaim',
    needs: 'EDITOR',
    query: 'mutation ($speakerId: ID!) { createClaim(input: { text: "Said so", kind: QUOTE, speakerId: $speakerId }) { id } }',
    prepare: async (p) => ({ speakerId: (await makeSpeaker(p)).id }),
  },
  {
    name: 'updateClaim',
    needs: 'EDITOR',
    query: 'mutation ($id: ID!) { updateClaim(id: $id, input: { text: "Said otherwise" }) { id } }',
    prepare: async (p) => ({ id: (await claimOf(p)).id }),
  },
  {
    name: 'updateClaim of a published claim, with a reason',
    needs: 'PUBLISHER',
    gate: 'EDITOR',
    query: 'mutation ($id: ID!) { updateClaim(id: $id, input: { text: "Said otherwise" }, reason: "Misquoted") { id } }',
    prepare: async (p) => ({ id: (await publishedClaim(p)).claim.id }),
  },
  {
    name: 'deleteClaim',
    needs: 'ADMIN',
    query: 'mutation ($id: ID!) { deleteClaim(id: $id) { id } }',
    prepare: async (p) => ({ id: (await claimOf(p)).id }),
  },
  {
    name: 'createRebuttal',
    needs: 'EDITOR',
    query:
      'mutation ($claimId: ID!, $counterclaimId: ID!) { createRebuttal(input: { claimId: $claimId, counterclaimId: $counterclaimId, stance: REFUTES }) { id } }',
    prepare: async (p) => ({ claimId: (await claimOf(p)).id, counterclaimId: (await claimOf(p)).id }),
  },
  {
    name: 'updateRebuttal',
    needs: 'EDITOR',
    query: 'mutation ($id: ID!) { updateRebuttal(id: $id, input: { stance: DISPUTES }) { id } }',
    prepare: async (p) => ({ id: (await makeRebuttal(p, (await claimOf(p)).id, (await claimOf(p)).id)).id }),
  },
  {
    name: 'deleteRebuttal',
    needs: 'ADMIN',
    query: 'mutation ($id: ID!) { deleteRebuttal(id: $id) { id } }',
    prepare: async (p) => ({ id: (await makeRebuttal(p, (await claimOf(p)).id, (await claimOf(p)).id)).id }),
  },
  {
    name: 'addAppearance',
    needs: 'EDITOR',
    query: 'mutation ($claimId: ID!, $sourceId: ID!) { addAppearance(input: { claimId: $claimId, sourceId: $sourceId }) { id } }',
    prepare: async (p) => ({ claimId: (await claimOf(p)).id, sourceId: (await makeSource(p)).id }),
  },
  {
    name: 'updateAppearance',
    needs: 'EDITOR',
    query: 'mutation ($id: ID!) { updateAppearance(id: $id, input: { anchor: { exact: "said so" } }) { id } }',
    prepare: async (p) => ({ id: (await appearanceOf(p)).id }),
  },
  {
    name: 'removeAppearance',
    needs: 'EDITOR',
    query: 'mutation ($id: ID!) { removeAppearance(id: $id) { id } }',
    prepare: async (p) => ({ id: (await appearanceOf(p)).id }),
  },
  {
    name: 'setSourceContent',
    needs: 'EDITOR',
    query: 'mutation ($sourceId: ID!) { setSourceContent(input: { sourceId: $sourceId, content: "It said so." }) { id } }',
    prepare: async (p) => ({ sourceId: (await makeSource(p)).id }),
  },
  {
    name: 'createReview',
    needs: 'REVIEWER',
    query: 'mutation ($claimId: ID!) { createReview(input: { claimId: $claimId, rating: FALSE, organizationName: "Desk" }) { id } }',
    prepare: async (p) => ({ claimId: (await claimOf(p)).id }),
  },
  {
    name: 'createReview on a published claim, with a reason',
    needs: 'PUBLISHER',
    gate: 'REVIEWER',
    query:
      'mutation ($claimId: ID!) { createReview(input: { claimId: $claimId, rating: TRUE, organizationName: "Other Desk" }, reason: "Second opinion") { id } }',
    prepare: async (p) => ({ claimId: (await publishedClaim(p)).claim.id }),
  },
  {
    name: 'updateReview',
    needs: 'REVIEWER',
    query: 'mutation ($id: ID!) { updateReview(id: $id, input: { summary: "Checked" }) { id } }',
    prepare: async (p) => ({ id: (await reviewOf(p, (await claimOf(p)).id)).id }),
  },
  {
    name: 'updateReview of a published claim, with a reason',
    needs: 'PUBLISHER',
    gate: 'REVIEWER',
    query: 'mutation ($id: ID!) { updateReview(id: $id, input: { rating: MOSTLY_FALSE }, reason: "New figures") { id } }',
    prepare: async (p) => ({ id: (await publishedClaim(p)).review.id }),
  },
  {
    name: 'deleteReview',
    needs: 'ADMIN',
    query: 'mutation ($id: ID!) { deleteReview(id: $id) { id } }',
    prepare: async (p) => ({ id: (await reviewOf(p, (await claimOf(p)).id)).id }),
  },
  {
    name: 'setClaimReviewStatus to IN_REVIEW',
    needs: 'REVIEWER',
    query: 'mutation ($id: ID!) { setClaimReviewStatus(id: $id, status: IN_REVIEW) { id } }',
    prepare: async (p) => ({ id: (await claimOf(p)).id }),
  },
  {
    name: 'setClaimReviewStatus to PUBLISHED',
    needs: 'PUBLISHER',
    gate: 'REVIEWER',
    query: 'mutation ($id: ID!) { setClaimReviewStatus(id: $id, status: PUBLISHED) { id } }',
    prepare: async (p) => {
      const claim = await claimOf(p);
      await reviewOf(p, claim.id);
      await p.claim.update({ where: { id: claim.id }, data: { reviewStatus: 'REVIEWED' } });
      return { id: claim.id };
    },
  },
  {
    name: 'setClaimReviewStatus retracting a published claim, with a reason',
    needs: 'PUBLISHER',
    gate: 'REVIEWER',
    query: 'mutation ($id: ID!) { setClaimReviewStatus(id: $id, status: IN_REVIEW, reason: "Source withdrawn") { id } }',
    prepare: async (p) => ({ id: (await publishedClaim(p)).claim.id }),
  },
  {
    name: 'createApiKey',
    needs: 'ADMIN',
    query: 'mutation ($name: String!) { createApiKey(input: { name: $name, role: VIEWER }) { key } }',
    prepare: async () => ({ name: `Key ${unique()}` }),
  },
  {
    name: 'revokeApiKey',
    needs: 'ADMIN',
    query: 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }',
    prepare: async (p) => ({
      id: (
        await p.apiKey.create({ data: { name: 'to revoke', role: 'VIEWER', lookupId: unique(), secretSha256: '00', createdBy: 'test' } })
      ).id,
    }),
  },
];

const RANKS: readonly Role[] = ['VIEWER', 'EDITOR', 'REVIEWER', 'PUBLISHER', 'ADMIN'];
const allowed = (caller: Caller, needs: Role) => caller !== 'anonymous' && RANKS.indexOf(caller) >= RANKS.indexOf(needs);

async function writtenState(prisma: PrismaClient) {
  const [history, reviews, apiKeys] = await Promise.all([prisma.historyEntry.count(), prisma.review.count(), prisma.apiKey.count()]);
  return { ...(await tableCounts(prisma)), history, reviews, apiKeys };
}

describe('permissions: every mutation against every role', () => {
  let api: TestServer;
  const keys = new Map<Caller, string | null>();
  beforeAll(async () => {
    api = await startTestServer();
    keys.set('anonymous', null);
    for (const role of RANKS) keys.set(role, await api.createKey(role));
  });
  afterAll(() => api.close());

  it('covers every mutation of the schema', async () => {
    const { data } = await api.gql<{ __type: { fields: { name: string }[] } }>('{ __type(name: "Mutation") { fields { name } } }');
    const covered = new Set(CASES.map((testCase) => testCase.name.split(' ')[0]));
    expect(data!.__type.fields.map((field) => field.name).sort()).toEqual([...covered].sort());
  });

  describe.each(CASES)('$name', (testCase) => {
    it.each(CALLERS)('as %s', async (caller) => {
      const variables = await testCase.prepare(api.db.prisma);
      const before = await writtenState(api.db.prisma);
      const response = await api.gql(testCase.query, variables, keys.get(caller));
      if (allowed(caller, testCase.needs)) {
        expect(response.errors).toBeUndefined();
        expect(Object.values(response.data ?? {})[0]).not.toBeNull();
        return;
      }
      expect(response.data ?? null).toBeNull();
      expect(response.errors).toHaveLength(1);
      const [error] = response.errors!;
      if (caller === 'anonymous') {
        expect(error!.extensions).toEqual({ code: 'UNAUTHENTICATED' });
        expect(response.status).toBe(401);
      } else {
        const requiredRole = testCase.gate && !allowed(caller, testCase.gate) ? testCase.gate : testCase.needs;
        expect(error!.extensions).toEqual({ code: 'FORBIDDEN', requiredRole });
        expect(error!.message).toContain(requiredRole);
        expect(response.status).toBe(403);
      }
      expect(await writtenState(api.db.prisma)).toEqual(before);
    });
  });
});
