// bench:api's command line and its graphs (pure, so that they are tested on their own).
import { UsageError } from '../src/cli/run-cli';
import { parseCommandLine } from '../src/cli/command-line';
import { databaseNameOption, integerOption } from './bench-kit';
import { BENCH_DATABASE, GRAPH, type GraphSpec } from './trace-graph';

export const API_USAGE =
  'Usage: npm run bench:api [-- --concurrency 1,8,32,64] [--seconds S] [--rounds N] [--warmup S] [--postgraphile PATH] [--soak] [--soak-seconds S] [--graph bench|tiny] [--database NAME]\n' +
  '  --concurrency LIST    connections of each cell, comma-separated (default 1,8,32,64, each 1 to 1000)\n' +
  '  --seconds S           length of a round (default 10)\n' +
  '  --rounds N            rounds per server and cell, alternating between the servers (default 3)\n' +
  '  --warmup S            unmeasured load per server before each cell (default 3)\n' +
  '  --postgraphile PATH   also measure PostGraphile 4 installed there (npm install --prefix PATH postgraphile@4)\n' +
  '  --soak                instead of the cells: claimtrace alone under both pages for --soak-seconds, its RSS sampled\n' +
  '  --soak-seconds S      length of the soak (default 60), at the highest --concurrency\n' +
  "  --graph bench|tiny    bench: bench:trace's million claims in claimtrace_bench (default); tiny: 4,000 claims, for tests\n" +
  '  --database NAME       the database on the server of DATABASE_URL (default claimtrace_bench, or claimtrace_api_tiny with --graph tiny)\n' +
  '  --help                this text\n' +
  'Ports: BENCH_PORTS=FROM-TO keeps the servers within that range.';

/** A graph small enough for a test to load in seconds, shaped like the bench's. */
export const TINY_GRAPH: GraphSpec = { ...GRAPH, claims: 4_000, rebuttals: 6_000, speakers: 50, sources: 200, targets: 2_000 };
const TINY_DATABASE = 'claimtrace_api_tiny';
export const TINY_DATABASE_COMMENT = 'claimtrace bench:api test database (--graph tiny): generated data only, safe to drop';

export interface ApiOptions {
  concurrency: number[];
  roundSeconds: number;
  rounds: number;
  warmupSeconds: number;
  postgraphile?: string;
  soakSeconds?: number;
  graph: 'bench' | 'tiny';
  database: string;
}

/** The options, or 'help'; a mistake is a UsageError carrying the usage. */
export function readApiOptions(args: string[]): ApiOptions | 'help' {
  const { values } = parseCommandLine(
    API_USAGE,
    {
      concurrency: { type: 'string', default: '1,8,32,64' },
      seconds: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '3' },
      postgraphile: { type: 'string' },
      soak: { type: 'boolean', default: false },
      'soak-seconds': { type: 'string' },
      graph: { type: 'string', default: 'bench' },
      database: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    args,
  );
  if (values.help) return 'help';
  const concurrency = values.concurrency.split(',').map((value) => integerOption('concurrency', value, 1, 1000));
  if (values.graph !== 'bench' && values.graph !== 'tiny')
    throw new UsageError(`--graph must be bench or tiny (got "${values.graph}")\n${API_USAGE}`);
  const database = databaseNameOption(values.database ?? (values.graph === 'tiny' ? TINY_DATABASE : BENCH_DATABASE));
  // bench:trace's database holds the million claims: a tiny graph loaded there would replace them.
  if (values.graph === 'tiny' && database === BENCH_DATABASE)
    throw new UsageError(`--graph tiny cannot use ${BENCH_DATABASE} (it holds bench:trace's graph)`);
  if (values['soak-seconds'] !== undefined && !values.soak) throw new UsageError(`--soak-seconds goes with --soak\n${API_USAGE}`);
  return {
    concurrency,
    roundSeconds: integerOption('seconds', values.seconds, 1, 600),
    rounds: integerOption('rounds', values.rounds, 1, 100),
    warmupSeconds: integerOption('warmup', values.warmup, 0, 600),
    ...(values.postgraphile !== undefined ? { postgraphile: values.postgraphile } : {}),
    ...(values.soak ? { soakSeconds: integerOption('soak-seconds', values['soak-seconds'] ?? '60', 1, 3600) } : {}),
    graph: values.graph,
    database,
  };
}
