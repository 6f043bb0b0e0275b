import type http from 'node:http';
import { createLogger } from '../../logger';
import { createHealthHandler } from '../health';

const logger = createLogger({ logLevel: 'silent', nodeEnv: 'test' });

/** What the handler wrote: status and JSON body. */
function recorder() {
  const written: { status?: number; body?: unknown } = {};
  const response = {
    headersSent: false,
    writeHead(status: number) {
      written.status = status;
      return response;
    },
    end(body: string) {
      written.body = JSON.parse(body);
    },
  };
  return { response: response as unknown as http.ServerResponse, written };
}

describe('the health handler', () => {
  const pings: string[] = [];
  const up = { kind: 'postgres' as const, ping: async () => void pings.push('ping') };
  const down = { kind: 'postgres' as const, ping: () => Promise.reject(new Error('ECONNREFUSED')) };

  it('answers liveness without asking the database, even when it is down', async () => {
    pings.length = 0;
    const { response, written } = recorder();
    await createHealthHandler(up, logger).handle('/health/live', response);
    expect(written).toEqual({ status: 200, body: { status: 'ok' } });
    expect(pings).toEqual([]);
    const second = recorder();
    await createHealthHandler(down, logger).handle('/health/live', second.response);
    expect(second.written.status).toBe(200);
  });

  it('answers readiness and /health from the database', async () => {
    for (const path of ['/health/ready', '/health']) {
      const ok = recorder();
      await createHealthHandler(up, logger).handle(path, ok.response);
      expect(ok.written).toEqual({
        status: 200,
        body: { status: 'ok', database: { status: 'up', kind: 'postgres', latencyMs: expect.any(Number) } },
      });
      const failed = recorder();
      await createHealthHandler(down, logger).handle(path, failed.response);
      expect(failed.written).toEqual({ status: 503, body: { status: 'unavailable', database: { status: 'down', kind: 'postgres' } } });
    }
  });

  it('is unready once the server is stopping, while /health still reports the database', async () => {
    const health = createHealthHandler(up, logger);
    health.stopping();
    const ready = recorder();
    await health.handle('/health/ready', ready.response);
    expect(ready.written).toEqual({ status: 503, body: { status: 'stopping' } });
    const combined = recorder();
    await health.handle('/health', combined.response);
    expect(combined.written.status).toBe(200);
  });
});
