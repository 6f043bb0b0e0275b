import { pino, type DestinationStream, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { Config } from './config';

export type { Logger };

export interface LoggerOutput {
  /** Where lines go: stdout by default. */
  destination?: DestinationStream;
  /** Whether that is a person's terminal: by default, whether stdout is one. */
  terminal?: boolean;
}

/**
 * Structured JSON logs, one line per event, wherever a machine reads them (production, files, pipes, tests). In
 * development on a terminal, readable lines instead (pino-pretty, in-process, so that no line is lost on exit): the
 * time of day, the level, the message and the fields below it.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'nodeEnv'>, output: LoggerOutput = {}): Logger {
  const options = { level: config.logLevel, base: { service: 'claimtrace', env: config.nodeEnv } };
  const terminal = output.terminal ?? process.stdout.isTTY === true;
  if (config.nodeEnv === 'development' && terminal) {
    const pretty = PinoPretty({
      colorize: output.destination === undefined,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,service,env',
      destination: output.destination ?? 1,
    });
    return pino(options, pretty);
  }
  return output.destination ? pino(options, output.destination) : pino(options);
}
