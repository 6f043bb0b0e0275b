// Health endpoints, in the shape orchestrators probe them: liveness (is the process up and its event loop turning?
// restart it if not) apart from readiness (can it serve? send it traffic only then). A database outage makes an
// instance unready, never "dead": restarting it would not bring the database back, and it recovers by itself.
import type http from 'node:http';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { sendJson } from './body';

/** How long the readiness probe waits for the database to answer `SELECT 1`. */
const READY_TIMEOUT_MS = 2_000;

export const HEALTH_PATHS = new Set(['/health', '/health/live', '/health/ready']);

type DatabaseState = { status: 'up'; kind: Database['kind']; latencyMs: number } | { status: 'down'; kind: Database['kind'] };

export interface HealthHandler {
  /** Answers one of HEALTH_PATHS. */
  handle(path: string, response: http.ServerResponse): Promise<void>;
  /** From now on readiness answers 503: the server is shutting down, send traffic elsewhere. */
  stopping(): void;
}

export function createHealthHandler(db: Pick<Database, 'kind' | 'ping'>, logger: Logger): HealthHandler {
  let stopping = false;

  async function database(): Promise<DatabaseState> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        db.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
        }),
      ]);
      return { status: 'up', kind: db.kind, latencyMs: Date.now() - started };
    } catch (error) {
      logger.warn({ err: error }, 'health check: database unreachable');
      return { status: 'down', kind: db.kind };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async handle(path, response) {
      // Liveness makes no database call: it must stay 200 through a database outage.
      if (path === '/health/live') return sendJson(response, 200, { status: 'ok' });
      if (path === '/health/ready' && stopping) return sendJson(response, 503, { status: 'stopping' });
      // /health is the combined answer it always was; /health/ready is the same while the server is not stopping.
      const state = await database();
      const up = state.status === 'up';
      sendJson(response, up ? 200 : 503, { status: up ? 'ok' : 'unavailable', database: state });
    },
    stopping() {
      stopping = true;
    },
  };
}
