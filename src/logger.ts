import { pino, type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/** Structured JSON logs on stdout, one line per event. */
export function createLogger(config: Pick<Config, 'logLevel' | 'nodeEnv'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'claimtrace', env: config.nodeEnv } });
}
