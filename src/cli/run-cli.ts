// The one way a command-line entry point runs: errors become a message and exit code 1, not a stack trace.
import { ConfigError } from '../config';
import { DataDirLockedError } from '../db/data-dir-lock';

export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const known = error instanceof ConfigError || error instanceof DataDirLockedError;
      console.error(known || !(error instanceof Error) ? String((error as Error).message ?? error) : error.stack);
      process.exit(1);
    },
  );
}
