import type { OperationReport } from '../../context';
import { createMetrics, MAX_OPERATION_NAME_LENGTH, MAX_OPERATION_NAMES, outcomeOf } from '../metrics';

const noPool = { poolStats: () => undefined, statementsSent: () => 0 };
const report = (operationName: string | null, errors?: OperationReport['errors']): OperationReport => ({
  operationName,
  resolved: true,
  errors,
});

describe('metrics', () => {
  it('counts refused operations by the limit they exceeded, an unknown limit as (other)', async () => {
    const metrics = createMetrics(noPool);
    const refusal = (limit: unknown) => ({
      message: 'too complex',
      extensions: { code: 'OPERATION_TOO_COMPLEX', limit, max: 1, value: 2 },
    });
    metrics.observe(report('Deep', [refusal('depth')]), 400, 0.001);
    metrics.observe(report('Wide', [refusal('aliases'), refusal('cost')]), 400, 0.001);
    metrics.observe(report('Deep', [refusal('depth')]), 400, 0.001);
    metrics.observe(report('Odd', [refusal('shoeSize'), refusal(7)]), 400, 0.001);
    const { body } = await metrics.render();
    expect(body).toContain('claimtrace_graphql_operations_refused_total{limit="depth"} 2');
    expect(body).toContain('claimtrace_graphql_operations_refused_total{limit="aliases"} 1');
    expect(body).toContain('claimtrace_graphql_operations_refused_total{limit="cost"} 1');
    expect(body).toContain('claimtrace_graphql_operations_refused_total{limit="(other)"} 2');
    expect(body).toContain('claimtrace_graphql_requests_total{operation="Deep",outcome="client_error",code="OPERATION_TOO_COMPLEX"} 2');
  });

  it('labels at most MAX_OPERATION_NAMES names, the first ones seen; later and overlong names are (other)', async () => {
    const metrics = createMetrics(noPool);
    for (let n = 0; n < MAX_OPERATION_NAMES + 50; n += 1) metrics.observe(report(`Op${n}`), 200, 0.001);
    metrics.observe(report('Op0'), 200, 0.001);
    metrics.observe(report('L'.repeat(MAX_OPERATION_NAME_LENGTH + 1)), 200, 0.001);
    const { body } = await metrics.render();
    const labelled = new Set([...body.matchAll(/claimtrace_graphql_requests_total\{operation="([^"]+)"/g)].map((match) => match[1]));
    expect(labelled.size).toBe(MAX_OPERATION_NAMES + 1);
    expect(labelled.has('(other)')).toBe(true);
    expect(body).toContain('claimtrace_graphql_requests_total{operation="Op0",outcome="ok",code=""} 2');
    expect(body).toContain(`claimtrace_graphql_requests_total{operation="(other)",outcome="ok",code=""} 51`);
  });

  it('classifies outcomes by status and error codes', () => {
    const error = (code?: string) => ({ message: 'x', extensions: code === undefined ? {} : { code } });
    expect(outcomeOf(200, undefined)).toEqual({ outcome: 'ok', code: '' });
    expect(outcomeOf(200, [error('NOT_FOUND')])).toEqual({ outcome: 'client_error', code: 'NOT_FOUND' });
    // A partial result with an internal error in one field is the server's failure.
    expect(outcomeOf(200, [error('BAD_USER_INPUT'), error('INTERNAL_SERVER_ERROR')])).toEqual({
      outcome: 'server_error',
      code: 'INTERNAL_SERVER_ERROR',
    });
    expect(outcomeOf(504, [error('OPERATION_TIMEOUT')])).toEqual({ outcome: 'server_error', code: 'OPERATION_TIMEOUT' });
    expect(outcomeOf(503, [error('SERVICE_UNAVAILABLE')])).toEqual({ outcome: 'server_error', code: 'SERVICE_UNAVAILABLE' });
    expect(outcomeOf(413, undefined)).toEqual({ outcome: 'client_error', code: 'HTTP_413' });
    expect(outcomeOf(500, undefined)).toEqual({ outcome: 'server_error', code: 'HTTP_500' });
    expect(outcomeOf(200, [error()])).toEqual({ outcome: 'server_error', code: 'INTERNAL_SERVER_ERROR' });
  });
});
