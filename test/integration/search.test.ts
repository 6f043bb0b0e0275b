import type { Connection, SearchHitShape, SpeakerShape } from '../helpers/api-shapes';
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';
import { makeClaim, makeSource, makeSpeaker } from '../helpers/factories';

const SEARCH = `query($query: String!, $filter: ClaimFilter, $first: Int, $after: String) {
  searchClaims(query: $query, filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { rank snippet claim { id text statedAt speaker { name } } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

const SPEAKERS = `query($search: String, $first: Int, $after: String) {
  speakers(search: $search, first: $first, after: $after) { totalCount nodes { id name aliases } pageInfo { hasNextPage endCursor } }
}`;

describe('search', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ seed: true });
  });
  afterAll(() => api.close());

  const search = async (query: string, variables: Record<string, unknown> = {}) =>
    dataOf(await api.gql(SEARCH, { query, ...variables })).searchClaims;
  const texts = (result: Connection<SearchHitShape>): string[] => result.edges.map((edge) => edge.node.claim.text);
  const speakers = async (search: string | null, variables: Record<string, unknown> = {}) =>
    dataOf(await api.gql(SPEAKERS, { search, ...variables })).speakers;
  const names = (result: Connection<SpeakerShape>): string[] => result.nodes.map((speaker) => speaker.name);

  describe('searchClaims', () => {
    it('ranks matches in the claim text above matches of the speaker, then the source, each latest first', async () => {
      const zorblat = await makeSpeaker(api.db.prisma, { name: 'Zorblat Quorn' });
      const other = await makeSpeaker(api.db.prisma);
      const source = await makeSource(api.db.prisma, { title: 'The Zorblat papers' });
      await makeClaim(api.db.prisma, { speakerId: other.id, sourceId: source.id, text: 'Cited in the papers only' });
      await makeClaim(api.db.prisma, { speakerId: zorblat.id, text: 'Said by him, undated' });
      await makeClaim(api.db.prisma, { speakerId: zorblat.id, text: 'Said by him, early', statedAt: new Date('2018-10-20') });
      await makeClaim(api.db.prisma, { speakerId: zorblat.id, text: 'Said by him, late', statedAt: new Date('2019-02-01') });
      await makeClaim(api.db.prisma, { speakerId: other.id, text: 'Zorblat is wrong' });

      const result = await search('zorblat');
      expect(texts(result)).toEqual([
        'Zorblat is wrong',
        'Said by him, late',
        'Said by him, early',
        'Said by him, undated',
        'Cited in the papers only',
      ]);
      expect(result.totalCount).toBe(5);
      const ranks = result.edges.map((edge) => edge.node.rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      expect(ranks[0]).toBeGreaterThan(ranks[1]!);
      expect(ranks[3]).toBeGreaterThan(ranks[4]!);
      expect(ranks.every((rank: number) => rank > 0 && rank <= 1)).toBe(true);
    });

    it('reads web-search syntax: quoted phrases, or, and -word', async () => {
      const speaker = await makeSpeaker(api.db.prisma);
      for (const text of [
        'Plutonic full compliance with the deal',
        'Plutonic compliance is never full',
        'Plutonic missiles in Europe',
        'Plutonic rockets in Asia',
      ]) {
        await makeClaim(api.db.prisma, { speakerId: speaker.id, text });
      }
      expect(texts(await search('plutonic "full compliance"'))).toEqual(['Plutonic full compliance with the deal']);
      expect(texts(await search('plutonic europe or asia')).sort()).toEqual(['Plutonic missiles in Europe', 'Plutonic rockets in Asia']);
      expect(texts(await search('plutonic -compliance -missile')).sort()).toEqual(['Plutonic rockets in Asia']);
      // English stemming: "missile" finds "missiles".
      expect(texts(await search('plutonic missile'))).toEqual(['Plutonic missiles in Europe']);
    });

    it('finds a speaker’s claims by the speaker’s name even where the text does not name them (seeded corpus)', async () => {
      const ryabkov = await api.db.prisma.speaker.findUniqueOrThrow({ where: { slug: 'sergei-ryabkov' }, include: { claims: true } });
      expect(ryabkov.claims.some((claim) => !/ryabkov/i.test(claim.text))).toBe(true);
      const result = await search('Ryabkov', { first: 100 });
      expect(texts(result)).toEqual(expect.arrayContaining(ryabkov.claims.map((claim) => claim.text)));
      // And by an alias, and combined with a word of the text.
      expect(texts(await search('"NATO Secretary General" treaty'))).toEqual(expect.arrayContaining(['is to preserve the treaty']));
      expect(texts(await search('Ryabkov intelligence')).length).toBeGreaterThan(0);
      // The README's example.
      const readme = await search('"into compliance" or violations -bolton');
      expect(readme.totalCount).toBeGreaterThanOrEqual(2);
      expect(readme.edges.map((edge) => edge.node.claim.speaker.name)).not.toContain('John Bolton');
      expect(readme.edges[0]!.node.snippet).toContain('<mark>');
    });

    it('finds claims by their source’s title', async () => {
      const speaker = await makeSpeaker(api.db.prisma);
      const source = await makeSource(api.db.prisma, { title: 'Quarterly Xylophone Review' });
      await makeClaim(api.db.prisma, { speakerId: speaker.id, sourceId: source.id, text: 'Nothing about instruments here' });
      expect(texts(await search('xylophone'))).toEqual(['Nothing about instruments here']);
    });

    it('follows renames: a speaker’s new alias or a source’s new title is searchable at once', async () => {
      const speaker = await makeSpeaker(api.db.prisma, { name: 'Before Rename' });
      const source = await makeSource(api.db.prisma, { title: 'Old title' });
      await makeClaim(api.db.prisma, { speakerId: speaker.id, sourceId: source.id, text: 'A plain sentence' });
      expect((await search('vexillologist')).totalCount).toBe(0);
      dataOf(
        await api.gql(`mutation($id: ID!) { updateSpeaker(id: $id, input: { aliases: ["The Vexillologist"] }) { id } }`, {
          id: speaker.id,
        }),
      );
      expect(texts(await search('vexillologist'))).toEqual(['A plain sentence']);
      dataOf(
        await api.gql(`mutation($id: ID!) { updateSource(id: $id, input: { title: "Gazette of Quokkas" }) { id } }`, { id: source.id }),
      );
      expect(texts(await search('quokka'))).toEqual(['A plain sentence']);
      expect((await search('"old title"')).totalCount).toBe(0);
    });

    it('marks the matching words in an HTML-escaped snippet', async () => {
      const speaker = await makeSpeaker(api.db.prisma, { name: 'Snippet Speaker' });
      await makeClaim(api.db.prisma, { speakerId: speaker.id, text: 'The <b>Wombat</b> accord & its wombats' });
      const [hit] = (await search('wombat')).edges;
      expect(hit!.node.snippet).toBe('The &lt;b&gt;<mark>Wombat</mark>&lt;/b&gt; accord &amp; its <mark>wombats</mark>');
      // Matched by the speaker only: the text, unmarked.
      const [bySpeaker] = (await search('"snippet speaker"')).edges;
      expect(bySpeaker!.node.snippet).not.toContain('<mark>');
      expect(bySpeaker!.node.snippet).toContain('accord');
      // A long text: the stretch around the match, not all of it.
      const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
      await makeClaim(api.db.prisma, { speakerId: speaker.id, text: `${filler(60)} the numbat treaty ${filler(60)}` });
      const [long] = (await search('numbat')).edges;
      expect(long!.node.snippet).toContain('<mark>numbat</mark>');
      expect(long!.node.snippet.split(' ').length).toBeLessThanOrEqual(35);
    });

    it('narrows by the claims filter: speaker, source, kind, stated days and text', async () => {
      const a = await makeSpeaker(api.db.prisma);
      const b = await makeSpeaker(api.db.prisma);
      const source = await makeSource(api.db.prisma);
      await makeClaim(api.db.prisma, { speakerId: a.id, sourceId: source.id, text: 'Kumquat one', statedAt: new Date('2018-10-20') });
      await makeClaim(api.db.prisma, { speakerId: a.id, text: 'Kumquat two', statedAt: new Date('2018-12-01'), kind: 'PARAPHRASE' });
      await makeClaim(api.db.prisma, { speakerId: b.id, sourceId: source.id, text: 'Kumquat three', statedAt: new Date('2019-01-05') });
      expect(texts(await search('kumquat', { filter: { speakerId: a.id } }))).toEqual(['Kumquat two', 'Kumquat one']);
      expect(texts(await search('kumquat', { filter: { sourceId: source.id, statedFrom: '2019-01-01' } }))).toEqual(['Kumquat three']);
      expect(texts(await search('kumquat', { filter: { statedFrom: '2018-11-01', statedTo: '2018-12-31', kind: 'PARAPHRASE' } }))).toEqual([
        'Kumquat two',
      ]);
      expect(texts(await search('kumquat', { filter: { text: 'THREE' } }))).toEqual(['Kumquat three']);
      expect((await search('kumquat', { filter: { speakerId: a.id, sourceId: source.id } })).totalCount).toBe(1);
      const inverted = await api.gql(SEARCH, { query: 'kumquat', filter: { statedFrom: '2019-01-01', statedTo: '2018-01-01' } });
      expect(inverted.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.statedTo' });
    });

    it('pages through ties in rank and day without duplicates or gaps', async () => {
      const speaker = await makeSpeaker(api.db.prisma);
      const days = [null, '2018-10-20', '2018-10-20', '2019-02-01', null];
      for (let i = 0; i < 23; i += 1) {
        // Three texts of different weight, repeated: many hits share a rank, and many share a day too.
        const text = ['Gnu gnu gnu herd', 'A gnu', 'Gnu and a long sentence about other grazing animals of the plains'][i % 3]!;
        const day = days[i % days.length];
        await makeClaim(api.db.prisma, { speakerId: speaker.id, text, statedAt: day ? new Date(day) : null });
      }
      const all = await search('gnu', { first: 100 });
      expect(all.totalCount).toBe(23);
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; ; page += 1) {
        const result: Connection<SearchHitShape> = await search('gnu', { first: 4, after });
        expect(result.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(result.totalCount).toBe(23);
        seen.push(...result.edges.map((edge) => edge.node.claim.id));
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
        expect(page).toBeLessThan(6);
      }
      expect(seen).toEqual(all.edges.map((edge) => edge.node.claim.id));
      expect(new Set(seen).size).toBe(23);
    });

    it('takes any string the input rules take: odd syntax is read as words, never as an error or as SQL', async () => {
      const odd = [
        '"',
        '(',
        ')',
        '!',
        ':*',
        "'",
        "''",
        '\\',
        '\\\\',
        '&|!<->',
        'gnu:*',
        '"unclosed phrase',
        'or',
        '-',
        '- -',
        'a & b | !c',
        "'; DROP TABLE claims; --",
        '\tgnu\n',
        '💥 gnu',
        'x'.repeat(500),
        'the',
        'the and of',
      ];
      for (const query of odd) {
        const response = await api.gql(SEARCH, { query });
        expect({ query, errors: response.errors }).toEqual({ query, errors: undefined });
        expect(JSON.stringify(response)).not.toMatch(/syntax|SELECT|tsquery/i);
      }
      expect(await api.db.prisma.claim.count()).toBeGreaterThan(0);
      // Only words too common to index: nothing matches, and that is the answer.
      expect(await search('the')).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
      expect((await search('\tgnu\n')).totalCount).toBe(23);
    });

    it('refuses a blank or over-long query and a foreign cursor with coded errors naming the argument', async () => {
      for (const query of ['', '   ', '\n\t']) {
        const response = await api.gql(SEARCH, { query });
        expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
      }
      const long = await api.gql(SEARCH, { query: 'x'.repeat(501) });
      expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
      const claimsCursor = dataOf(await api.gql(`{ claims(first: 1) { pageInfo { endCursor } } }`)).claims.pageInfo.endCursor;
      for (const after of [claimsCursor, 'bm9wZQ', Buffer.from('claim-search:[1,"x"]').toString('base64url')]) {
        const response = await api.gql(SEARCH, { query: 'gnu', after });
        expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      }
    });

    it('loads the speakers and sources of many hits in a fixed number of statements', async () => {
      const speakerList = await Promise.all(Array.from({ length: 8 }, () => makeSpeaker(api.db.prisma)));
      const sources = await Promise.all(Array.from({ length: 4 }, () => makeSource(api.db.prisma)));
      for (let i = 0; i < 40; i += 1) {
        await makeClaim(api.db.prisma, { speakerId: speakerList[i % 8]!.id, sourceId: sources[i % 4]!.id, text: `Okapi sighting ${i}` });
      }
      api.statements.length = 0;
      const data = dataOf(
        await api.gql(
          `{ searchClaims(query: "okapi", first: 40) { totalCount nodes { snippet claim { text speaker { name } source { title } } } } }`,
        ),
      );
      expect(data.searchClaims.nodes).toHaveLength(40);
      expect(data.searchClaims.totalCount).toBe(40);
      // The hits, their count, their speakers, their sources.
      expect(api.statements.length).toBeLessThanOrEqual(4);
    });
  });

  describe('speakers(search)', () => {
    it('finds speakers by name or alias, in part, ignoring case, accents and punctuation (seeded corpus)', async () => {
      for (const query of ['Stoltenberg', 'stolten', 'NATO Secretary General', 'secretary general', 'SECRETARY-GENERAL', 'nato chief']) {
        expect({ query, names: names(await speakers(query)) }).toEqual({ query, names: expect.arrayContaining(['Jens Stoltenberg']) });
      }
      expect(names(await speakers('DNI'))).toEqual(['Daniel Coats']);
      expect(names(await speakers('director of national'))).toEqual(['Daniel Coats']);
      expect(names(await speakers('Рябков'))).toEqual(['Sergei Ryabkov']);
      expect(names(await speakers('kosachev'))).toEqual(['Konstantin Kosachev']);
      await makeSpeaker(api.db.prisma, { name: 'José Ángel Gurría' });
      expect(names(await speakers('jose angel'))).toEqual(['José Ángel Gurría']);
      expect(names(await speakers('GURRIA'))).toEqual(['José Ángel Gurría']);
      expect((await speakers('zzzz-nobody')).totalCount).toBe(0);
      expect((await speakers(null, { first: 100 })).totalCount).toBe(await api.db.prisma.speaker.count());
    });

    it('puts exact names first, then names with a word starting with the search, then the rest, and pages them', async () => {
      const create = (name: string, aliases: string[] = []) =>
        api.gql(`mutation($input: CreateSpeakerInput!) { createSpeaker(input: $input) { id } }`, { input: { name, aliases } });
      await create('Emu Council');
      await create('Emu', []);
      await create('Bemused Writer');
      await create('Someone Else', ['emu']);
      await create('Alpha Emus');
      const result = await speakers('emu');
      expect(names(result)).toEqual(['Emu', 'Someone Else', 'Alpha Emus', 'Emu Council', 'Bemused Writer']);

      const paged: string[] = [];
      let after: string | null = null;
      do {
        const page: Connection<SpeakerShape> = await speakers('emu', { first: 2, after });
        paged.push(...names(page));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(paged).toEqual(names(result));
    });

    it('refuses a blank search', async () => {
      const response = await api.gql(SPEAKERS, { search: '  ' });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    });
  });

  describe('aliases', () => {
    const create = (input: Record<string, unknown>) =>
      api.gql(`mutation($input: CreateSpeakerInput!) { createSpeaker(input: $input) { id aliases } }`, { input });

    it('are trimmed on save, replaced on update, and cleared by null', async () => {
      const created = dataOf(await create({ name: 'Alias Holder', aliases: ['  The Holder ', 'AH'] })).createSpeaker;
      expect(created.aliases).toEqual(['The Holder', 'AH']);
      const update = (aliases: unknown) =>
        api.gql(`mutation($id: ID!, $aliases: [String!]) { updateSpeaker(id: $id, input: { aliases: $aliases }) { aliases } }`, {
          id: created.id,
          aliases,
        });
      expect(dataOf(await update(['Holder General'])).updateSpeaker.aliases).toEqual(['Holder General']);
      expect(dataOf(await update(null)).updateSpeaker.aliases).toEqual([]);
    });

    it('refuses blank, repeated, over-long and too many aliases, naming the field, and writes nothing', async () => {
      const before = await api.db.prisma.speaker.count();
      for (const aliases of [
        [' '],
        ['', 'x'],
        ['NATO chief', 'nato chief '],
        ['x'.repeat(201)],
        Array.from({ length: 21 }, (_, i) => `alias ${i}`),
      ]) {
        const response = await create({ name: 'Bad Aliases', aliases });
        expect({ aliases, extensions: response.errors?.[0]?.extensions }).toMatchObject({
          aliases,
          extensions: { code: 'BAD_USER_INPUT', field: 'input.aliases' },
        });
      }
      expect(await api.db.prisma.speaker.count()).toBe(before);
    });
  });
});
