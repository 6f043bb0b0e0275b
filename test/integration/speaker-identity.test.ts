// Speakers with identities: a Wikidata item and sameAs URLs, validated and unique; the lookup by Wikidata item; an
// unnamed speaker linked to its organization instead; the identities in ClaimReview (itemReviewed.author.sameAs),
// in the jsonl round trip, and taken from an imported ClaimReview's claimant.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportDatabase } from '../../src/modules/exchange/export.service';
import { Importer } from '../../src/modules/exchange/import.service';
import { openImportFile } from '../../src/modules/exchange/import-file';
import { commandWrite } from '../../src/modules/history/recorded-transaction';
import { makeClaim } from '../helpers/factories';
import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';

const FIELDS = 'id slug name isNamed wikidataId sameAs organization { id name wikidataId sameAs }';
const CREATE = `mutation($input: CreateSpeakerInput!) { createSpeaker(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateSpeakerInput!) { updateSpeaker(id: $id, input: $input) { ${FIELDS} } }`;

interface IdentityShape {
  id: string;
  slug: string;
  name: string;
  isNamed: boolean;
  wikidataId: string | null;
  sameAs: string[];
  organization: { id: string; name: string; wikidataId: string | null; sameAs: string[] } | null;
}

describe('speaker identities', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  const create = (input: Record<string, unknown>) => api.gql<{ createSpeaker: IdentityShape }>(CREATE, { input });
  const created = async (input: Record<string, unknown>) => dataOf(await create(input)).createSpeaker;
  const update = (id: string, input: Record<string, unknown>) => api.gql<{ updateSpeaker: IdentityShape }>(UPDATE, { id, input });
  const errorOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions;

  let nato: IdentityShape;

  it('records a Wikidata item and sameAs URLs (kept once each), and finds the speaker by its item', async () => {
    nato = await created({
      name: 'NATO',
      wikidataId: 'Q7184',
      sameAs: [
        'https://www.nato.int/',
        'https://en.wikipedia.org/wiki/NATO',
        'https://WWW.NATO.INT/',
        ' https://en.wikipedia.org/wiki/NATO',
      ],
    });
    expect(nato).toMatchObject({ wikidataId: 'Q7184', sameAs: ['https://www.nato.int/', 'https://en.wikipedia.org/wiki/NATO'] });

    const found = dataOf(await api.gql<{ speaker: { id: string } | null }>(`{ speaker(wikidataId: "Q7184") { id } }`)).speaker;
    expect(found?.id).toBe(nato.id);
    expect(dataOf(await api.gql<{ speaker: null }>(`{ speaker(wikidataId: "Q999999999") { id } }`)).speaker).toBeNull();
  });

  it('refuses a malformed Wikidata id or URL with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const before = await api.db.prisma.speaker.count();
    for (const wikidataId of ['q42', 'Q042', '42', 'Q', 'Q42 ', 'P31', 'https://www.wikidata.org/wiki/Q42']) {
      expect({ wikidataId, error: errorOf(await create({ name: 'Someone', wikidataId })) }).toEqual({
        wikidataId,
        error: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.wikidataId' }),
      });
    }
    for (const sameAs of [['not a url'], ['ftp://example.org/x'], ['/wiki/NATO']]) {
      expect(errorOf(await create({ name: 'Someone', sameAs }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sameAs' });
    }
    expect(errorOf(await update(nato.id, { wikidataId: 'Q0' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.wikidataId' });
    expect(await api.db.prisma.speaker.count()).toBe(before);

    const lookup = await api.gql(`{ speaker(wikidataId: "nato") { id } }`);
    expect(errorOf(lookup)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'wikidataId' });
    const two = await api.gql(`{ speaker(slug: "nato", wikidataId: "Q7184") { id } }`);
    expect(errorOf(two)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'wikidataId' });
    expect(two.errors?.[0]?.message).toMatch(/exactly one of id, slug or wikidataId/);
  });

  it('keeps a Wikidata item to one speaker: CONFLICT naming wikidataId', async () => {
    const before = await api.db.prisma.speaker.count();
    expect(errorOf(await create({ name: 'North Atlantic Treaty Organization', wikidataId: 'Q7184' }))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.wikidataId',
    });
    expect(await api.db.prisma.speaker.count()).toBe(before);
    const other = await created({ name: 'Donald Trump' });
    expect(errorOf(await update(other.id, { wikidataId: 'Q7184' }))).toMatchObject({ code: 'CONFLICT', field: 'input.wikidataId' });
    expect(dataOf(await update(other.id, { wikidataId: 'Q22686' })).updateSpeaker.wikidataId).toBe('Q22686');
    expect(dataOf(await update(other.id, { wikidataId: null, sameAs: null })).updateSpeaker).toMatchObject({
      wikidataId: null,
      sameAs: [],
    });
  });

  it('links an unnamed speaker to its organization, and refuses it an identity of its own', async () => {
    const before = await api.db.prisma.speaker.count();
    expect(errorOf(await create({ name: 'A NATO official', isNamed: false, wikidataId: 'Q42' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.wikidataId',
    });
    expect(errorOf(await create({ name: 'A NATO official', isNamed: false, sameAs: ['https://www.nato.int/'] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.sameAs',
    });
    expect(await api.db.prisma.speaker.count()).toBe(before);

    const official = await created({ name: 'A NATO official', isNamed: false, organizationId: nato.id });
    expect(official).toMatchObject({ wikidataId: null, sameAs: [], organization: { id: nato.id, name: 'NATO', wikidataId: 'Q7184' } });

    // Becoming unnamed with an identity of its own is refused too; the identity cleared in the same update, accepted.
    const named = await created({ name: 'Jens Stoltenberg', wikidataId: 'Q1000001' });
    expect(errorOf(await update(named.id, { isNamed: false }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.isNamed' });
    expect(dataOf(await update(named.id, { isNamed: false, wikidataId: null, organizationId: nato.id })).updateSpeaker).toMatchObject({
      isNamed: false,
      wikidataId: null,
      organization: { id: nato.id },
    });
    // The database holds the rule for every other path.
    await expect(api.db.prisma.speaker.update({ where: { id: official.id }, data: { wikidataId: 'Q5' } })).rejects.toThrow();

    // One level: no chains, no cycles, no self-links; an organization that does not exist is named as such.
    const alliance = await created({ name: 'Some alliance' });
    expect(errorOf(await update(alliance.id, { organizationId: official.id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.organizationId',
    });
    expect(errorOf(await update(nato.id, { organizationId: alliance.id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.organizationId',
    });
    expect(errorOf(await update(alliance.id, { organizationId: alliance.id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.organizationId',
    });
    expect(errorOf(await update(alliance.id, { organizationId: '0190a000-0000-7000-8000-000000000000' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.organizationId',
    });

    // An organization its members name is not deleted from under them.
    const deleted = await api.gql(`mutation($id: ID!) { deleteSpeaker(id: $id) { id } }`, { id: nato.id });
    expect(errorOf(deleted)).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(deleted.errors?.[0]?.message).toMatch(/is the organization of 2 speaker/);
  });

  it('records the identity fields in history, under the names the API gives them', async () => {
    const speaker = await created({ name: 'Heiko Maas' });
    await update(speaker.id, { wikidataId: 'Q1000002', sameAs: ['https://en.wikipedia.org/wiki/Heiko_Maas'], organizationId: nato.id });
    const HISTORY = `query($filter: HistoryFilter) { history(filter: $filter) { nodes { action changes { field before after } } } }`;
    const entries = dataOf(
      await api.gql<{ history: { nodes: { action: string; changes: { field: string; before: unknown; after: unknown }[] }[] } }>(HISTORY, {
        filter: { entityId: speaker.id },
      }),
    ).history.nodes;
    const updated = entries.find((entry) => entry.action === 'UPDATE')!;
    expect(updated.changes).toEqual([
      { field: 'organizationId', before: null, after: nato.id },
      { field: 'sameAs', before: [], after: ['https://en.wikipedia.org/wiki/Heiko_Maas'] },
      { field: 'wikidataId', before: null, after: 'Q1000002' },
    ]);
  });

  it('gives the claim author its sameAs in ClaimReview, and an unnamed speaker its organization', async () => {
    const person = await created({
      name: 'Heiko Maas (ClaimReview)',
      wikidataId: 'Q1000003',
      sameAs: ['https://en.wikipedia.org/wiki/Heiko_Maas', 'https://www.wikidata.org/wiki/Q1000003'],
    });
    await api.db.prisma.speaker.update({ where: { id: person.id }, data: { role: 'Foreign Minister' } });
    const official = await created({ name: 'A NATO official (ClaimReview)', isNamed: false, organizationId: nato.id });
    const REVIEW = `mutation($input: CreateReviewInput!) { createReview(input: $input) { id } }`;
    const READ = `query($id: ID!) { review(id: $id) { claimReview schemaOrg { itemReviewed { author {
      __typename type name ... on SchemaOrgPerson { jobTitle sameAs } ... on SchemaOrgOrganization { sameAs } } } } } }`;
    type Read = { review: { claimReview: { itemReviewed: { author: unknown } }; schemaOrg: { itemReviewed: { author: unknown } } } };
    const authorOf = async (speakerId: string) => {
      const claim = await makeClaim(api.db.prisma, { speakerId });
      const { createReview } = dataOf(
        await api.gql<{ createReview: { id: string } }>(REVIEW, {
          input: { claimId: claim.id, rating: 'FALSE', organizationName: 'Desk' },
        }),
      );
      return dataOf(await api.gql<Read>(READ, { id: createReview.id })).review;
    };

    const ofPerson = await authorOf(person.id);
    expect(ofPerson.claimReview.itemReviewed.author).toEqual({
      '@type': 'Person',
      name: 'Heiko Maas (ClaimReview)',
      jobTitle: 'Foreign Minister',
      sameAs: ['https://www.wikidata.org/wiki/Q1000003', 'https://en.wikipedia.org/wiki/Heiko_Maas'],
    });
    expect(ofPerson.schemaOrg.itemReviewed.author).toMatchObject({
      __typename: 'SchemaOrgPerson',
      sameAs: ['https://www.wikidata.org/wiki/Q1000003', 'https://en.wikipedia.org/wiki/Heiko_Maas'],
    });

    const ofOfficial = await authorOf(official.id);
    expect(ofOfficial.claimReview.itemReviewed.author).toEqual({
      '@type': 'Organization',
      name: 'NATO',
      sameAs: ['https://www.wikidata.org/wiki/Q7184', 'https://www.nato.int/', 'https://en.wikipedia.org/wiki/NATO'],
    });
    expect(ofOfficial.schemaOrg.itemReviewed.author).toMatchObject({
      __typename: 'SchemaOrgOrganization',
      type: 'Organization',
      name: 'NATO',
    });
  });

  describe('exchange', () => {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-speaker-identity-'));
    afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

    const importFile = async (db: TestServer['db'], file: string) => {
      const importer = await Importer.open(db.prisma, commandWrite('IMPORT', `import ${path.basename(file)}`));
      await openImportFile(file).run(importer, () => {});
      return importer.summary;
    };

    it('carries the identities through the jsonl round trip, organizations before the speakers naming them', async () => {
      // A member older than its organization: the export still lists the organization first.
      const member = await api.db.prisma.speaker.create({
        data: { name: 'An EU official', slug: `eu-official-${process.pid}`, isNamed: false },
      });
      const union = await api.db.prisma.speaker.create({
        data: { name: 'European Union', slug: `eu-${process.pid}`, wikidataId: 'Q458', sameAs: ['https://european-union.europa.eu/'] },
      });
      await api.db.prisma.speaker.update({ where: { id: member.id }, data: { organizationId: union.id } });

      const chunks: string[] = [];
      await exportDatabase(api.db.prisma, 'jsonl', {}, async (chunk) => void chunks.push(chunk));
      const file = path.join(workDir, 'speakers.jsonl');
      fs.writeFileSync(file, chunks.join(''));
      const speakers = chunks
        .join('')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.type === 'speaker');
      const position = (id: string) => speakers.findIndex((line) => line.id === id);
      expect(position(union.id)).toBeLessThan(position(member.id));
      expect(speakers[position(union.id)]).toMatchObject({
        wikidataId: 'Q458',
        sameAs: ['https://european-union.europa.eu/'],
        organizationId: null,
      });

      const copy = await startTestServer();
      try {
        const summary = await importFile(copy.db, file);
        expect(summary.rejected).toEqual([]);
        const select = { id: true, isNamed: true, wikidataId: true, sameAs: true, organizationId: true } as const;
        const original = await api.db.prisma.speaker.findMany({ select, orderBy: { id: 'asc' } });
        expect(await copy.db.prisma.speaker.findMany({ select, orderBy: { id: 'asc' } })).toEqual(original);
      } finally {
        await copy.close();
      }
    });

    it("takes a new speaker's identity from an imported ClaimReview's claimant sameAs, keeping the matching rules", async () => {
      const file = path.join(workDir, 'identities.jsonld');
      const item = (name: string, sameAs: unknown, text: string, jobTitle?: string) => ({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        claimReviewed: text,
        author: { '@type': 'Organization', name: 'Identity Desk' },
        reviewRating: { '@type': 'Rating', alternateName: 'False' },
        itemReviewed: { '@type': 'Claim', author: { '@type': jobTitle ? 'Person' : 'Organization', name, jobTitle, sameAs } },
      });
      fs.writeFileSync(
        file,
        JSON.stringify([
          item(
            'Sergei Ryabkov',
            ['http://www.wikidata.org/entity/Q1000004', 'https://en.wikipedia.org/wiki/Sergei_Ryabkov'],
            'One',
            'Deputy',
          ),
          item('Kremlin', 'https://www.wikidata.org/wiki/Q7184', 'Two'),
          item('Konstantin Kosachev', ['https://www.wikidata.org/wiki/Q1000005', 'https://www.wikidata.org/wiki/Q1000006'], 'Three'),
          item('Russian officials (unnamed)', 'https://www.wikidata.org/wiki/Q1000007', 'Four'),
          item('NATO', 'https://www.wikidata.org/wiki/Q1000008', 'Five'),
        ]),
      );
      const summary = await importFile(api.db, file);
      expect(summary.rejected).toEqual([]);
      const speaker = (name: string) =>
        api.db.prisma.speaker.findFirstOrThrow({ where: { name }, select: { wikidataId: true, sameAs: true, isNamed: true } });
      expect(await speaker('Sergei Ryabkov')).toEqual({
        isNamed: true,
        wikidataId: 'Q1000004',
        sameAs: ['https://en.wikipedia.org/wiki/Sergei_Ryabkov'],
      });
      // Q7184 is NATO's already: left out, with a note.
      expect(await speaker('Kremlin')).toMatchObject({ wikidataId: null });
      expect(summary.notes.map(({ note }) => note)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/Q7184 is already speaker "NATO"'s; left out/),
          expect.stringMatching(/names 2 Wikidata items \(Q1000005, Q1000006\); none taken/),
          expect.stringMatching(/"Russian officials \(unnamed\)" is unnamed, so its sameAs is not its identity/),
        ]),
      );
      expect(await speaker('Konstantin Kosachev')).toMatchObject({ wikidataId: null });
      expect(await speaker('Russian officials (unnamed)')).toEqual({ isNamed: false, wikidataId: null, sameAs: [] });
      // NATO was matched by name, and a matched speaker is left as it is.
      expect(await speaker('NATO')).toMatchObject({ wikidataId: 'Q7184' });
    });
  });
});
