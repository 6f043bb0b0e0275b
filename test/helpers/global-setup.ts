import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pgliteTemplatePath, TEMPLATE_ENV } from './template-cache';

const ROOT = path.resolve(__dirname, '..', '..');

export default function globalSetup(): void {
  // The build the CLI tests run (run-built.ts) and `npm start` serves: made once here, incrementally (tsc -b redoes
  // only what changed), instead of compiling the import graph again in every spawned command.
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', path.join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  // The embedded database's template from an earlier run with the same migrations and code, when there is one.
  const cached = process.env.DATABASE_URL?.trim() ? undefined : pgliteTemplatePath();
  process.env[TEMPLATE_ENV] =
    cached && fs.existsSync(cached)
      ? cached
      : execFileSync(process.execPath, ['--require', path.join(__dirname, 'register-ts.js'), path.join(__dirname, 'create-template.ts')], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        });
}
