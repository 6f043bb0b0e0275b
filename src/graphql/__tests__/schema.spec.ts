import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config';
import { printAppSchema } from '../schema';

describe('schema.graphql', () => {
  it('is the schema the code builds (run `npm run schema:emit` after changing types or resolvers)', async () => {
    expect(fs.readFileSync(path.join(projectRoot, 'schema.graphql'), 'utf8')).toBe(await printAppSchema());
  });
});
