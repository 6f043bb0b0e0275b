import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';
import { makeClaim, makeSource, makeSpeaker, tableCounts } from '../helpers/factories';

const CREATE_REBUTTAL = `mutation($input: CreateRebuttalInput!) {
  createRebuttal(input: $input) { id stance rationale claim { text } counterclaim { text speaker { name } } }
}`;

describe('rebuttals', () => {
  let api: TestServer;
  let claimId: string;
  let counterclaimId: string;
  beforeAll(async () => {
    api = await startTestServer();
    const coats = await makeSpeaker(api.db.prisma, { name: 'Daniel Coats' });
    const ryabkov = await makeSpeaker(api.db.prisma, { name: 'Sergei Ryabkov' });
    claimId = (await makeClaim(api.db.prisma, { speakerId: coats.id, text: 'Russia built illegal missiles' })).id;
    counterclaimId = (await makeClaim(api.db.prisma, { speakerId: ryabkov.id, text: 'Intelligence was tweaked' })).id;
  });
  afterAll(() => api.close());

  it('records that one claim counters another, visible from both ends', async () => {
    const rebuttal = dataOf(
      await api.gql(CREATE_REBUTTAL, { input: { claimId, counterclaimId, stance: 'DISPUTES', rationale: 'questions the evidence' } }),
    ).createRebuttal;
    expect(rebuttal).toMatchObject({
      stance: 'DISPUTES',
      claim: { text: 'Russia built illegal missiles' },
      counterclaim: { text: 'Intelligence was tweaked', speaker: { name: 'Sergei Ryabkov' } },
    });
    const ends = dataOf(
      await api.gql(
        `query($a: ID!, $b: ID!) { a: claim(id: $a) { ...ends } b: claim(id: $b) { ...ends } }
                fragment ends on Claim { rebuttals { nodes { id } } rebuts { nodes { id } } }`,
        {
          a: claimId,
          b: counterclaimId,
        },
      ),
    );
    expect(ends).toEqual({
      a: { rebuttals: { nodes: [{ id: rebuttal.id }] }, rebuts: { nodes: [] } },
      b: { rebuttals: { nodes: [] }, rebuts: { nodes: [{ id: rebuttal.id }] } },
    });
  });

  it('refuses a duplicate pair (CONFLICT), a self-rebuttal and unknown claims (BAD_USER_INPUT), writing nothing', async () => {
    const before = await tableCounts(api.db.prisma);
    const duplicate = await api.gql(CREATE_REBUTTAL, { input: { claimId, counterclaimId, stance: 'REFUTES' } });
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.counterclaimId' });
    const self = await api.gql(CREATE_REBUTTAL, { input: { claimId, counterclaimId: claimId, stance: 'REFUTES' } });
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.counterclaimId' });
    const unknown = await api.gql(CREATE_REBUTTAL, {
      input: { claimId: '0190a000-0000-7000-8000-000000000000', counterclaimId, stance: 'REFUTES' },
    });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.claimId' });
    const badStance = await api.gql(CREATE_REBUTTAL, { input: { claimId, counterclaimId, stance: 'AGREES' } });
    expect(badStance.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stance' });
    expect(await tableCounts(api.db.prisma)).toEqual(before);
  });

  it('holds the no-self-rebuttal rule in the database too', async () => {
    await expect(api.db.prisma.rebuttal.create({ data: { claimId, counterclaimId: claimId, stance: 'REFUTES' } })).rejects.toThrow(
      /rebuttals_not_self_check/,
    );
  });

  it('updates and deletes a rebuttal; a missing one is NOT_FOUND', async () => {
    const { id } = await api.db.prisma.rebuttal.findFirstOrThrow({ where: { claimId, counterclaimId } });
    const updated = dataOf(
      await api.gql(`mutation($id: ID!) { updateRebuttal(id: $id, input: { stance: REFUTES, rationale: null }) { stance rationale } }`, {
        id,
      }),
    );
    expect(updated.updateRebuttal).toEqual({ stance: 'REFUTES', rationale: null });
    dataOf(await api.gql(`mutation($id: ID!) { deleteRebuttal(id: $id) { id } }`, { id }));
    const again = await api.gql(`mutation($id: ID!) { deleteRebuttal(id: $id) { id } }`, { id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(dataOf(await api.gql(`query($id: ID!) { rebuttal(id: $id) { id } }`, { id })).rebuttal).toBeNull();
  });
});

describe('sources', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  const CREATE_SOURCE = `mutation($input: CreateSourceInput!) { createSource(input: $input) { id title url publisher author publishedAt kind } }`;

  it('creates, reads, updates and lists sources', async () => {
    const source = dataOf(
      await api.gql(CREATE_SOURCE, {
        input: {
          title: 'NATO plans for a Russia with more missiles',
          url: 'https://example.org/inf',
          author: 'Tara Copp',
          publishedAt: '2019-02-13T12:00:00.000Z',
        },
      }),
    ).createSource;
    expect(source).toMatchObject({ kind: 'ARTICLE', author: 'Tara Copp', publishedAt: '2019-02-13T12:00:00.000Z', publisher: null });
    const updated = dataOf(
      await api.gql(`mutation($id: ID!) { updateSource(id: $id, input: { kind: TRANSCRIPT, url: null }) { kind url title } }`, {
        id: source.id,
      }),
    ).updateSource;
    expect(updated).toEqual({ kind: 'TRANSCRIPT', url: null, title: source.title });
    const listed = dataOf(await api.gql(`{ sources { totalCount nodes { id } } }`)).sources;
    expect(listed.nodes.map((node) => node.id)).toContain(source.id);
  });

  it('keeps URLs unique and valid', async () => {
    dataOf(await api.gql(CREATE_SOURCE, { input: { title: 'A', url: 'https://example.org/unique' } }));
    const duplicate = await api.gql(CREATE_SOURCE, { input: { title: 'B', url: 'https://example.org/unique' } });
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.url' });
    const invalid = await api.gql(CREATE_SOURCE, { input: { title: 'C', url: 'not a url' } });
    expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
  });

  it('refuses to delete a source that claims cite (CONFLICT), deletes an uncited one', async () => {
    const cited = await makeSource(api.db.prisma);
    const speaker = await makeSpeaker(api.db.prisma);
    await makeClaim(api.db.prisma, { speakerId: speaker.id, sourceId: cited.id });
    const refused = await api.gql(`mutation($id: ID!) { deleteSource(id: $id) { id } }`, { id: cited.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(await api.db.prisma.source.findUnique({ where: { id: cited.id } })).not.toBeNull();

    const uncited = await makeSource(api.db.prisma);
    dataOf(await api.gql(`mutation($id: ID!) { deleteSource(id: $id) { id } }`, { id: uncited.id }));
    expect(await api.db.prisma.source.findUnique({ where: { id: uncited.id } })).toBeNull();
  });
});
