// Database faults, caused the ways a test can without touching the machine's PostgreSQL: its sessions terminated
// under load (57P01, what a restart or a failover sends), the connection cut or stalled through a TCP proxy, a
// statement held past the statement timeout. The embedded database runs in the process, with no connection to lose:
// there only the health endpoints apply.
import net from 'node:net';
import { startTcpProxy, urlThroughProxy, type TcpProxy } from '../../bench/tcp-proxy';
import { withPgClient } from '../../src/db/pg-client';
import { Prisma } from '../../src/generated/prisma/client';
import { makeClaim, makeSpeaker } from '../helpers/factories';
import { captureLogs, type LogLine } from '../helpers/log-capture';
import { serverUrl } from '../helpers/test-database';
import { dataOf, errorCodes, startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';
import { until } from '../helpers/wait';

const onPostgres = serverUrl() ? describe : describe.skip;

/** Each error code once: a request that fails in several fields fails the same way in each. */
const distinctCodes = (response: GraphQLResponse<unknown>) => [...new Set(errorCodes(response))];

const CREATE_CLAIM = `mutation ($input: CreateClaimInput!) { createClaim(input: $input) { id } }`;
const CLAIM_PAGE = `{ claims(first: 20) { totalCount nodes { id text speaker { name } rebuts { nodes { claim { text } } } } } }`;
const CREATE_REVIEW = `mutation ($input: CreateReviewInput!) { createReview(input: $input) { id } }`;
const DELETE_REVIEW = `mutation ($id: ID!) { deleteReview(id: $id) { id } }`;

/**
 * Clients sending a mix of reads and writes (claims with their rebuttals, which Prisma writes in a transaction; reviews
 * created and deleted, the delete an interactive transaction) until stopped. Keeps every acknowledged claim id and
 * every failed response.
 */
function startLoad(api: TestServer, clients: number, speakerId: string, claimId: string) {
  const acknowledged: string[] = [];
  const failed: GraphQLResponse<unknown>[] = [];
  let succeeded = 0;
  let running = true;
  const note = (response: GraphQLResponse<unknown>): boolean => {
    if (response.errors?.length) failed.push(response);
    else succeeded += 1;
    return !response.errors?.length;
  };
  const client = async (n: number) => {
    for (let i = 0; running; i += 1) {
      const created = await api.gql<{ createClaim: { id: string } }>(CREATE_CLAIM, {
        input: { text: `load ${n}.${i}`, kind: 'QUOTE', speakerId, rebuts: [{ claimId, stance: 'DISPUTES' }] },
      });
      if (note(created) && created.data) acknowledged.push(created.data.createClaim.id);
      note(await api.gql(CLAIM_PAGE));
      const review = await api.gql<{ createReview: { id: string } }>(CREATE_REVIEW, {
        input: { claimId, rating: 'MIXED', organizationName: `desk ${n}` },
      });
      if (note(review) && review.data) note(await api.gql(DELETE_REVIEW, { id: review.data.createReview.id }));
    }
  };
  const clientsDone = Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  return {
    acknowledged,
    failed,
    get succeeded() {
      return succeeded;
    },
    async stop() {
      running = false;
      await clientsDone;
    },
  };
}

/**
 * What a failed request must look like: SERVICE_UNAVAILABLE only, and HTTP 503 when it returned no data at all. An
 * internal error is masked in the response, so a failure names the unexpected errors the server logged.
 */
function expectServiceUnavailable(failed: GraphQLResponse<unknown>[], logged: LogLine[]): void {
  const unexpected = logged
    .filter((entry) => /^unexpected error/.test(entry.msg) || entry.msg === 'HTTP request failed')
    .map((entry) => `${entry.msg}: ${entry.err?.type ?? ''} ${entry.err?.code ?? ''} ${entry.err?.message ?? ''}`);
  for (const response of failed) {
    expect({ codes: distinctCodes(response), unexpected }).toEqual({ codes: ['SERVICE_UNAVAILABLE'], unexpected: [] });
    if (response.data == null) expect(response.status).toBe(503);
  }
}

const connectionFaults = (entries: LogLine[]) => entries.filter((entry) => /PostgreSQL connection failed/.test(entry.msg));
const requestFaults = (entries: LogLine[]) =>
  entries.filter((entry) => entry.msg === 'database fault in a GraphQL operation: SERVICE_UNAVAILABLE');

async function health(api: TestServer, path: string) {
  const response = await fetch(`${api.url}${path.slice(1)}`);
  return { status: response.status, body: (await response.json()) as { status: string; database?: { status: string } } };
}

describe('health endpoints', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  it('answer liveness without the database, and readiness and /health with it', async () => {
    expect(await health(api, '/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await health(api, '/health/ready');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ok', database: { status: 'up', kind: api.db.kind } } });
    expect(await health(api, '/health')).toMatchObject({ status: 200, body: { status: 'ok', database: { status: 'up' } } });
  });
});

onPostgres('PostgreSQL sessions terminated under load', () => {
  const logs = captureLogs();
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ logger: logs.logger, postgres: { poolSize: 10 } });
  });
  afterAll(() => api.close());

  it('cost no crash and no acknowledged write; what failed is SERVICE_UNAVAILABLE, logged, and each lost connection is logged once', async () => {
    const speaker = await makeSpeaker(api.db.prisma);
    const target = await makeClaim(api.db.prisma, { speakerId: speaker.id });
    const load = startLoad(api, 64, speaker.id, target.id);
    let terminated = 0;
    for (let round = 0; round < 10; round += 1) {
      const before = load.succeeded;
      await until(() => load.succeeded >= before + 40);
      // From a connection of its own, every other session of the test database: exactly the 57P01 a restart sends.
      terminated += await withPgClient(api.db.url!, async (admin) => {
        const { rows } = await admin.query<{ count: number }>(
          'SELECT count(pg_terminate_backend(pid))::int AS count FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        return rows[0]!.count;
      });
    }
    await load.stop();

    expect(terminated).toBeGreaterThan(0);
    expect(load.failed.length).toBeGreaterThan(0);
    expectServiceUnavailable(load.failed, logs.lines);
    expect(await api.db.prisma.claim.count({ where: { id: { in: load.acknowledged } } })).toBe(load.acknowledged.length);
    expect(requestFaults(logs.lines).length).toBeGreaterThanOrEqual(load.failed.length);
    const lost = connectionFaults(logs.lines);
    expect(lost.length).toBeGreaterThan(0);
    expect(new Set(lost.map((entry) => entry.connection)).size).toBe(lost.length);
    // And it goes on serving.
    // At least those (a write whose answer was lost with its session may have committed too).
    expect(dataOf(await api.gql<{ claims: { totalCount: number } }>(CLAIM_PAGE)).claims.totalCount).toBeGreaterThan(
      load.acknowledged.length,
    );
    expect((await health(api, '/health/ready')).status).toBe(200);
  });
});

onPostgres('a database outage through a TCP proxy', () => {
  const logs = captureLogs();
  let proxy: TcpProxy;
  let api: TestServer;
  beforeAll(async () => {
    const target = new URL(serverUrl()!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    // Short, but not so short that a connection (or a statement) this busy machine is slow to serve counts as an outage.
    api = await startTestServer({
      logger: logs.logger,
      postgres: { connectVia: (url) => urlThroughProxy(url, proxy), connectTimeoutMs: 1_500, statementTimeoutMs: 1_000 },
    });
  });
  afterAll(async () => {
    await api.close();
    await proxy.close();
  });

  it('cut mid-query: requests fail with SERVICE_UNAVAILABLE, health says so, and it serves again by itself once restored', async () => {
    const speaker = await makeSpeaker(api.db.prisma);
    const target = await makeClaim(api.db.prisma, { speakerId: speaker.id });
    const load = startLoad(api, 16, speaker.id, target.id);
    await until(() => load.succeeded >= 50);
    proxy.cut();

    const read = await api.gql(CLAIM_PAGE);
    expect(read).toMatchObject({ status: 503, data: null });
    expect(distinctCodes(read)).toEqual(['SERVICE_UNAVAILABLE']);
    const write = await api.gql(CREATE_CLAIM, { input: { text: 'during the outage', kind: 'QUOTE', speakerId: speaker.id } });
    expect(write.status).toBe(503);
    expect(distinctCodes(write)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(await health(api, '/health')).toEqual({
      status: 503,
      body: { status: 'unavailable', database: { status: 'down', kind: 'postgres' } },
    });
    expect((await health(api, '/health/ready')).status).toBe(503);
    expect(await health(api, '/health/live')).toEqual({ status: 200, body: { status: 'ok' } });

    proxy.restore();
    // It serves again with no restart and no help, well within 5 s (in practice the next request reconnects).
    await until(async () => (await api.gql(CLAIM_PAGE)).status === 200, 5_000);
    await load.stop();
    expect((await health(api, '/health/ready')).status).toBe(200);

    expect(load.failed.length).toBeGreaterThan(0);
    expectServiceUnavailable(load.failed, logs.lines);
    expect(await api.db.prisma.claim.count({ where: { id: { in: load.acknowledged } } })).toBe(load.acknowledged.length);
    expect(requestFaults(logs.lines).length).toBeGreaterThanOrEqual(load.failed.length + 2);
  });

  it('stalled (a partition: nothing answers, nothing closes): requests fail at the query or connect timeout, never hang', async () => {
    dataOf(await api.gql(CLAIM_PAGE)); // leaves an open connection in the pool, to be caught mid-partition
    proxy.stall();
    const timedOut = (pattern: RegExp) => requestFaults(logs.lines).filter((entry) => pattern.test(entry.err?.message ?? '')).length;
    const during: GraphQLResponse[] = [];
    // The open connection takes the first request, which waits out query_timeout; new connections then time out.
    await until(async () => {
      during.push(await api.gql(CLAIM_PAGE));
      return timedOut(/^Query read timeout$/) > 0 && timedOut(/connection timeout|timeout exceeded when trying to connect/) > 0;
    });
    expect(during.map((response) => response.status)).toEqual(during.map(() => 503));
    expectServiceUnavailable(during, logs.lines);
    expect((await health(api, '/health/ready')).status).toBe(503);

    proxy.restore();
    await until(async () => (await api.gql(CLAIM_PAGE)).status === 200, 5_000);
  });

  it('a mutation sent with an Idempotency-Key during the outage holds no key: the retry after it writes once', async () => {
    const speaker = await makeSpeaker(api.db.prisma);
    const send = () =>
      api.post(
        CREATE_CLAIM,
        { input: { text: 'retried after the outage', kind: 'QUOTE', speakerId: speaker.id } },
        { 'idempotency-key': 'outage-1' },
      );
    proxy.cut();
    const during = await send();
    expect(during.status).toBe(503);
    expect(distinctCodes(during)).toEqual(['SERVICE_UNAVAILABLE']);
    proxy.restore();
    await until(async () => (await api.gql(CLAIM_PAGE)).status === 200, 5_000);

    const first = await send();
    expect(first.status).toBe(200);
    const again = await send();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(first.data);
    expect(await api.db.prisma.claim.count({ where: { text: 'retried after the outage' } })).toBe(1);
  });
});

onPostgres('PostgreSQL not running at all', () => {
  let api: TestServer;
  beforeAll(async () => {
    // A port nothing listens on any more: every connection is refused (ECONNREFUSED), as when the server is stopped.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    api = await startTestServer({ postgres: { connectVia: (url) => urlThroughProxy(url, { port }) } });
  });
  afterAll(() => api.close());

  it('answers SERVICE_UNAVAILABLE (503) at once, and /health and readiness say so', async () => {
    const read = await api.gql(CLAIM_PAGE, {}, null);
    expect(read).toMatchObject({ status: 503, data: null });
    expect(distinctCodes(read)).toEqual(['SERVICE_UNAVAILABLE']);
    // With a key, its check cannot reach the database either: refused before the operation runs, with Retry-After.
    const withKey = await api.post(CLAIM_PAGE);
    expect(withKey.status).toBe(503);
    expect(withKey.headers.get('retry-after')).toBe('1');
    expect(withKey.data).toBeUndefined();
    expect(distinctCodes(withKey)).toEqual(['SERVICE_UNAVAILABLE']);
    const write = await api.post(
      CREATE_CLAIM,
      { input: { text: 'nowhere', kind: 'QUOTE', speakerId: '00000000-0000-7000-8000-000000000000' } },
      { 'idempotency-key': 'down-1' },
    );
    expect(write.status).toBe(503);
    expect(distinctCodes(write)).toEqual(['SERVICE_UNAVAILABLE']);
    expect((await health(api, '/health')).status).toBe(503);
    expect((await health(api, '/health/ready')).status).toBe(503);
    expect((await health(api, '/health/live')).status).toBe(200);
  });
});

onPostgres('the statement timeout', () => {
  const logs = captureLogs();
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ logger: logs.logger, postgres: { statementTimeoutMs: 300 } });
  });
  afterAll(() => api.close());

  it("is set on the pool's connections", async () => {
    expect(await api.db.queryRows<{ statement_timeout: string }>(Prisma.sql`SHOW statement_timeout`)).toEqual([
      { statement_timeout: '300ms' },
    ]);
  });

  it('stops a statement that runs past it: OPERATION_TIMEOUT, logged, nothing written', async () => {
    // Another session holds the table, so the statements wait on it past the timeout.
    const [read, write] = await withPgClient(api.db.url!, async (admin) => {
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE speakers IN ACCESS EXCLUSIVE MODE');
      try {
        return [
          await api.gql('{ speakers { totalCount } }'),
          await api.gql('mutation { createSpeaker(input: { name: "Too late" }) { id } }'),
        ];
      } finally {
        await admin.query('ROLLBACK');
      }
    });
    for (const response of [read, write]) {
      expect(distinctCodes(response)).toEqual(['OPERATION_TIMEOUT']);
      expect(response.data).toBeNull();
    }
    expect(logs.lines.filter((entry) => entry.msg === 'database fault in a GraphQL operation: OPERATION_TIMEOUT')).toHaveLength(2);
    expect(await api.db.prisma.speaker.count({ where: { name: 'Too late' } })).toBe(0);
    expect(dataOf(await api.gql('{ speakers { totalCount } }'))).toEqual({ speakers: { totalCount: 0 } });
  });
});
