import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';
import { makeClaim, makeSource, makeSpeaker, tableCounts } from '../helpers/factories';

const CREATE = `mutation($input: CreateClaimInput!) {
  createClaim(input: $input) { id text kind statedAt speaker { name } source { title } rebuts { nodes { stance claim { text } } } }
}`;

describe('claims', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  it('creates a claim with its speaker, source and stated date', async () => {
    const speaker = await makeSpeaker(api.db.prisma, { name: 'Heiko Maas' });
    const source = await makeSource(api.db.prisma, { title: 'INF article' });
    const claim = dataOf(
      await api.gql(CREATE, {
        input: {
          text: 'We don’t want Europe to become the scene of a debate',
          kind: 'QUOTE',
          statedAt: '2018-11-27',
          speakerId: speaker.id,
          sourceId: source.id,
        },
      }),
    ).createClaim;
    expect(claim).toMatchObject({
      kind: 'QUOTE',
      statedAt: '2018-11-27',
      speaker: { name: 'Heiko Maas' },
      source: { title: 'INF article' },
      rebuts: { nodes: [] },
    });
  });

  it('creates a claim together with the rebuttals it makes, in one transaction', async () => {
    const speaker = await makeSpeaker(api.db.prisma);
    const target = await makeClaim(api.db.prisma, { speakerId: speaker.id, text: 'Russia violates the treaty' });
    const claim = dataOf(
      await api.gql(CREATE, {
        input: {
          text: 'The accusations are baseless',
          kind: 'PARAPHRASE',
          speakerId: speaker.id,
          rebuts: [{ claimId: target.id, stance: 'REFUTES', rationale: 'denial' }],
        },
      }),
    ).createClaim;
    expect(claim.rebuts.nodes).toEqual([{ stance: 'REFUTES', claim: { text: 'Russia violates the treaty' } }]);

    // One rebuttal target does not exist: neither the claim nor the valid rebuttal may be written.
    const before = await tableCounts(api.db.prisma);
    const failed = await api.gql(CREATE, {
      input: {
        text: 'Half-written?',
        kind: 'QUOTE',
        speakerId: speaker.id,
        rebuts: [
          { claimId: target.id, stance: 'DISPUTES' },
          { claimId: '0190a000-0000-7000-8000-000000000000', stance: 'REFUTES' },
        ],
      },
    });
    expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rebuts' });
    expect(await tableCounts(api.db.prisma)).toEqual(before);
  });

  it('rejects bad input with a coded error naming the field, and writes nothing', async () => {
    const speaker = await makeSpeaker(api.db.prisma);
    const before = await tableCounts(api.db.prisma);
    const cases: [Record<string, unknown>, string][] = [
      [{ text: '  ', kind: 'QUOTE', speakerId: speaker.id }, 'input.text'],
      [{ text: 'x', kind: 'QUOTE', speakerId: '0190a000-0000-7000-8000-000000000000' }, 'input.speakerId'],
      [{ text: 'x', kind: 'QUOTE', speakerId: speaker.id, sourceId: '0190a000-0000-7000-8000-000000000000' }, 'input.sourceId'],
      [{ text: 'x', kind: 'QUOTE', speakerId: 'not-an-id' }, 'input.speakerId'],
      [{ text: 'x', kind: 'QUOTE', speakerId: speaker.id, statedAt: '2018-02-30' }, 'input.statedAt'],
      [{ text: 'x', kind: 'RUMOUR', speakerId: speaker.id }, 'input.kind'],
      [{ text: 'x'.repeat(10_001), kind: 'QUOTE', speakerId: speaker.id }, 'input.text'],
    ];
    for (const [input, field] of cases) {
      const response = await api.gql(CREATE, { input });
      expect({ field, extensions: response.errors?.[0]?.extensions }).toMatchObject({
        field,
        extensions: { code: 'BAD_USER_INPUT', field },
      });
      expect(JSON.stringify(response)).not.toMatch(/prisma|SELECT|INSERT|at .*\.ts/i);
    }
    expect(await tableCounts(api.db.prisma)).toEqual(before);
  });

  it('updates a claim: null clears the source and date, omitted fields stay', async () => {
    const speaker = await makeSpeaker(api.db.prisma);
    const source = await makeSource(api.db.prisma);
    const claim = await makeClaim(api.db.prisma, { speakerId: speaker.id, sourceId: source.id, statedAt: new Date('2018-10-20') });
    const updated = dataOf(
      await api.gql(
        `mutation($id: ID!) { updateClaim(id: $id, input: { sourceId: null, statedAt: null, kind: PARAPHRASE }) { text kind statedAt source { id } } }`,
        {
          id: claim.id,
        },
      ),
    ).updateClaim;
    expect(updated).toEqual({ text: claim.text, kind: 'PARAPHRASE', statedAt: null, source: null });
    const missing = await api.gql(`mutation { updateClaim(id: "0190a000-0000-7000-8000-000000000000", input: { text: "x" }) { id } }`);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('deletes a claim and the rebuttal edges it stands on, keeping the other claims', async () => {
    const speaker = await makeSpeaker(api.db.prisma);
    const a = await makeClaim(api.db.prisma, { speakerId: speaker.id });
    const b = await makeClaim(api.db.prisma, { speakerId: speaker.id });
    const c = await makeClaim(api.db.prisma, { speakerId: speaker.id });
    await api.db.prisma.rebuttal.createMany({
      data: [
        { claimId: a.id, counterclaimId: b.id, stance: 'REFUTES' },
        { claimId: b.id, counterclaimId: c.id, stance: 'QUALIFIES' },
      ],
    });
    dataOf(await api.gql(`mutation($id: ID!) { deleteClaim(id: $id) { id } }`, { id: b.id }));
    expect(await api.db.prisma.rebuttal.count({ where: { OR: [{ claimId: b.id }, { counterclaimId: b.id }] } })).toBe(0);
    expect(await api.db.prisma.claim.count({ where: { id: { in: [a.id, c.id] } } })).toBe(2);
  });

  it('filters by speaker, source, kind, stated date range and text, and pages the result', async () => {
    const speaker = await makeSpeaker(api.db.prisma);
    const other = await makeSpeaker(api.db.prisma);
    const source = await makeSource(api.db.prisma);
    const days = ['2018-10-20', '2018-11-16', '2018-11-27', '2019-02-01'];
    for (const [index, day] of days.entries()) {
      await makeClaim(api.db.prisma, {
        speakerId: speaker.id,
        sourceId: index % 2 ? source.id : null,
        statedAt: new Date(day),
        text: `Missile claim ${index}`,
      });
    }
    await makeClaim(api.db.prisma, { speakerId: other.id, text: 'missile talk elsewhere', kind: 'PARAPHRASE' });

    const query = `query($filter: ClaimFilter, $first: Int, $after: String) {
      claims(filter: $filter, first: $first, after: $after) { totalCount nodes { text statedAt } pageInfo { hasNextPage endCursor } } }`;
    const list = async (filter: Record<string, unknown>, first = 20, after?: string | null) =>
      dataOf(await api.gql(query, { filter, first, after })).claims;

    expect((await list({ speakerId: speaker.id })).totalCount).toBe(4);
    expect((await list({ speakerId: speaker.id, sourceId: source.id })).nodes.map((c) => c.statedAt)).toEqual(['2018-11-16', '2019-02-01']);
    expect((await list({ speakerId: speaker.id, statedFrom: '2018-11-16', statedTo: '2018-11-27' })).nodes.map((c) => c.statedAt)).toEqual([
      '2018-11-16',
      '2018-11-27',
    ]);
    expect((await list({ text: 'MISSILE' })).totalCount).toBeGreaterThanOrEqual(5);
    expect((await list({ text: 'missile', kind: 'PARAPHRASE' })).nodes.map((c) => c.text)).toContain('missile talk elsewhere');

    const firstPage = await list({ speakerId: speaker.id }, 3);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const secondPage = await list({ speakerId: speaker.id }, 3, firstPage.pageInfo.endCursor);
    expect(secondPage.nodes.map((c) => c.text)).toEqual(['Missile claim 3']);
    expect(secondPage.pageInfo.hasNextPage).toBe(false);

    const inverted = await api.gql(query, { filter: { statedFrom: '2019-01-01', statedTo: '2018-01-01' } });
    expect(inverted.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.statedTo' });
  });

  it('pages a speaker’s and a source’s claims as connections', async () => {
    const speaker = await makeSpeaker(api.db.prisma);
    const source = await makeSource(api.db.prisma);
    for (let i = 0; i < 5; i += 1) await makeClaim(api.db.prisma, { speakerId: speaker.id, sourceId: source.id, text: `c${i}` });
    const query = `query($id: ID!, $sourceId: ID!, $after: String) {
      speaker(id: $id) { claims(first: 2, after: $after) { totalCount nodes { text } pageInfo { hasNextPage endCursor } } }
      source(id: $sourceId) { claims(first: 10) { totalCount nodes { text } } } }`;
    const first = dataOf(await api.gql(query, { id: speaker.id, sourceId: source.id }));
    expect(first.speaker.claims).toMatchObject({ totalCount: 5, nodes: [{ text: 'c0' }, { text: 'c1' }], pageInfo: { hasNextPage: true } });
    expect(first.source.claims.nodes.map((c) => c.text)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    const second = dataOf(await api.gql(query, { id: speaker.id, sourceId: source.id, after: first.speaker.claims.pageInfo.endCursor }));
    expect(second.speaker.claims.nodes).toEqual([{ text: 'c2' }, { text: 'c3' }]);
  });
});
