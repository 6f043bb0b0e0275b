// Runs the project's commands (the CLIs) in a child process as a user runs them, from the build global-setup.ts makes
// once per test run (`npm run <command>` runs the same file after the same build): no TypeScript compiled per spawn.
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = path.resolve(__dirname, '..', '..');

/** The compiled file of a project module, e.g. builtModule('src/db/migrator') for a script's require. */
export const builtModule = (sourcePath: string): string => path.join(ROOT, 'dist', `${sourcePath.replace(/\.ts$/, '')}.js`);

function run(nodeArgs: string[], env: Record<string, string | undefined>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Any built entry point by its source path (`bench/import.ts`), as its npm script runs it. */
export function runBuilt(sourcePath: string, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  return run([builtModule(sourcePath), ...args], env);
}

/** One of src/cli/'s commands, by its file name (`migrate`, `seed`, `import`, ...). */
export function runCli(command: string, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  return run([builtModule(`src/cli/${command}`), ...args], env);
}

/** A CommonJS script (requiring builtModule(...)s): for tests that call the schema engine, which cannot run in Jest's process. */
export function runScript(script: string, env: Record<string, string | undefined> = {}): Promise<RunResult> {
  return run(['-e', script], env);
}
