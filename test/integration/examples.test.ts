// The example client (examples/): its generated types are those codegen.ts makes now, and it works against a server.
import fs from 'node:fs';
import path from 'node:path';
import { createClient, GraphQLRequestError } from '../../examples/client';
import { Claims, Viewer } from '../../examples/operations';
import { readAllClaimPages, recordDenial } from '../../examples/tour';
import { runScript } from '../helpers/run-built';
import { startTestServer, type TestServer } from '../helpers/test-server';

const ROOT = path.resolve(__dirname, '..', '..');

describe('the example client', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ seed: true });
  });
  afterAll(() => api.close());

  it('is generated from the current schema and operations (npm run codegen when this fails)', async () => {
    // In a child process: graphql-codegen and its presets are partly ES modules, which Jest's module loader mixes badly
    // with CommonJS. The child generates without writing and prints what it would write.
    const script = `import('@graphql-codegen/cli').then(async ({ generate, loadCodegenConfig }) => {
      const { config } = await loadCodegenConfig({ configFilePath: 'codegen.ts' });
      const files = await generate({ ...config, cwd: process.cwd(), silent: true }, false);
      process.stdout.write(JSON.stringify(files.map(({ filename, content }) => ({ filename, content }))));
    }).catch((error) => { console.error(error); process.exit(1); });`;
    const result = await runScript(script);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const files = JSON.parse(result.stdout) as { filename: string; content: string }[];
    expect(files.map((file) => file.filename).sort()).toEqual(['examples/gql/gql.ts', 'examples/gql/graphql.ts', 'examples/gql/index.ts']);
    for (const { filename, content } of files) {
      expect([filename, fs.readFileSync(path.resolve(ROOT, filename), 'utf8')]).toEqual([filename, content]);
    }
  }, 60_000);

  it('pages through the claims example with GET, every page typed', async () => {
    const pages = await readAllClaimPages(createClient({ url: `${api.url}graphql` }));
    const { claims } = await createClient({ url: `${api.url}graphql` }).request(Claims, { after: null });
    expect(pages.length).toBe(Math.ceil(claims.totalCount / 3));
    expect(pages.length).toBeGreaterThan(1);
    expect(new Set(pages.flat()).size).toBe(claims.totalCount);
  });

  it('records a claim with the ids a query found, with a key; without one, throws the error with its code', async () => {
    const recorded = await recordDenial(createClient({ url: `${api.url}graphql`, apiKey: await api.createKey('EDITOR') }));
    expect(recorded).toMatchObject({ text: 'Russia is in full compliance with the treaty.', statedAt: '2018-12-05' });
    expect(recorded.rebuts.nodes[0]?.claim.text).toMatch(/illegal missiles/);

    const anonymous = recordDenial(createClient({ url: `${api.url}graphql` }));
    await expect(anonymous).rejects.toBeInstanceOf(GraphQLRequestError);
    await expect(anonymous).rejects.toMatchObject({ status: 401, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await createClient({ url: `${api.url}graphql`, apiKey: api.adminKey }).get(Viewer)).toEqual({
      viewer: { name: 'test admin', role: 'ADMIN' },
    });
  });
});
