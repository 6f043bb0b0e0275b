// Filters match what they say: an equality filter is an equality (case aside), a "contains" filter looks for the
// text itself; `%`, `_` and `\` are characters like any other, never wildcards or errors.
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';
import { makeClaim, makeSpeaker } from '../helpers/factories';

const TEXTS = ['We are 100% sure', 'snake_case names', 'a back\\slash here', 'Plain words', 'MIXED case Words', 'ends with a backslash \\'];

describe('filters', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
    const speaker = await makeSpeaker(api.db.prisma, { name: 'Percent_Man' });
    const claims = [];
    for (const text of TEXTS) claims.push(await makeClaim(api.db.prisma, { speakerId: speaker.id, text }));
    for (const [index, organizationName] of ['Fact_Desk', 'FactXDesk', '100% Checks', 'Back\\Slash', 'Plain Desk'].entries()) {
      await api.db.prisma.review.create({
        data: { claimId: claims[index]!.id, rating: 'TRUE', organizationName, language: index === 0 ? 'en-GB' : 'en' },
      });
    }
    await api.db.prisma.review.create({ data: { claimId: claims[5]!.id, rating: 'TRUE', organizationName: 'Else', language: 'en_GB' } });
  });
  afterAll(() => api.close());

  const claimTexts = async (text: string) =>
    dataOf(await api.gql(`query($text: String) { claims(filter: { text: $text }) { nodes { text } } }`, { text })).claims.nodes.map(
      (node: { text: string }) => node.text,
    );
  const searchTexts = async (text: string) =>
    dataOf(
      await api.gql(`query($text: String) { searchClaims(query: "percent_man", filter: { text: $text }) { nodes { claim { text } } } }`, {
        text,
      }),
    ).searchClaims.nodes.map((node: { claim: { text: string } }) => node.claim.text);
  const organizations = async (filter: Record<string, string>) =>
    dataOf(
      await api.gql(`query($filter: ReviewFilter) { reviews(filter: $filter) { nodes { organizationName } } }`, { filter }),
    ).reviews.nodes.map((node: { organizationName: string }) => node.organizationName);

  it('claims(filter: { text }) finds the text itself: %, _ and \\ are no wildcards, case is still ignored', async () => {
    expect(await claimTexts('%')).toEqual(['We are 100% sure']);
    expect(await claimTexts('_')).toEqual(['snake_case names']);
    expect(await claimTexts('e_c')).toEqual(['snake_case names']);
    expect(await claimTexts('\\')).toEqual(['a back\\slash here', 'ends with a backslash \\']);
    expect(await claimTexts('k\\s')).toEqual(['a back\\slash here']);
    expect(await claimTexts('%%')).toEqual([]);
    expect(await claimTexts('words')).toEqual(['Plain words', 'MIXED case Words']);
  });

  it('searchClaims takes the same filter, matched the same way', async () => {
    expect(await searchTexts('%')).toEqual(['We are 100% sure']);
    expect(await searchTexts('\\')).toEqual(expect.arrayContaining(['a back\\slash here', 'ends with a backslash \\']));
    expect(await searchTexts('\\')).toHaveLength(2);
    expect(await searchTexts('_')).toEqual(['snake_case names']);
  });

  it('reviews(filter: { organizationName }) is an equality ignoring case, whatever the characters', async () => {
    expect(await organizations({ organizationName: '%' })).toEqual([]);
    expect(await organizations({ organizationName: '\\' })).toEqual([]);
    expect(await organizations({ organizationName: '_' })).toEqual([]);
    expect(await organizations({ organizationName: 'fact_desk' })).toEqual(['Fact_Desk']);
    expect(await organizations({ organizationName: '100% CHECKS' })).toEqual(['100% Checks']);
    expect(await organizations({ organizationName: 'back\\slash' })).toEqual(['Back\\Slash']);
    expect(await organizations({ organizationName: 'Plain%' })).toEqual([]);
    expect(await organizations({ organizationName: 'plain desk' })).toEqual(['Plain Desk']);
  });

  it('reviews(filter: { language }) takes the language and its regions, not look-alikes', async () => {
    expect((await organizations({ language: 'en' })).sort()).toEqual([
      '100% Checks',
      'Back\\Slash',
      'FactXDesk',
      'Fact_Desk',
      'Plain Desk',
    ]);
    expect(await organizations({ language: 'en-GB' })).toEqual(['Fact_Desk']);
  });

  it('speakers(search) treats %, _ and \\ as the punctuation they are', async () => {
    const names = async (search: string) =>
      dataOf(await api.gql(`query($search: String) { speakers(search: $search) { nodes { name } } }`, { search })).speakers.nodes.map(
        (node: { name: string }) => node.name,
      );
    await makeSpeaker(api.db.prisma, { name: 'Other Speaker' });
    for (const search of ['%', '_', '\\', '%%']) expect({ search, names: await names(search) }).toEqual({ search, names: [] });
    expect(await names('percent_man')).toEqual(['Percent_Man']);
    expect(await names('percent%man')).toEqual(['Percent_Man']);
  });
});
