// npm run schema:emit: writes schema.graphql at the root from the code.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';
import { printAppSchema } from '../graphql/schema';
import { runCli } from './run-cli';

runCli(async () => {
  const file = path.join(projectRoot, 'schema.graphql');
  fs.writeFileSync(file, await printAppSchema());
  console.log(`Wrote ${path.relative(process.cwd(), file) || file}`);
});
