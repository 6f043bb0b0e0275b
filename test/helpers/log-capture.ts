// A logger that keeps its lines in memory, for tests that check what the server logs.
import { pino } from 'pino';
import type { Logger } from '../../src/logger';

export interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  operationName?: string | null;
  err?: { type?: string; message?: string; code?: string; stack?: string };
  [key: string]: unknown;
}

export const LOG_LEVEL = { info: 30, warn: 40, error: 50 } as const;

export interface LogCapture {
  logger: Logger;
  lines: LogLine[];
  /** The first line (already written or still to come) that matches, or a failure after `timeoutMs`. */
  waitFor(matches: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

export function captureLogs(): LogCapture {
  const lines: LogLine[] = [];
  const waiters: { matches: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  const logger = pino(
    { level: 'debug' },
    {
      write(chunk: string) {
        const line = JSON.parse(chunk) as LogLine;
        lines.push(line);
        for (const waiter of waiters.filter((candidate) => candidate.matches(line))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      },
    },
  );
  return {
    logger,
    lines,
    waitFor(matches, timeoutMs = 10_000) {
      const found = lines.find(matches);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no such log line was written')), timeoutMs);
        waiters.push({
          matches,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
  };
}
