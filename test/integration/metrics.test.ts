// /metrics: Prometheus text with requests by operation and outcome, latency, the database pool and process metrics.
import { postGraphQL, request } from '../helpers/http-client';
import { makeClaim, makeRebuttal, makeSpeaker } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** The value of one series in Prometheus text, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2] === undefined ? [] : match[2].split(/,(?=\w+=")/);
    if (wanted.length === present.length && wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return undefined;
}

describe('/metrics', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ seed: true, config: { nodeEnv: 'production', exposeSchema: false } });
  });
  afterAll(() => api.close());

  const scrape = async () => {
    const response = await request(`${api.url}metrics`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.body;
  };

  it('counts requests by operation, outcome and code, and times them', async () => {
    for (let run = 0; run < 3; run += 1) await postGraphQL(api.url, { query: 'query Speakers { speakers { totalCount } }' });
    await postGraphQL(api.url, { query: '{ speakers { totalCount } }' });
    await postGraphQL(api.url, { query: 'query Typo { speakers { shoeSize } }' });
    await postGraphQL(api.url, { query: '{ __typename }', operationName: 'NotInTheDocument' });
    await request(`${api.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    await api.db.prisma.$executeRawUnsafe('ALTER TABLE claims RENAME TO claims_gone');
    try {
      await postGraphQL(api.url, { query: 'query Broken { claims { nodes { text } } }' });
    } finally {
      await api.db.prisma.$executeRawUnsafe('ALTER TABLE claims_gone RENAME TO claims');
    }

    const text = await scrape();
    const requests = (labels: Record<string, string>) => sample(text, 'claimtrace_graphql_requests_total', labels);
    expect(requests({ operation: 'Speakers', outcome: 'ok', code: '' })).toBe(3);
    expect(requests({ operation: '(anonymous)', outcome: 'ok', code: '' })).toBe(1);
    expect(requests({ operation: 'Typo', outcome: 'client_error', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    // A name that resolved no operation is the client's text, never a label.
    expect(requests({ operation: '(none)', outcome: 'client_error', code: 'OPERATION_RESOLUTION_FAILURE' })).toBe(1);
    expect(text).not.toContain('NotInTheDocument');
    expect(requests({ operation: '(none)', outcome: 'client_error', code: 'HTTP_400' })).toBe(1);
    expect(requests({ operation: 'Broken', outcome: 'server_error', code: 'INTERNAL_SERVER_ERROR' })).toBe(1);

    expect(sample(text, 'claimtrace_graphql_request_duration_seconds_count', { operation: 'Speakers' })).toBe(3);
    expect(sample(text, 'claimtrace_graphql_request_duration_seconds_bucket', { operation: 'Speakers', le: '+Inf' })).toBe(3);
    expect(sample(text, 'claimtrace_graphql_request_duration_seconds_sum', { operation: 'Speakers' })).toBeGreaterThan(0);
    // Declared, counted when another part of the server refuses an operation (see metrics.spec.ts).
    expect(text).toContain('# TYPE claimtrace_graphql_operations_refused_total counter');
  });

  it('counts the SQL statements sent, one for a planned claim page, each of a DataLoader fallback', async () => {
    const speaker = await makeSpeaker(api.db.prisma);
    const [claim, counterclaim] = await Promise.all(
      ['counted', 'counters it'].map((text) => makeClaim(api.db.prisma, { speakerId: speaker.id, text })),
    );
    await makeRebuttal(api.db.prisma, claim!.id, counterclaim!.id);
    const sent = async () => sample(await scrape(), 'claimtrace_sql_statements_total')!;

    const before = await sent();
    api.statements.length = 0;
    const page = await postGraphQL(api.url, {
      query:
        'query ClaimPage($id: ID!) { claim(id: $id) { id speaker { name } source { title } rebuttals(first: 10) { nodes { stance counterclaim { text speaker { name } } } } } }',
      variables: { id: claim!.id },
    });
    expect(JSON.parse(page.body)).toMatchObject({
      data: { claim: { id: claim!.id, rebuttals: { nodes: [{ counterclaim: { text: 'counters it' } }] } } },
    });
    expect((await sent()) - before).toBe(1);
    expect(api.statements).toHaveLength(1);

    // nodes(ids:) is not planned: its loaders send a statement per kind of record, and the history one more.
    api.statements.length = 0;
    const afterPage = await sent();
    await postGraphQL(api.url, {
      query: `{ nodes(ids: ["${claim!.id}", "${speaker.id}"]) { id } claim(id: "${claim!.id}") { history(first: 5) { nodes { id } } } }`,
    });
    expect(api.statements.length).toBeGreaterThan(1);
    expect((await sent()) - afterPage).toBe(api.statements.length);
  });

  it("reports the PostgreSQL server's pool, and no pool for the embedded database", async () => {
    const text = await scrape();
    if (api.db.kind === 'postgres') {
      expect(sample(text, 'claimtrace_db_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'claimtrace_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'claimtrace_db_pool_waiting_queries')).toBe(0);
    } else {
      expect(text).not.toContain('claimtrace_db_pool');
    }
  });

  it("includes prom-client's process metrics", async () => {
    const text = await scrape();
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('is not served with METRICS_ENABLED=false', async () => {
    const off = await startTestServer({ config: { nodeEnv: 'production', exposeSchema: false, metricsEnabled: false } });
    try {
      expect((await request(`${off.url}metrics`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
