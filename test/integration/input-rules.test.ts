// The input rules (docs/api.md, "Input rules"): NUL bytes, lone surrogates, control and bidi characters in any string
// argument, as literals and as variables, refused with BAD_USER_INPUT naming the field and writing nothing; invalid
// UTF-8 bodies refused at the edge; what is accepted stored exactly as sent.
import { dataOf, startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';
import { makeClaim, makeSpeaker, tableCounts } from '../helpers/factories';

const NUL = 'a\u0000b';
const LONE = 'a\ud800b';

describe('input rules', () => {
  let api: TestServer;
  let speakerId: string;
  let claimId: string;
  beforeAll(async () => {
    api = await startTestServer();
    speakerId = (await makeSpeaker(api.db.prisma, { name: 'Heiko Maas' })).id;
    claimId = (await makeClaim(api.db.prisma, { speakerId, text: 'The treaty matters' })).id;
  });
  afterAll(() => api.close());

  /** Sends the operation and expects the one coded refusal, naming `field`, with nothing written. */
  async function expectRefused(field: string, send: () => Promise<GraphQLResponse>, message?: RegExp): Promise<void> {
    const before = await tableCounts(api.db.prisma);
    const response = await send();
    expect({ field, status: response.status, data: response.data, errors: response.errors?.length }).toEqual({
      field,
      status: 400,
      data: undefined,
      errors: 1,
    });
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(response.errors?.[0]?.message.startsWith(`${field} `)).toBe(true);
    if (message) expect(response.errors?.[0]?.message).toMatch(message);
    expect(await tableCounts(api.db.prisma)).toEqual(before);
  }

  interface Operation {
    field: string;
    type: 'query' | 'mutation';
    /** The variable's type, when the string is sent as $s. */
    variable: string;
    /** $id: the speaker the operation names (or the claim, for a review). */
    id?: 'speaker' | 'claim';
    /** The operation's selection (and fragments) with the string in it. */
    body: (value: string) => string;
  }
  const operations: Operation[] = [
    {
      field: 'input.text',
      type: 'mutation',
      variable: 'String!',
      id: 'speaker',
      body: (s) => `{ createClaim(input: { text: ${s}, kind: QUOTE, speakerId: $id }) { id } }`,
    },
    { field: 'input.name', type: 'mutation', variable: 'String!', body: (s) => `{ createSpeaker(input: { name: ${s} }) { id } }` },
    {
      field: 'input.aliases.3',
      type: 'mutation',
      variable: 'String!',
      body: (s) => `{ createSpeaker(input: { name: "Jens", aliases: ["a", "b", "c", ${s}] }) { id } }`,
    },
    { field: 'filter.text', type: 'query', variable: 'String', body: (s) => `{ claims(filter: { text: ${s} }) { nodes { id } } }` },
    { field: 'slug', type: 'query', variable: 'String', body: (s) => `{ speaker(slug: ${s}) { id } }` },
    { field: 'input.title', type: 'mutation', variable: 'String!', body: (s) => `{ createSource(input: { title: ${s} }) { id } }` },
    {
      field: 'input.organizationName',
      type: 'mutation',
      variable: 'String!',
      id: 'claim',
      body: (s) => `{ createReview(input: { claimId: $id, rating: TRUE, organizationName: ${s} }) { id } }`,
    },
    {
      field: 'filter.organizationName',
      type: 'query',
      variable: 'String',
      body: (s) => `{ reviews(filter: { organizationName: ${s} }) { nodes { id } } }`,
    },
    { field: 'query', type: 'query', variable: 'String!', body: (s) => `{ searchClaims(query: ${s}) { nodes { rank } } }` },
    { field: 'search', type: 'query', variable: 'String', body: (s) => `{ speakers(search: ${s}) { nodes { id } } }` },
    {
      field: 'input.rebuts.0.rationale',
      type: 'mutation',
      variable: 'String',
      id: 'speaker',
      body: (s) =>
        `{ createClaim(input: { text: "x", kind: QUOTE, speakerId: $id, rebuts: [{ claimId: $id, stance: REFUTES, rationale: ${s} }] }) { id } }`,
    },
    // The whole input object as one variable: the field is named inside it.
    {
      field: 'input.affiliation',
      type: 'mutation',
      variable: 'CreateSpeakerInput!',
      body: (s) => `{ createSpeaker(input: ${s.startsWith('$') ? s : `{ name: "Jens", affiliation: ${s} }`}) { id } }`,
    },
    // An argument of a field below the root, inside a fragment.
    {
      field: 'after',
      type: 'query',
      variable: 'String',
      body: (s) => `{ speakers { nodes { ...Claims } } } fragment Claims on Speaker { claims(after: ${s}) { nodes { id } } }`,
    },
  ];
  const [createClaim, createSpeaker] = operations;
  const ids = (operation: Operation) => (operation.id ? { id: operation.id === 'claim' ? claimId : speakerId } : {});
  const withVariable = (operation: Operation, value: string) => {
    const declared = ['$s: ' + operation.variable, ...(operation.id ? ['$id: ID!'] : [])].join(', ');
    const s = operation.variable === 'CreateSpeakerInput!' ? { name: 'Jens', affiliation: value } : value;
    return api.gql(`${operation.type}(${declared}) ${operation.body('$s')}`, { s, ...ids(operation) });
  };
  const withLiteral = (operation: Operation, value: string) =>
    api.gql(`${operation.type}${operation.id ? '($id: ID!)' : ''} ${operation.body(JSON.stringify(value))}`, ids(operation));

  it('refuses a NUL byte in any string argument, as a variable or a literal, naming the field', async () => {
    for (const operation of operations) {
      await expectRefused(operation.field, () => withVariable(operation, NUL), /NUL character \(U\+0000\), found at character 1/);
      await expectRefused(operation.field, () => withLiteral(operation, NUL));
    }
  });

  it('refuses a lone surrogate in any string variable (a literal one is a syntax error already)', async () => {
    for (const operation of operations) {
      await expectRefused(operation.field, () => withVariable(operation, LONE), /lone surrogate \(U\+D800\) at character 1/);
    }
    const literal = await api.gql(`{ speaker(slug: "\\ud800") { id } }`);
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('takes tab and line breaks in free text, and no control character in a name', async () => {
    const text = 'First line\n\tSecond line\r\nThird';
    const claim = dataOf(await withVariable(createClaim!, text)).createClaim;
    expect((await api.db.prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).text).toBe(text);
    for (const control of ['\t', '\n', '\r', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f']) {
      await expectRefused('input.name', () => withVariable(createSpeaker!, `Jens${control}Stoltenberg`), /control characters/);
    }
    // A free-text field a class inherits (the review's summary) keeps its kind.
    const review = await api.gql(`mutation($input: CreateReviewInput!) { createReview(input: $input) { summary } }`, {
      input: { claimId, rating: 'TRUE', organizationName: 'Desk', summary: text },
    });
    expect(dataOf(review).createReview.summary).toBe(text);
    for (const control of ['\u0001', '\u001f', '\u007f', '\u0080', '\u009b']) {
      await expectRefused(
        'input.text',
        () => withVariable(createClaim!, `a${control}b`),
        /control characters other than tab and line breaks/,
      );
    }
  });

  it('refuses bidi controls in names, and takes them balanced in free text', async () => {
    for (const bidi of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      await expectRefused('input.name', () => withVariable(createSpeaker!, `Jens${bidi}`), /bidirectional formatting/);
    }
    const balanced = 'He said \u2067\u05e9\u05dc\u05d5\u05dd\u2069 and \u202bembedded \u2066nested\u2069\u202c.';
    const claim = dataOf(await withVariable(createClaim!, balanced)).createClaim;
    expect((await api.db.prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).text).toBe(balanced);
    for (const unbalanced of ['evil \u202e txt', 'open \u2067 isolate', 'stray \u202c', 'crossed \u202b\u2066\u202c\u2069']) {
      await expectRefused('input.text', () => withVariable(createClaim!, unbalanced), /bidirectional/);
    }
  });

  it('stores text as sent: not normalised, astral characters kept', async () => {
    const decomposed = 'Caf\u0065\u0301 \u{1f600} \u00e9';
    const claim = dataOf(await withVariable(createClaim!, decomposed)).createClaim;
    const stored = (await api.db.prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).text;
    expect([...stored].map((char) => char.codePointAt(0))).toEqual([...decomposed].map((char) => char.codePointAt(0)));
  });

  it('checks the size of every list before its items: a huge list gets the one size error, its items unread', async () => {
    const before = await tableCounts(api.db.prisma);
    // Blank and repeated items: had they been validated, each would be a violation of its own.
    const aliases = await api.gql(`mutation($input: CreateSpeakerInput!) { createSpeaker(input: $input) { id } }`, {
      input: { name: 'Jens', aliases: Array.from({ length: 100_000 }, (_, index) => (index % 2 ? ' ' : 'same')) },
    });
    expect(aliases.errors).toEqual([
      expect.objectContaining({
        message: 'input.aliases: aliases must contain no more than 20 elements',
        extensions: {
          code: 'BAD_USER_INPUT',
          field: 'input.aliases',
          violations: [{ field: 'input.aliases', message: 'aliases must contain no more than 20 elements' }],
        },
      }),
    ]);
    const rebuts = await api.gql(`mutation($input: CreateClaimInput!) { createClaim(input: $input) { id } }`, {
      input: {
        text: 'x',
        kind: 'QUOTE',
        speakerId,
        rebuts: Array.from({ length: 10_000 }, () => ({ claimId: 'not-an-id', stance: 'REFUTES' })),
      },
    });
    expect(rebuts.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.rebuts',
      violations: [{ field: 'input.rebuts', message: 'rebuts must contain no more than 100 elements' }],
    });
    const statuses = await api.gql(`query($filter: ClaimFilter) { claims(filter: $filter) { nodes { id } } }`, {
      filter: { reviewStatus: Array(60_000).fill('UNREVIEWED') },
    });
    expect(statuses.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.reviewStatus' });
    const stances = await api.gql(`query($id: ID!, $stances: [RebuttalStance!]) { trace(claimId: $id, stances: $stances) { truncated } }`, {
      id: claimId,
      stances: Array(60_000).fill('REFUTES'),
    });
    expect(stances.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'stances' });
    expect(await tableCounts(api.db.prisma)).toEqual(before);
  });

  it('reports at most 50 errors for variables, all coded: not one per bad item of a huge list', async () => {
    const response = await api.gql(`query($filter: ClaimFilter) { claims(filter: $filter) { totalCount } }`, {
      filter: { reviewStatus: Array(60_000).fill('x') },
    });
    expect(response.status).toBe(400);
    expect(response.errors).toHaveLength(50);
    for (const error of response.errors ?? []) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[49]?.extensions?.field).toBe('filter.reviewStatus[49]');
  });

  it('still validates the items of a list within its size: blank, repeated (ignoring case) and bad nested items', async () => {
    const create = (aliases: string[]) =>
      api.gql(`mutation($input: CreateSpeakerInput!) { createSpeaker(input: $input) { aliases } }`, { input: { name: 'Jens', aliases } });
    expect((await create(['NATO chief', ' ']))?.errors?.[0]?.extensions).toMatchObject({
      field: 'input.aliases',
      violations: [{ message: 'each of aliases must not be blank' }],
    });
    expect((await create(['NATO chief', ' nato CHIEF']))?.errors?.[0]?.extensions).toMatchObject({
      field: 'input.aliases',
      violations: [{ message: 'aliases must not repeat a name (ignoring case)' }],
    });
    expect(dataOf(await create(Array.from({ length: 20 }, (_, index) => `Alias ${index}`))).createSpeaker.aliases).toHaveLength(20);
    const nested = await api.gql(`mutation($input: CreateClaimInput!) { createClaim(input: $input) { id } }`, {
      input: {
        text: 'x',
        kind: 'QUOTE',
        speakerId,
        rebuts: [
          { claimId, stance: 'REFUTES' },
          { claimId: 'not-an-id', stance: 'REFUTES' },
        ],
      },
    });
    expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rebuts.1.claimId' });
  });

  it('refuses a body or a query string that is not UTF-8 with 400 and BAD_REQUEST, before reading it as GraphQL', async () => {
    const before = await tableCounts(api.db.prisma);
    const prefix = Buffer.from(`{"query":"mutation { createSpeaker(input: { name: \\"J`, 'utf8');
    for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80]]) {
      const body = Buffer.concat([prefix, Buffer.from(bad), Buffer.from(`\\" }) { id } }"}`, 'utf8')]);
      const response = await fetch(`${api.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
      expect(await response.json()).toEqual({
        errors: [{ message: 'Request body is not valid UTF-8', extensions: { code: 'BAD_REQUEST' } }],
      });
    }
    expect(await tableCounts(api.db.prisma)).toEqual(before);
    // A GET request's query string: its percent-escapes are bytes too.
    const preflight = { 'apollo-require-preflight': 'true' };
    for (const bad of ['%FF', '%C3', '%ED%A0%80', '%C3%28']) {
      const response = await fetch(
        `${api.url}graphql?query=${encodeURIComponent('{ speaker(slug: "x')}${bad}${encodeURIComponent('") { id } }')}`,
        { headers: preflight },
      );
      expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
      expect(await response.json()).toEqual({
        errors: [{ message: 'The query string is not valid UTF-8', extensions: { code: 'BAD_REQUEST' } }],
      });
    }
    const get = await fetch(`${api.url}graphql?query=${encodeURIComponent('{ speaker(slug: "é%") { id } }')}`, { headers: preflight });
    expect(await get.json()).toEqual({ data: { speaker: null } });
    // The same bytes as UTF-8 ("é") are fine.
    const body = Buffer.concat([prefix, Buffer.from('é'), Buffer.from(`\\" }) { name } }"}`, 'utf8')]);
    const response = await fetch(`${api.url}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminKey}` },
      body,
    });
    expect(await response.json()).toEqual({ data: { createSpeaker: { name: 'Jé' } } });
  });
});
