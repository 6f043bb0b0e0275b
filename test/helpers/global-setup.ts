import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { TEMPLATE_ENV } from './test-database';

const ROOT = path.resolve(__dirname, '..', '..');

export default function globalSetup(): void {
  // The build the CLI tests run (run-built.ts) and `npm start` serves: made once here, incrementally (tsc -b redoes
  // only what changed), instead of compiling the import graph again in every spawned command.
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', path.join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  process.env[TEMPLATE_ENV] = execFileSync(
    process.execPath,
    ['--require', path.join(__dirname, 'register-ts.js'), path.join(__dirname, 'create-template.ts')],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
}
