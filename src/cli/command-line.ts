// Every command's arguments, one way: node's util.parseArgs, strictly (an unknown option or a stray argument is a
// usage error that prints the usage), and for the app's commands `--help` (or -h), answered with the usage before the
// command opens the database or touches anything else.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HelpRequested, UsageError } from './run-cli';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** How many positional arguments a command takes. */
export interface PositionalCount {
  min: number;
  max: number;
}

const NONE: PositionalCount = { min: 0, max: 0 };

/** The options and positional arguments, or a UsageError carrying the usage. */
export function parseCommandLine<const O extends OptionsConfig>(
  usage: string,
  options: O,
  args: string[] = process.argv.slice(2),
  positionals = NONE,
) {
  const parsed = parseStrictly(usage, options, args, positionals);
  checkCount(usage, parsed.positionals, positionals);
  return parsed;
}

/** parseCommandLine with `--help`/`-h` declared: asked for, it ends the command with the usage on stdout (exit 0). */
export function readCommandLine<const O extends OptionsConfig>(usage: string, options: O, positionals = NONE) {
  const parsed = parseStrictly(usage, { ...options, help: { type: 'boolean', short: 'h' } } as const, process.argv.slice(2), positionals);
  // Before the count: `import --help` asks for the usage, it does not lack a file.
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequested(usage);
  checkCount(usage, parsed.positionals, positionals);
  return parsed;
}

function parseStrictly<const O extends OptionsConfig>(usage: string, options: O, args: string[], positionals: PositionalCount) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: positionals.max > 0 });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
}

function checkCount(usage: string, given: string[], positionals: PositionalCount): void {
  if (given.length < positionals.min) throw new UsageError(`Missing argument\n${usage}`);
  if (given.length > positionals.max) throw new UsageError(`Unexpected argument "${given[positionals.max]}"\n${usage}`);
}
