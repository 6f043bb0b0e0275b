import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { TEMPLATE_ENV } from './test-database';

export default function globalSetup(): void {
  process.env[TEMPLATE_ENV] = execFileSync(
    process.execPath,
    ['--require', path.join(__dirname, 'register-ts.js'), path.join(__dirname, 'create-template.ts')],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
}
