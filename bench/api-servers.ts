// The servers bench:api compares besides claimtrace (which bench-kit's startServer starts): the hand-written ceiling
// (api-ceiling.ts) and, when installed, PostGraphile 4; each a process of its own, as claimtrace's is.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../src/cli/run-cli';
import { freePort, httpClient } from './bench-kit';

export interface ServiceProcess {
  /** Where POST /graphql is served. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

async function startService(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  url: string,
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [command, ...args], {
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString('utf8')}`));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    await exit;
  };
  // Up once it answers the cheapest operation (the ceiling refuses it with 400, which is an answer too).
  const client = httpClient(url, 1);
  try {
    for (const deadline = Date.now() + START_TIMEOUT_MS; ;) {
      if (exited) throw new Error(`${name} exited before serving`);
      const answered = await client.postJson('graphql', '{"query":"{ __typename }"}', 2_000).then(
        () => true,
        () => false,
      );
      if (answered) break;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${name} did not answer ${url}graphql within ${START_TIMEOUT_MS / 1000} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    client.close();
  }
  return { url, pid: child.pid!, stop };
}

/** The ceiling, with as many pooled connections as claimtrace's pool. */
export async function startCeiling(databaseUrl: string, poolSize: number): Promise<ServiceProcess> {
  const port = await freePort();
  return startService(
    'ceiling',
    path.join(__dirname, 'api-ceiling.js'),
    [],
    { DATABASE_URL: databaseUrl, PORT: String(port), POOL_SIZE: String(poolSize) },
    `http://127.0.0.1:${port}/`,
  );
}

/** PostGraphile 4's CLI from an install (`npm install --prefix PATH postgraphile@4`), in production mode, no GraphiQL or query log. */
export async function startPostGraphile(install: string, databaseUrl: string): Promise<ServiceProcess> {
  const cli = [path.join(install, 'node_modules', 'postgraphile', 'cli.js'), path.join(install, 'cli.js')].find((file) =>
    fs.existsSync(file),
  );
  if (!cli)
    throw new UsageError(
      `--postgraphile ${install}: no node_modules/postgraphile/cli.js there (npm install --prefix ${install} postgraphile@4)`,
    );
  const port = await freePort();
  return startService(
    'postgraphile',
    cli,
    [
      '--connection',
      databaseUrl,
      '--schema',
      'public',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--disable-query-log',
      '--disable-graphiql',
    ],
    {},
    `http://127.0.0.1:${port}/`,
  );
}
