// Idempotency-Key on mutations, over HTTP, on both databases: a retry is answered with the first response and writes
// nothing; the key and the writes commit together or not at all.
import { withPgClient } from '../../src/db/pg-client';
import { makeClaim, makeSpeaker, tableCounts } from '../helpers/factories';
import { serverUrl } from '../helpers/test-database';
import { until } from '../helpers/wait';
import { dataOf, errorCodes, startTestServer, type TestServer } from '../helpers/test-server';

const CREATE_SPEAKER = `mutation ($input: CreateSpeakerInput!) { createSpeaker(input: $input) { id name slug } }`;
const key = (value: string) => ({ 'idempotency-key': value });

describe('Idempotency-Key', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  it('answers a retried mutation with the first response, marked as a replay, and writes once', async () => {
    const variables = { input: { name: 'Ada Retry' } };
    const first = await api.post(CREATE_SPEAKER, variables, key('retry-1'));
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await api.post(CREATE_SPEAKER, variables, key('retry-1'));
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(first.data);
    expect(await api.db.prisma.speaker.count({ where: { name: 'Ada Retry' } })).toBe(1);
    // Variables in another key order are the same request.
    const reordered = await api.post(
      `mutation ($input: CreateSpeakerInput!) { createSpeaker(input: $input) { id name slug } }`,
      { input: { name: 'Ada Retry' } },
      key('retry-1'),
    );
    expect(reordered.headers.get('idempotent-replayed')).toBe('true');
    // Without the key, the same mutation is a new one.
    const plain = await api.post(CREATE_SPEAKER, variables);
    expect(dataOf(plain).createSpeaker.id).not.toBe(dataOf(first).createSpeaker.id);
  });

  it("keeps each API key's Idempotency-Keys apart: another client's same key is a new request", async () => {
    const other = await api.createKey('EDITOR', 'other desk');
    const variables = { input: { name: 'Shared Key Name' } };
    const mine = dataOf(await api.post(CREATE_SPEAKER, variables, key('shared-1'))).createSpeaker;
    const theirs = await api.post(CREATE_SPEAKER, variables, { ...key('shared-1'), authorization: `Bearer ${other}` });
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(dataOf(theirs).createSpeaker.id).not.toBe(mine.id);
    // Each client's retry replays its own first answer.
    const myRetry = await api.post(CREATE_SPEAKER, variables, key('shared-1'));
    expect(myRetry.headers.get('idempotent-replayed')).toBe('true');
    expect(dataOf(myRetry).createSpeaker.id).toBe(mine.id);
    expect(await api.db.prisma.idempotencyKey.count({ where: { key: 'shared-1' } })).toBe(2);
    // A mutation sent without an API key is refused by its role check, with or without an Idempotency-Key.
    const anonymous = await api.post(CREATE_SPEAKER, variables, { ...key('shared-2'), authorization: '' });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(await api.db.prisma.idempotencyKey.count({ where: { key: 'shared-2' } })).toBe(0);
  });

  it('refuses the key sent again with another request (422) and writes nothing', async () => {
    dataOf(await api.post(CREATE_SPEAKER, { input: { name: 'First Use' } }, key('reused-1')));
    const before = await tableCounts(api.db.prisma);
    const reused = await api.post(CREATE_SPEAKER, { input: { name: 'Second Use' } }, key('reused-1'));
    expect(reused.status).toBe(422);
    expect(reused.errors).toEqual([
      { message: expect.stringMatching(/another request/), extensions: { code: 'BAD_USER_INPUT', header: 'Idempotency-Key' } },
    ]);
    const otherOperation = await api.post(`mutation { createSource(input: { title: "Elsewhere" }) { id } }`, {}, key('reused-1'));
    expect(otherOperation.status).toBe(422);
    expect(await tableCounts(api.db.prisma)).toEqual(before);
  });

  it('refuses a malformed key on a mutation (400), and queries ignore the header', async () => {
    for (const malformed of ['', 'has space', 'x'.repeat(256), 'tab\tinside']) {
      const refused = await api.post(CREATE_SPEAKER, { input: { name: 'Malformed' } }, key(malformed));
      expect(refused.status).toBe(400);
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors?.[0]?.extensions?.header).toBe('Idempotency-Key');
    }
    expect(await api.db.prisma.speaker.count({ where: { name: 'Malformed' } })).toBe(0);
    expect(dataOf(await api.post(CREATE_SPEAKER, { input: { name: 'Longest Key' } }, key('k'.repeat(255)))).createSpeaker.name).toBe(
      'Longest Key',
    );
    const query = await api.post('{ speakers { totalCount } }', {}, key('has space'));
    expect(query.status).toBe(200);
    expect(query.headers.get('idempotent-replayed')).toBeNull();
  });

  it('does not hold the key for an attempt that wrote nothing: the corrected request runs', async () => {
    const mutation = `mutation ($input: CreateClaimInput!) { createClaim(input: $input) { id text } }`;
    const failed = await api.post(
      mutation,
      { input: { text: 'Refused', kind: 'QUOTE', speakerId: '00000000-0000-7000-8000-000000000000' } },
      key('failed-1'),
    );
    expect(errorCodes(failed)).toEqual(['BAD_USER_INPUT']);
    const speaker = await makeSpeaker(api.db.prisma);
    const corrected = await api.post(mutation, { input: { text: 'Accepted', kind: 'QUOTE', speakerId: speaker.id } }, key('failed-1'));
    expect(corrected.status).toBe(200);
    expect(dataOf(corrected).createClaim.text).toBe('Accepted');
  });

  it('keeps what one root field wrote when another is refused, and replays that partial answer', async () => {
    const taken = await makeSpeaker(api.db.prisma);
    // The refused field runs first: on PostgreSQL its failed INSERT would abort the transaction the second runs in,
    // were each field not in a savepoint of its own.
    const mutation = `mutation {
      refused: createSpeaker(input: { name: "Duplicate", slug: "${taken.slug}" }) { id }
      created: createSpeaker(input: { name: "Kept Alongside" }) { name }
    }`;
    const first = await api.post(mutation, {}, key('partial-1'));
    expect(first.status).toBe(200);
    expect(errorCodes(first)).toEqual(['CONFLICT']);
    // Both fields are non-null, so the refused one nulls the whole data, as GraphQL has it; the other one's speaker
    // was created all the same, as it is without a key.
    expect(first.data).toBeNull();
    const again = await api.post(mutation, {}, key('partial-1'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect({ data: again.data, errors: again.errors }).toEqual({ data: first.data, errors: first.errors });
    expect(await api.db.prisma.speaker.count({ where: { name: { in: ['Kept Alongside', 'Duplicate'] } } })).toBe(1);
  });

  it("runs the services' own transactions and refusals inside it as they run without it", async () => {
    const speaker = await makeSpeaker(api.db.prisma);
    const claim = await makeClaim(api.db.prisma, { speakerId: speaker.id });
    const refused = await api.post(`mutation ($id: ID!) { deleteSpeaker(id: $id) { id } }`, { id: speaker.id }, key('refused-delete-1'));
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors?.[0]?.message).toMatch(/has 1 claim/);
    const review = await api.post(
      `mutation ($claimId: ID!) { createReview(input: { claimId: $claimId, rating: FALSE, organizationName: "Desk" }) { id } }`,
      { claimId: claim.id },
      key('review-1'),
    );
    const deleted = await api.post(
      `mutation ($id: ID!) { deleteReview(id: $id) { id } }`,
      { id: dataOf(review).createReview.id },
      key('review-delete-1'),
    );
    expect(dataOf(deleted).deleteReview.id).toBe(dataOf(review).createReview.id);
    expect(await api.db.prisma.review.count({ where: { claimId: claim.id } })).toBe(0);
  });

  it('answers a mutation the same with and without a key, relations read inside its transaction included', async () => {
    const speaker = await makeSpeaker(api.db.prisma, { name: 'Answered' });
    const target = await makeClaim(api.db.prisma, { speakerId: speaker.id, text: 'The target' });
    const mutation = `mutation ($input: CreateClaimInput!) {
      createClaim(input: $input) { text speaker { name claims { totalCount } } rebuts { nodes { stance claim { text rebuttals { nodes { counterclaim { text } } } } } } }
    }`;
    const input = (text: string) => ({
      input: { text, kind: 'PARAPHRASE', speakerId: speaker.id, rebuts: [{ claimId: target.id, stance: 'REFUTES' }] },
    });
    const plain = dataOf(await api.post(mutation, input('Same shape')));
    await api.db.prisma.claim.deleteMany({ where: { text: 'Same shape' } });
    const keyed = dataOf(await api.post(mutation, input('Same shape'), key('shape-1')));
    expect(keyed).toEqual(plain);
    expect(keyed.createClaim.rebuts.nodes[0]!.claim.rebuttals.nodes).toEqual([{ counterclaim: { text: 'Same shape' } }]);
  });

  it('lets an expired key be used again, and deletes expired keys lazily', async () => {
    dataOf(await api.post(CREATE_SPEAKER, { input: { name: 'Before Expiry' } }, key('expiring-1')));
    dataOf(await api.post(CREATE_SPEAKER, { input: { name: 'Long Gone' } }, key('expiring-2')));
    await api.db.prisma.idempotencyKey.updateMany({
      where: { key: { in: ['expiring-1', 'expiring-2'] } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const reused = await api.post(CREATE_SPEAKER, { input: { name: 'After Expiry' } }, key('expiring-1'));
    expect(reused.status).toBe(200);
    expect(reused.headers.get('idempotent-replayed')).toBeNull();
    expect(dataOf(reused).createSpeaker.name).toBe('After Expiry');
    expect(await api.db.prisma.idempotencyKey.findFirst({ where: { key: 'expiring-2' } })).toBeNull();
    const kept = await api.db.prisma.idempotencyKey.findFirst({ where: { key: 'expiring-1' } });
    expect(kept?.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('records the key in the same transaction as the writes: a commit that fails leaves neither, and does not answer success', async () => {
    // A deferred constraint trigger fails the COMMIT itself, after the mutation and the key row were both written.
    await api.db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'commit refused for the test'; END $$`);
    await api.db.prisma.$executeRawUnsafe(`
      CREATE CONSTRAINT TRIGGER fail_commit AFTER INSERT ON idempotency_keys DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW.key = 'commit-fails') EXECUTE FUNCTION fail_commit()`);
    try {
      const failed = await api.post(CREATE_SPEAKER, { input: { name: 'Never Committed' } }, key('commit-fails'));
      expect(failed.status).toBe(500);
      expect(failed.data ?? null).toBeNull();
      expect(errorCodes(failed)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(await api.db.prisma.speaker.count({ where: { name: 'Never Committed' } })).toBe(0);
      expect(await api.db.prisma.idempotencyKey.count({ where: { key: 'commit-fails' } })).toBe(0);
    } finally {
      await api.db.prisma.$executeRawUnsafe('DROP TRIGGER fail_commit ON idempotency_keys');
      await api.db.prisma.$executeRawUnsafe('DROP FUNCTION fail_commit()');
    }
    const retried = await api.post(CREATE_SPEAKER, { input: { name: 'Never Committed' } }, key('commit-fails'));
    expect(retried.status).toBe(200);
    expect(await api.db.prisma.speaker.count({ where: { name: 'Never Committed' } })).toBe(1);
  });

  it('runs one of two concurrent requests with one key; the other is refused while it runs (PostgreSQL) or replays it (embedded)', async () => {
    const send = () => api.post(CREATE_SPEAKER, { input: { name: 'Concurrent' } }, key('concurrent-1'));
    if (!serverUrl()) {
      // The embedded database runs one transaction at a time: the second waits for the first, then replays it.
      const answers = await Promise.all([send(), send()]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect(answers.map((answer) => answer.headers.get('idempotent-replayed')).sort()).toEqual([null, 'true']);
      expect(answers[0].data).toEqual(answers[1].data);
      expect(await api.db.prisma.speaker.count({ where: { name: 'Concurrent' } })).toBe(1);
      return;
    }
    // Another session holds the speakers table, so the first request waits in its INSERT, key lock taken.
    await withPgClient(api.db.url!, async (admin) => {
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE speakers IN SHARE MODE');
      const first = send();
      try {
        await until(async () => {
          const { rows } = await admin.query<{ held: number }>(
            `SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()`,
          );
          return rows[0]!.held > 0;
        });
        const second = await send();
        expect(second.status).toBe(409);
        expect(second.errors).toEqual([
          { message: expect.stringMatching(/still running/), extensions: { code: 'CONFLICT', header: 'Idempotency-Key' } },
        ]);
      } finally {
        await admin.query('ROLLBACK');
      }
      const answered = await first;
      expect(answered.status).toBe(200);
      const third = await send();
      expect(third.headers.get('idempotent-replayed')).toBe('true');
      expect(third.data).toEqual(answered.data);
    });
    expect(await api.db.prisma.speaker.count({ where: { name: 'Concurrent' } })).toBe(1);
  });
});
