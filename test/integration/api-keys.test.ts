// API keys over HTTP, on both databases: how they are stored (a hash, never the key), who a request is (viewer), the
// refusals of a missing or bad key (UNAUTHENTICATED, HTTP 401 with WWW-Authenticate: Bearer), key management through
// GraphQL (ADMIN only; a revoked key stops at once on the server that revoked it), and AUTH_ANONYMOUS_READS=false.
import { createHash } from 'node:crypto';
import { Role } from '../../src/auth/roles';
import { ApiKeyService } from '../../src/modules/api-keys/api-key.service';
import { dataOf, errorCodes, startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';

const CREATE_KEY = `mutation ($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { key apiKey { id name role prefix createdBy expiresAt lastUsedAt revokedAt revokedBy } }
}`;
const REVOKE_KEY = `mutation ($id: ID!) { revokeApiKey(id: $id) { id revokedAt revokedBy } }`;
const CREATE_SPEAKER = `mutation { createSpeaker(input: { name: "Keyed Speaker" }) { id } }`;
const VIEWER = `{ viewer { id name role } }`;

const KEY_FORM = /^ctk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** The request refused as a whole at the HTTP edge: 401, a Bearer challenge, one UNAUTHENTICATED error. */
function expectRefusedKey(response: GraphQLResponse & { headers: Headers }, message: RegExp): void {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe('Bearer');
  expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  expect(response.errors![0]!.message).toMatch(message);
  expect(response.data).toBeUndefined();
}

describe('API keys', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  it('stores a key only as the SHA-256 of its secret: no column holds the key or its secret', async () => {
    const { createApiKey } = dataOf(await api.gql(CREATE_KEY, { input: { name: 'stored as a hash', role: 'EDITOR' } }));
    const key = createApiKey.key;
    const [, lookupId, secret] = KEY_FORM.exec(key)!;
    expect(createApiKey.apiKey.prefix).toBe(`ctk_${lookupId}_…`);

    const [stored] = await api.db.prisma.$queryRaw<{ row: Record<string, unknown> }[]>`
      SELECT to_jsonb(k) AS row FROM api_keys k WHERE id = ${createApiKey.apiKey.id}::uuid`;
    const row = stored!.row;
    for (const [column, value] of Object.entries(row)) {
      expect({ column, holdsKey: String(value).includes(key) || String(value).includes(secret!) }).toEqual({ column, holdsKey: false });
    }
    expect(row.secret_sha256).toBe(createHash('sha256').update(secret!).digest('hex'));
    expect(row.lookup_id).toBe(lookupId);
    // And what was stored does work as the key it came from.
    expect(dataOf(await api.gql(VIEWER, {}, key)).viewer).toEqual({ id: createApiKey.apiKey.id, name: 'stored as a hash', role: 'EDITOR' });
  });

  it('viewer says who the key is, and is null without one', async () => {
    const key = await api.createKey(Role.REVIEWER, 'Rita Reviewer');
    expect(dataOf(await api.gql(VIEWER, {}, key)).viewer).toMatchObject({ name: 'Rita Reviewer', role: 'REVIEWER' });
    expect(dataOf(await api.gql(VIEWER, {}, null)).viewer).toBeNull();
  });

  it('refuses a mutation without a key with UNAUTHENTICATED, and writes nothing', async () => {
    const before = await api.db.prisma.speaker.count();
    const response = await api.post(CREATE_SPEAKER, {}, { authorization: '' });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors![0]!.message).toMatch(/Authorization: Bearer <key>/);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await api.db.prisma.speaker.count()).toBe(before);
    // A read without a key is answered: reads are public by default.
    expect((await api.post('{ speakers(first: 1) { totalCount } }', {}, { authorization: '' })).status).toBe(200);
  });

  it('refuses a malformed, unknown, revoked or expired key on any request, reads included, with 401', async () => {
    expectRefusedKey(await api.post('{ __typename }', {}, { authorization: 'Basic dXNlcjpwYXNz' }), /must be "Bearer <API key>"/);
    expectRefusedKey(await api.post('{ __typename }', {}, bearer('not-a-key')), /not one this server issues/);
    const real = await api.createKey(Role.VIEWER);
    // The right form, an existing lookup id, another secret: as unknown as a key never issued.
    const forged = `${real.slice(0, 21)}${'A'.repeat(43)}`;
    expectRefusedKey(await api.post('{ __typename }', {}, bearer(forged)), /^The API key is unknown$/);
    expectRefusedKey(await api.post('{ __typename }', {}, bearer(`ctk_${'0'.repeat(16)}_${'A'.repeat(43)}`)), /^The API key is unknown$/);

    const keys = new ApiKeyService(api.db.prisma);
    const revoked = await keys.create({ name: 'revoked before use', role: Role.ADMIN }, 'test');
    await keys.revoke(revoked.record.id, 'test');
    expectRefusedKey(await api.post('{ __typename }', {}, bearer(revoked.key)), /"revoked before use" was revoked on \d{4}-/);

    // Expired before its first use (set in the table: the API refuses an expiry in the past), and after it (from the
    // server's cache of checked keys, which checks the expiry at every use).
    const lapsed = await keys.create({ name: 'lapsed', role: Role.ADMIN }, 'test');
    await api.db.prisma.apiKey.update({ where: { id: lapsed.record.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expectRefusedKey(await api.post('{ __typename }', {}, bearer(lapsed.key)), /expired on \d{4}-/);
    const expiring = await keys.create({ name: 'expiring', role: Role.ADMIN, expiresAt: new Date(Date.now() + 1_500) }, 'test');
    expect((await api.post(VIEWER, {}, bearer(expiring.key))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiring.record.expiresAt!.getTime() - Date.now() + 50)));
    expectRefusedKey(await api.post(VIEWER, {}, bearer(expiring.key)), /expired on \d{4}-/);
  });

  it('createApiKey, apiKeys and revokeApiKey: ADMIN only, and a revoked key stops working at once', async () => {
    const publisher = await api.createKey(Role.PUBLISHER);
    const refused = await api.gql(CREATE_KEY, { input: { name: 'by a publisher', role: 'ADMIN' } }, publisher);
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors![0]!.extensions).toMatchObject({ requiredRole: 'ADMIN' });
    expect(errorCodes(await api.gql('{ apiKeys { totalCount } }', {}, publisher))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await api.gql('{ apiKeys { totalCount } }', {}, null))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await api.gql(CREATE_KEY, { input: { name: 'anonymous', role: 'VIEWER' } }, null))).toEqual(['UNAUTHENTICATED']);

    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const { createApiKey } = dataOf(await api.gql(CREATE_KEY, { input: { name: 'Eddie Editor', role: 'EDITOR', expiresAt } }));
    expect(createApiKey.key).toMatch(KEY_FORM);
    const adminId = dataOf(await api.gql(VIEWER)).viewer.id;
    expect(createApiKey.apiKey).toEqual({
      id: expect.any(String),
      name: 'Eddie Editor',
      role: 'EDITOR',
      prefix: `${createApiKey.key.slice(0, 21)}…`,
      createdBy: `key ${adminId} (test admin)`,
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    });
    const editor = createApiKey.key;
    expect(dataOf(await api.gql(CREATE_SPEAKER, {}, editor)).createSpeaker.id).toEqual(expect.any(String));

    const { apiKeys } = dataOf(await api.gql('{ apiKeys(first: 100) { totalCount nodes { id name prefix lastUsedAt } } }'));
    const listed = apiKeys.nodes.find((node: { id: string }) => node.id === createApiKey.apiKey.id);
    expect(listed).toMatchObject({
      name: 'Eddie Editor',
      prefix: createApiKey.apiKey.prefix,
      lastUsedAt: expect.stringMatching(/^\d{4}-/),
    });
    expect(JSON.stringify(apiKeys)).not.toContain(editor.slice(21));
    expect(apiKeys.totalCount).toBe(await api.db.prisma.apiKey.count());

    // Cached as working for the test server's whole hour; revoked through this server, it stops now.
    const { revokeApiKey } = dataOf(await api.gql(REVOKE_KEY, { id: createApiKey.apiKey.id }));
    expect(revokeApiKey).toEqual({
      id: createApiKey.apiKey.id,
      revokedAt: expect.stringMatching(/^\d{4}-/),
      revokedBy: `key ${adminId} (test admin)`,
    });
    expectRefusedKey(await api.post(VIEWER, {}, bearer(editor)), /"Eddie Editor" was revoked/);
    // Revoking it again changes nothing; an unknown id is NOT_FOUND, a malformed one BAD_USER_INPUT naming the field.
    expect(dataOf(await api.gql(REVOKE_KEY, { id: createApiKey.apiKey.id })).revokeApiKey).toEqual(revokeApiKey);
    expect(errorCodes(await api.gql(REVOKE_KEY, { id: '01a234c6-1883-7350-9e66-7a352d8e2d0d' }))).toEqual(['NOT_FOUND']);
    const malformed = await api.gql(REVOKE_KEY, { id: 'nope' });
    expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
    expect(malformed.errors![0]!.extensions).toMatchObject({ field: 'id' });
    expect(errorCodes(await api.gql(REVOKE_KEY, { id: createApiKey.apiKey.id }, publisher))).toEqual(['FORBIDDEN']);
  });

  it('refuses an expiry in the past and a role that is none, naming the field', async () => {
    const past = await api.gql(CREATE_KEY, { input: { name: 'too late', role: 'VIEWER', expiresAt: '2001-01-01T00:00:00Z' } });
    expect(errorCodes(past)).toEqual(['BAD_USER_INPUT']);
    expect(past.errors![0]!.extensions).toMatchObject({ field: 'input.expiresAt' });
    const role = await api.gql(CREATE_KEY, { input: { name: 'chief', role: 'CHIEF' } });
    expect(errorCodes(role)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('AUTH_ANONYMOUS_READS=false', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ config: { auth: { anonymousReads: false, keyCacheSeconds: 3600 } } });
  });
  afterAll(() => api.close());

  it('refuses an anonymous read with 401, and answers the same read sent with a VIEWER key', async () => {
    const query = '{ speakers(first: 1) { totalCount } }';
    const anonymous = await api.post(query, {}, { authorization: '' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.errors![0]!.message).toMatch(/only requests with an API key/);
    expect(anonymous.data).toBeUndefined();
    const viewer = await api.createKey(Role.VIEWER);
    const keyed = await api.post(query, {}, { authorization: `Bearer ${viewer}` });
    expect(keyed.status).toBe(200);
    expect(dataOf(keyed).speakers).toEqual({ totalCount: expect.any(Number) });
    // A VIEWER reads, and still writes nothing.
    expect(errorCodes(await api.gql(CREATE_SPEAKER, {}, viewer))).toEqual(['FORBIDDEN']);
  });
});
