// npm run schema:emit: writes schema.graphql at the root from the code.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';
import { printAppSchema } from '../graphql/schema';
import { readCommandLine } from './command-line';
import { runCli } from './run-cli';

runCli(async () => {
  readCommandLine('Usage: npm run schema:emit (writes schema.graphql at the root from the code)', {});
  const file = path.join(projectRoot, 'schema.graphql');
  fs.writeFileSync(file, await printAppSchema());
  console.log(`Wrote ${path.relative(process.cwd(), file) || file}`);
});
