// graphql-http's audit of GraphQL over HTTP (https://graphql.github.io/graphql-over-http/): every MUST and SHOULD passes
// with the schema exposed; in production, every one that does not introspect (three audits query __type, which
// production refuses). The MAYs it leaves are GETs without a CSRF-preventing header (see docs/operations.md).
import { serverAudits, type AuditResult } from 'graphql-http';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** The audits whose operations read `__type`. */
const INTROSPECTING_AUDITS = ['BF61', '2EA1', '28B9'];

async function audit(api: TestServer): Promise<AuditResult[]> {
  const results: AuditResult[] = [];
  for (const { fn } of serverAudits({ url: `${api.url}graphql` })) results.push(await fn());
  return results;
}

const failedRequirements = (results: AuditResult[]) =>
  results
    .filter((result) => result.status !== 'ok' && !result.name.startsWith('MAY'))
    .map((result) => `${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`);

describe('GraphQL over HTTP audit (graphql-http)', () => {
  it('passes every MUST and SHOULD with the schema exposed', async () => {
    const api = await startTestServer({ config: { nodeEnv: 'development', exposeSchema: true } });
    try {
      const results = await audit(api);
      expect(results.length).toBeGreaterThan(50);
      expect(failedRequirements(results)).toEqual([]);
      expect(results.filter((result) => INTROSPECTING_AUDITS.includes(result.id)).map((result) => result.status)).toEqual([
        'ok',
        'ok',
        'ok',
      ]);
    } finally {
      await api.close();
    }
  });

  it('passes every MUST and SHOULD that does not introspect in production', async () => {
    const api = await startTestServer({ config: { nodeEnv: 'production', exposeSchema: false } });
    try {
      const results = await audit(api);
      expect(failedRequirements(results.filter((result) => !INTROSPECTING_AUDITS.includes(result.id)))).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
