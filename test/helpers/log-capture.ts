// A logger whose lines a test can read: the server's JSON log lines, parsed, in order.
import { pino } from 'pino';
import type { Logger } from '../../src/logger';

export interface LogEntry {
  level: number;
  msg: string;
  err?: { type?: string; message?: string; code?: string };
  [field: string]: unknown;
}

/** pino's numeric levels. */
export const WARN = 40;
export const ERROR = 50;

export function captureLogs(level: 'debug' | 'info' | 'warn' = 'warn'): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const logger = pino({ level }, { write: (line: string) => void entries.push(JSON.parse(line) as LogEntry) });
  return { logger, entries };
}
