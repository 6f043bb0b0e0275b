// The one way a command-line entry point runs: errors become a message and exit code 1, not a stack trace.
import { ConfigError } from '../config';
import { DataDirLockedError } from '../db/data-dir-lock';
import { ImportFileError } from '../modules/exchange/import-file';

/** A mistake in how a command was called, or a refusal: its message says all, so no stack trace follows it. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command ran to its end and its outcome is a failure (a benchmark whose checks failed): its message says which. */
export class CommandFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailure';
  }
}

/** `--help` was asked for: the command prints its usage on stdout and ends successfully (see command-line.ts). */
export class HelpRequested extends Error {
  constructor(readonly usage: string) {
    super(usage);
    this.name = 'HelpRequested';
  }
}

export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof HelpRequested) {
        console.log(error.usage);
        process.exit(0);
      }
      const known =
        error instanceof ConfigError ||
        error instanceof DataDirLockedError ||
        error instanceof UsageError ||
        error instanceof CommandFailure ||
        error instanceof ImportFileError;
      console.error(known || !(error instanceof Error) ? String((error as Error).message ?? error) : error.stack);
      process.exit(1);
    },
  );
}
