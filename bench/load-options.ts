// bench:load's command line, its graph and its fault schedule (pure, so that they are tested on their own).
import { UsageError } from '../src/cli/run-cli';
import { parseCommandLine } from '../src/cli/command-line';
import { databaseNameOption, integerOption } from './bench-kit';
import type { GraphSpec } from './trace-graph';

export const LOAD_USAGE =
  'Usage: npm run bench:load [-- --connections N] [--duration SECONDS] [--fault db-outage] [--outage-seconds S] [--database NAME]\n' +
  '  --connections N       concurrent clients, each on a keep-alive connection of its own (default 64, 1 to 1000)\n' +
  '  --duration SECONDS    how long the load runs (default 60, 1 to 3600)\n' +
  '  --fault db-outage     cut the server off its database (through a TCP proxy) for --outage-seconds, a third into the run\n' +
  '  --outage-seconds S    how long the outage lasts (default 5, 1 to 120)\n' +
  "  --database NAME       the benchmark's own database on the server of DATABASE_URL, dropped and filled afresh on every run (default claimtrace_load)\n" +
  '  --help                this text';

export const DEFAULT_LOAD_DATABASE = 'claimtrace_load';

/** bench:load's graph: the shape of bench:trace's, at the size of a busy desk's first year. */
export const LOAD_GRAPH: GraphSpec = {
  version: 1,
  claims: 20_000,
  rebuttals: 60_000,
  speakers: 500,
  sources: 2_000,
  targets: 10_000,
  skew: 3,
  mirroredShare: 0.01,
  seed: 0.42,
};

/** The run needs this long before the cut and after the restore to measure the server before and after it. */
const MIN_BEFORE_CUT_S = 5;
const MIN_AFTER_RESTORE_S = 10;

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  /** When the connection to the database is cut and for how long, in seconds from the start of the load. */
  outage?: { atSeconds: number; seconds: number };
  database: string;
}

/** The options, or 'help' when --help asks for the usage; a mistake is a UsageError carrying the usage. */
export function readLoadOptions(args: string[]): LoadOptions | 'help' {
  const values = parseCommandLine(
    LOAD_USAGE,
    {
      connections: { type: 'string', default: '64' },
      duration: { type: 'string', default: '60' },
      fault: { type: 'string' },
      'outage-seconds': { type: 'string' },
      database: { type: 'string', default: DEFAULT_LOAD_DATABASE },
      help: { type: 'boolean', default: false },
    },
    args,
  ).values;
  if (values.help) return 'help';
  const connections = integerOption('connections', values.connections, 1, 1000);
  const durationSeconds = integerOption('duration', values.duration, 1, 3600);
  const database = databaseNameOption(values.database);
  if (values.fault !== undefined && values.fault !== 'db-outage')
    throw new UsageError(`--fault must be db-outage (got "${values.fault}")\n${LOAD_USAGE}`);
  if (values.fault === undefined) {
    if (values['outage-seconds'] !== undefined) throw new UsageError(`--outage-seconds goes with --fault db-outage\n${LOAD_USAGE}`);
    return { connections, durationSeconds, database };
  }
  const seconds = integerOption('outage-seconds', values['outage-seconds'] ?? '5', 1, 120);
  const atSeconds = Math.floor(durationSeconds / 3);
  if (atSeconds < MIN_BEFORE_CUT_S || durationSeconds - atSeconds - seconds < MIN_AFTER_RESTORE_S) {
    throw new UsageError(
      `--duration ${durationSeconds} is too short for a ${seconds} s outage: the cut comes a third into the run, after at least ${MIN_BEFORE_CUT_S} s, ` +
        `and the run goes on at least ${MIN_AFTER_RESTORE_S} s after the restore (try --duration ${Math.max(3 * MIN_BEFORE_CUT_S, Math.ceil(1.5 * (seconds + MIN_AFTER_RESTORE_S)))})`,
    );
  }
  return { connections, durationSeconds, database, outage: { atSeconds, seconds } };
}
