// Migrates the template database for a test run and prints where it is. Runs as a child process of global-setup.ts:
// the schema engine leaves a lock-timeout timer behind after migrating, which would keep Jest's own process alive.
import { createTemplate, TEMPLATE_ENV } from './test-database';

createTemplate().then(
  () => {
    process.stdout.write(process.env[TEMPLATE_ENV] ?? '');
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
