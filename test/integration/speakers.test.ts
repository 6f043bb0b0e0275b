import type { Connection, SpeakerShape } from '../helpers/api-shapes';
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';

const SPEAKER_FIELDS = 'id slug name role affiliation country isNamed';

describe('speakers', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  const create = async (input: Record<string, unknown>) =>
    dataOf(await api.gql(`mutation($input: CreateSpeakerInput!) { createSpeaker(input: $input) { ${SPEAKER_FIELDS} } }`, { input }))
      .createSpeaker;

  it('creates a speaker, deriving the slug from the name and keeping it unique', async () => {
    const first = await create({ name: 'Jens Stoltenberg', role: 'NATO Secretary General', affiliation: 'NATO' });
    expect(first).toMatchObject({ slug: 'jens-stoltenberg', isNamed: true, role: 'NATO Secretary General', country: null });
    const second = await create({ name: 'Jens  Stoltenberg!' });
    expect(second.slug).toBe('jens-stoltenberg-2');
    const anonymous = await create({ name: 'A NATO official', isNamed: false });
    expect(anonymous).toMatchObject({ slug: 'a-nato-official', isNamed: false });
  });

  it('finds a speaker by id or by slug, and asks for exactly one of them', async () => {
    const maas = await create({ name: 'Heiko Maas', country: 'Germany' });
    const byId = dataOf(await api.gql(`{ speaker(id: "${maas.id}") { name } }`));
    const bySlug = dataOf(await api.gql(`{ speaker(slug: "heiko-maas") { id } }`));
    expect(byId.speaker.name).toBe('Heiko Maas');
    expect(bySlug.speaker.id).toBe(maas.id);
    expect(dataOf(await api.gql(`{ speaker(slug: "nobody") { id } }`)).speaker).toBeNull();

    const both = await api.gql(`{ speaker(id: "${maas.id}", slug: "heiko-maas") { id } }`);
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const neither = await api.gql(`{ speaker { id } }`);
    expect(neither.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const malformed = await api.gql(`{ speaker(id: "42") { id } }`);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('refuses a duplicate slug with CONFLICT and writes nothing', async () => {
    await create({ name: 'Sergei Ryabkov', slug: 'ryabkov' });
    const before = await api.db.prisma.speaker.count();
    const response = await api.gql(`mutation { createSpeaker(input: { name: "Someone else", slug: "ryabkov" }) { id } }`);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
    expect(await api.db.prisma.speaker.count()).toBe(before);
  });

  it('validates input and names the field at fault', async () => {
    const before = await api.db.prisma.speaker.count();
    const blank = await api.gql(`mutation { createSpeaker(input: { name: "   " }) { id } }`);
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const badSlug = await api.gql(`mutation { createSpeaker(input: { name: "X", slug: "Not A Slug" }) { id } }`);
    expect(badSlug.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.slug' });
    const missing = await api.gql(`mutation($input: CreateSpeakerInput!) { createSpeaker(input: $input) { id } }`, {
      input: { role: 'x' },
    });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(await api.db.prisma.speaker.count()).toBe(before);
  });

  it('updates only the fields given; null clears an optional field and is refused for a required one', async () => {
    const speaker = await create({ name: 'Konstantin Kosachev', role: 'Senator', country: 'Russia' });
    const updated = dataOf(
      await api.gql(
        `mutation($id: ID!) { updateSpeaker(id: $id, input: { role: null, affiliation: "Federation Council" }) { ${SPEAKER_FIELDS} } }`,
        {
          id: speaker.id,
        },
      ),
    ).updateSpeaker;
    expect(updated).toMatchObject({ name: 'Konstantin Kosachev', role: null, affiliation: 'Federation Council', country: 'Russia' });

    const nullName = await api.gql(`mutation($id: ID!) { updateSpeaker(id: $id, input: { name: null }) { id } }`, { id: speaker.id });
    expect(nullName.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });

    const unknown = await api.gql(`mutation { updateSpeaker(id: "0190a000-0000-7000-8000-000000000000", input: { name: "x" }) { id } }`);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('deletes a speaker without claims, and refuses (CONFLICT) one who has claims', async () => {
    const quiet = await create({ name: 'Quiet Person' });
    const deleted = dataOf(await api.gql(`mutation($id: ID!) { deleteSpeaker(id: $id) { id } }`, { id: quiet.id }));
    expect(deleted.deleteSpeaker.id).toBe(quiet.id);
    expect(await api.db.prisma.speaker.findUnique({ where: { id: quiet.id } })).toBeNull();

    const talker = await create({ name: 'Daniel Coats' });
    await api.db.prisma.claim.create({ data: { text: 'We believe…', kind: 'QUOTE', speakerId: talker.id } });
    const refused = await api.gql(`mutation($id: ID!) { deleteSpeaker(id: $id) { id } }`, { id: talker.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(refused.errors?.[0]?.message).toMatch(/has 1 claim/);
    expect(await api.db.prisma.speaker.findUnique({ where: { id: talker.id } })).not.toBeNull();
  });

  it('pages through all speakers with cursors, in a stable order, with a total count', async () => {
    const total = await api.db.prisma.speaker.count();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Connection<SpeakerShape> = dataOf(
        await api.gql(
          `query($after: String) { speakers(first: 2, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
          {
            after,
          },
        ),
      ).speakers;
      expect(page.totalCount).toBe(total);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges.map((edge) => edge.node.id));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(total / 2));
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort());
  });

  it('caps page size and rejects foreign cursors with clear errors', async () => {
    const tooMany = await api.gql(`{ speakers(first: 101) { totalCount } }`);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(tooMany.errors?.[0]?.message).toMatch(/100/);
    const badCursor = await api.gql(`{ speakers(after: "bm9wZQ") { totalCount } }`);
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
