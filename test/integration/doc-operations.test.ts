// Every GraphQL operation the README and docs/api.md show, run as written against a seeded server, with the variables
// a reader would give it (ids found by the operation the text points to); and the README's curl lines, run with curl.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import * as examples from '../../examples/operations';
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The fenced blocks of one language in a Markdown text, in order. */
function fencedBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp('^```' + language + '\\n([\\s\\S]*?)^```$', 'gm'))].map((match) => match[1]!);
}

interface DocOperation {
  file: string;
  source: string;
  /** The operation's name, or `file #n` for an anonymous one. */
  name: string;
  definition: OperationDefinitionNode;
}

function operationsOf(file: string): DocOperation[] {
  return fencedBlocks(read(file), 'graphql').map((source, index) => {
    const [definition, ...others] = parse(source).definitions;
    if (definition?.kind !== Kind.OPERATION_DEFINITION || others.length)
      throw new Error(`${file}: a graphql block holds one operation:\n${source}`);
    return { file, source, name: definition.name?.value ?? `${file} #${index + 1}`, definition };
  });
}

type Data = Record<string, unknown>;
/** A value at a path of a response's data, failing the test when it is missing. */
function at(data: Data | undefined, ...keys: (string | number)[]): unknown {
  return keys.reduce<unknown>((value, key) => {
    if (value === null || typeof value !== 'object' || !(key in value)) throw new Error(`no ${keys.join('.')} in ${JSON.stringify(data)}`);
    return (value as Record<string | number, unknown>)[key];
  }, data);
}

describe('the operations in the documentation', () => {
  let api: TestServer;
  /** Each operation's data by name, as the ones after it use them. */
  const results = new Map<string, Data>();
  beforeAll(async () => {
    api = await startTestServer({ seed: true });
  });
  afterAll(() => api.close());

  const coatsClaimId = async () =>
    at(
      dataOf<Data>(await api.gql(`{ claims(filter: { text: "illegal missiles" }, first: 1) { nodes { id } } }`)),
      'claims',
      'nodes',
      0,
      'id',
    );

  /** The variables a reader gives each operation that has some: from the text around it. */
  const variablesOf: Record<string, () => Promise<Record<string, unknown>>> = {
    // README: the first page, then `after: pageInfo.endCursor`.
    Claims: async () => ({ after: null }),
    // README: the ids the FindIds query just above it found.
    RecordClaim: async () => ({
      speakerId: at(results.get('FindIds'), 'speaker', 'id'),
      claimId: at(results.get('FindIds'), 'claims', 'nodes', 0, 'id'),
    }),
    ClaimHistory: async () => ({ id: at(results.get('RecordClaim'), 'createClaim', 'id') }),
    // A review of the claim just recorded, published by the workflow (as the text says, a correction needs both).
    CorrectReview: async () => {
      const claimId = at(results.get('RecordClaim'), 'createClaim', 'id');
      const review = dataOf<Data>(
        await api.gql(
          `mutation($claimId: ID!) { createReview(input: { claimId: $claimId, rating: MOSTLY_FALSE, organizationName: "Example Fact Desk" }) { id } }`,
          { claimId },
        ),
      );
      for (const status of ['IN_REVIEW', 'REVIEWED', 'PUBLISHED']) {
        dataOf(
          await api.gql(`mutation($id: ID!, $status: ReviewStatus!) { setClaimReviewStatus(id: $id, status: $status) { reviewStatus } }`, {
            id: claimId,
            status,
          }),
        );
      }
      return { id: at(review, 'createReview', 'id') };
    },
    // docs/api.md: Coats's claim, the one the article's rebuttals answer.
    Search: async () => ({ after: null }),
    Trace: async () => ({ claimId: await coatsClaimId() }),
    ReviewClaim: async () => ({ claimId: await coatsClaimId() }),
    ClaimAsOf: async () => ({ id: await coatsClaimId(), asOf: new Date().toISOString() }),
    // docs/api.md: a review of Coats's claim, read as typed schema.org objects.
    ReviewSchemaOrg: async () => {
      const created = dataOf<Data>(
        await api.gql(
          `mutation($claimId: ID!) { createReview(input: { claimId: $claimId, rating: FALSE, organizationName: "Example Fact Desk" }) { id } }`,
          {
            claimId: await coatsClaimId(),
          },
        ),
      );
      return { id: at(created, 'createReview', 'id') };
    },
  };

  const documented = ['README.md', 'docs/api.md'].flatMap(operationsOf);

  it('finds the operations, and knows the variables of each one that has some', () => {
    expect(documented.length).toBeGreaterThanOrEqual(14);
    const needing = documented.filter((operation) => operation.definition.variableDefinitions?.length).map((operation) => operation.name);
    expect(needing.sort()).toEqual(Object.keys(variablesOf).sort());
  });

  it("shows in the README the example client's operations, as written in src/http/example-operations.ts", () => {
    const exampleSources = new Map(Object.entries(examples).map(([name, document]) => [name, print(parse(document.toString()))]));
    for (const operation of documented.filter((operation) => operation.file === 'README.md')) {
      expect([operation.name, print(operation.definition)]).toEqual([operation.name, exampleSources.get(operation.name)]);
    }
  });

  for (const operation of documented) {
    it(`runs ${operation.file}'s ${operation.name}`, async () => {
      const variables = await variablesOf[operation.name]?.();
      const data = dataOf(await api.gql<Data>(operation.source, variables));
      expect(Object.values(data).every((value) => value !== null)).toBe(true);
      results.set(operation.name, data);
    });
  }

  it('pages the README claims example: the first page has a next one, and `after` gives it', async () => {
    const page = (after: unknown) =>
      api.gql<Data>(examples.Claims.toString(), { after }).then((response) => at(dataOf(response), 'claims') as Data);
    const first = await page(null);
    expect(at(first, 'pageInfo', 'hasNextPage')).toBe(true);
    const second = await page(at(first, 'pageInfo', 'endCursor'));
    const texts = (result: Data) => (at(result, 'edges') as Data[]).map((edge) => at(edge, 'node', 'text'));
    expect(texts(second)).toHaveLength(3);
    expect(texts(second).filter((text) => texts(first).includes(text))).toEqual([]);
  });

  it("runs the README's curl lines (POST with a key, GET with apollo-require-preflight) and a plain GET is refused", async () => {
    const lines = fencedBlocks(read('README.md'), 'sh')
      .flatMap((block) => block.replace(/\\\n\s*/g, '').split('\n'))
      .filter((line) => line.startsWith('curl ') && line.includes('localhost:4000/graphql'));
    expect(lines.some((line) => line.includes("-H 'apollo-require-preflight: true'"))).toBe(true);
    const run = promisify(execFile);
    for (const line of lines) {
      const { stdout } = await run('bash', ['-c', line.replaceAll('http://localhost:4000/', api.url)], {
        env: { ...process.env, KEY: api.adminKey },
      });
      const body = JSON.parse(stdout) as { data?: Data; errors?: unknown };
      expect([line, body.errors]).toEqual([line, undefined]);
      expect(body.data).toBeDefined();
    }
    const get = lines.find((line) => line.includes('apollo-require-preflight'))!;
    const plain = await fetch(/'(http[^']+)'/.exec(get)![1]!.replace('http://localhost:4000/', api.url));
    expect(plain.status).toBe(400);
  });
});
