// Bounded work at run time: an operation past its time budget is answered OPERATION_TIMEOUT and stops sending SQL, so
// does one whose client disconnects, and a response over the size cap is replaced by RESPONSE_TOO_LARGE.
import type { QueryRows } from '../../src/db/database';
import { createServer, type AppServer } from '../../src/server';
import { makeClaim, makeSpeaker } from '../helpers/factories';
import { postGraphQL, within } from '../helpers/http-client';
import { captureLogs, LOG_LEVEL } from '../helpers/log-capture';
import { startTestServer, type TestServer } from '../helpers/test-server';

const BOUND_MS = 10_000;

// The claims with their speakers and the speakers' claims are one statement through queryRows (held at a gate below);
// the claims' history is read after it through a loader: the statement that must not be sent once the request is
// abandoned.
const NESTED =
  'query Nested { claims(first: 5) { nodes { text speaker { name claims(first: 5) { nodes { text } } } history(first: 5) { nodes { action } } } } }';
const isClaimPageStatement = (sql: string) => /FROM history_entries/i.test(sql);

describe('bounded work', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ seed: true });
  });
  afterAll(() => api.close());

  /** A server over the test database whose queryRows waits at a gate: an operation that reaches it stays in flight. */
  async function gatedServer(operationTimeoutMs: number) {
    let enter!: () => void;
    let open!: () => void;
    let done!: () => void;
    const entered = new Promise<void>((resolve) => (enter = resolve));
    const gate = new Promise<void>((resolve) => (open = resolve));
    const passed = new Promise<void>((resolve) => (done = resolve));
    const queryRows: QueryRows = async (query) => {
      enter();
      await gate;
      try {
        return await api.db.queryRows(query);
      } finally {
        done();
      }
    };
    const logs = captureLogs();
    const server: AppServer = await createServer({
      config: { nodeEnv: 'test', exposeSchema: true, operationTimeoutMs },
      db: { ...api.db, queryRows },
      logger: logs.logger,
    });
    const url = await server.listen(0, '127.0.0.1');
    /** Lets the held statement through, waits for it and for what the server does next. */
    const release = async () => {
      open();
      await passed;
      await new Promise((resolve) => setTimeout(resolve, 200));
    };
    return { server, url, logs, entered, release, open };
  }

  it('sends the nested statement when nothing is abandoned (the control for the tests below)', async () => {
    api.statements.length = 0;
    expect((await api.gql(NESTED)).errors).toBeUndefined();
    expect(api.statements.some(isClaimPageStatement)).toBe(true);
  });

  it('answers OPERATION_TIMEOUT (504) when the budget runs out, logs it, and sends no more SQL for it', async () => {
    const gated = await gatedServer(500);
    try {
      const response = postGraphQL(gated.url, { query: NESTED }, { 'x-request-id': 'slow-1' });
      await within(gated.entered, BOUND_MS, 'reaching the held statement');
      const answered = await within(response, BOUND_MS, 'answering');
      expect(answered.status).toBe(504);
      expect(JSON.parse(answered.body)).toEqual({
        errors: [{ message: expect.stringMatching(/within 500 ms/), extensions: { code: 'OPERATION_TIMEOUT', max: 500 } }],
      });
      const line = await gated.logs.waitFor((candidate) => candidate.requestId === 'slow-1' && candidate.level === LOG_LEVEL.warn);
      expect(line).toMatchObject({ operationName: 'Nested', budgetMs: 500 });

      api.statements.length = 0;
      await gated.release();
      expect(api.statements.length).toBeGreaterThan(0);
      expect(api.statements.filter(isClaimPageStatement)).toEqual([]);
    } finally {
      gated.open();
      await gated.server.stop();
    }
  });

  it('abandons the work of a client that disconnects', async () => {
    const gated = await gatedServer(60_000);
    try {
      const client = new AbortController();
      const response = fetch(`${gated.url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'gone-1' },
        body: JSON.stringify({ query: NESTED }),
        signal: client.signal,
      }).catch((error: unknown) => error);
      await within(gated.entered, BOUND_MS, 'reaching the held statement');
      client.abort();
      expect(await response).toMatchObject({ name: 'AbortError' });
      const line = await gated.logs.waitFor((candidate) => candidate.requestId === 'gone-1' && /client closed/.test(candidate.msg));
      expect(line).toMatchObject({ level: LOG_LEVEL.info, operationName: 'Nested' });

      api.statements.length = 0;
      await gated.release();
      expect(api.statements.length).toBeGreaterThan(0);
      expect(api.statements.filter(isClaimPageStatement)).toEqual([]);
    } finally {
      gated.open();
      await gated.server.stop();
    }
  });

  it('refuses mutations not yet started once the budget has run out', async () => {
    const gated = await gatedServer(500);
    try {
      // The first field reads its speaker's claims' speaker through queryRows, and waits at the gate past the budget.
      const speaker = await makeSpeaker(api.db.prisma);
      await makeClaim(api.db.prisma, { speakerId: speaker.id });
      const response = postGraphQL(
        gated.url,
        {
          query: `mutation Two($id: ID!) { first: updateSpeaker(id: $id, input: { role: "first" }) { claims { nodes { speaker { name } } } } second: updateSpeaker(id: $id, input: { role: "second" }) { role } }`,
          variables: { id: speaker.id },
        },
        { authorization: `Bearer ${api.adminKey}` },
      );
      await within(gated.entered, BOUND_MS, 'reaching the held statement');
      expect((await within(response, BOUND_MS, 'answering')).status).toBe(504);
      await gated.release();
      expect((await api.db.prisma.speaker.findUniqueOrThrow({ where: { id: speaker.id } })).role).toBe('first');
    } finally {
      gated.open();
      await gated.server.stop();
    }
  });
});

describe('the response size cap', () => {
  it('replaces a response over MAX_RESPONSE_BYTES with RESPONSE_TOO_LARGE (400), and logs it', async () => {
    const logs = captureLogs();
    const api = await startTestServer({ seed: true, config: { maxResponseBytes: 2_048 }, logger: logs.logger });
    try {
      const small = await postGraphQL(api.url, { query: '{ claims(first: 2) { nodes { id } } }' });
      expect(small.status).toBe(200);
      const large = await postGraphQL(
        api.url,
        { query: 'query Large { claims(first: 40) { nodes { text } } }' },
        { 'x-request-id': 'large-1' },
      );
      expect(large.status).toBe(400);
      const { errors, data } = JSON.parse(large.body) as {
        errors: { message: string; extensions: Record<string, unknown> }[];
        data?: unknown;
      };
      expect(data).toBeUndefined();
      expect(errors).toEqual([
        {
          message: expect.stringMatching(/larger than 2048 bytes/),
          extensions: { code: 'RESPONSE_TOO_LARGE', max: 2_048, value: expect.any(Number) },
        },
      ]);
      expect(errors[0]!.extensions.value).toBeGreaterThan(2_048);
      const line = await logs.waitFor((candidate) => candidate.requestId === 'large-1' && candidate.level === LOG_LEVEL.warn);
      expect(line).toMatchObject({ operationName: 'Large', bytes: errors[0]!.extensions.value });
    } finally {
      await api.close();
    }
  });

  it('lets a 5,000-claim trace (some 2.6 MB) through under the default cap', async () => {
    const api = await startTestServer();
    try {
      const speaker = await makeSpeaker(api.db.prisma);
      // A root claim rebutted by 4,999 others, written in two statements.
      const claimId = (n: string) => `('00000000-0000-7000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
      await api.db.prisma.$executeRawUnsafe(
        `INSERT INTO claims (id, text, kind, speaker_id, updated_at)
         SELECT ${claimId('n')}, 'Claim ' || n || ': ' || repeat('the treaty was violated, ', 8), 'QUOTE', '${speaker.id}'::uuid, now()
         FROM generate_series(0, 4999) AS n`,
      );
      await api.db.prisma.$executeRawUnsafe(
        `INSERT INTO rebuttals (id, claim_id, counterclaim_id, stance, updated_at)
         SELECT ('00000000-0000-7000-9000-' || lpad(to_hex(n), 12, '0'))::uuid, ${claimId('0')}, ${claimId('n')}, 'REFUTES', now()
         FROM generate_series(1, 4999) AS n`,
      );
      const response = await postGraphQL(api.url, {
        query: `query Trace($claimId: ID!) {
          trace(claimId: $claimId, depth: 1, maxNodes: 5000) {
            truncated
            nodes { depth claim { id text statedAt speaker { name } } }
            edges { id stance claim { id } counterclaim { id } }
          }
        }`,
        variables: { claimId: '00000000-0000-7000-8000-000000000000' },
      });
      expect(response.status).toBe(200);
      const { data } = JSON.parse(response.body) as { data: { trace: { nodes: unknown[]; edges: unknown[] } } };
      expect(data.trace.nodes).toHaveLength(5_000);
      expect(data.trace.edges).toHaveLength(4_999);
      expect(Buffer.byteLength(response.body)).toBeGreaterThan(2_000_000);
    } finally {
      await api.close();
    }
  });
});
