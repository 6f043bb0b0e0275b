import { dataOf, startTestServer, type TestServer } from '../helpers/test-server';
import { makeClaim, makeSource, makeSpeaker, tableCounts } from '../helpers/factories';

const REVIEW_FIELDS = 'id rating ratingText summary organizationName organizationUrl authorName url publishedAt language claim { id text }';
const CREATE = `mutation($input: CreateReviewInput!) { createReview(input: $input) { ${REVIEW_FIELDS} } }`;
const SET_STATUS = `mutation($id: ID!, $status: ReviewStatus!, $reason: String) { setClaimReviewStatus(id: $id, status: $status, reason: $reason) { id reviewStatus } }`;
const MISSING = '0190a000-0000-7000-8000-000000000000';

/** Every field of Review.schemaOrg, both kinds of agent spelled out. */
const PERSON = 'type name jobTitle affiliation { type name url }';
const WORK = `type url headline text datePublished author { ${PERSON} } publisher { type name url }`;
const SCHEMA_ORG = `schemaOrg {
  context type url claimReviewed datePublished inLanguage headline
  author { type name url } creator { ${PERSON} }
  reviewRating { type ratingValue bestRating worstRating alternateName name }
  itemReviewed {
    type datePublished
    author { __typename type name ... on SchemaOrgPerson { jobTitle affiliation { type name url sameAs } sameAs } ... on SchemaOrgOrganization { url sameAs } }
    appearance { ${WORK} }
    firstAppearance { ${WORK} }
  }
  correction { type text datePublished }
}`;

/** A typed ClaimReview written back as JSON-LD: `context`/`type` as `@context`/`@type`, nulls (absent properties) left out. */
function asJsonLd(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asJsonLd);
  if (typeof value !== 'object' || value === null) return value;
  const renamed: Record<string, string> = { context: '@context', type: '@type' };
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, field]) => field !== null && key !== '__typename')
      .map(([key, field]) => [renamed[key] ?? key, asJsonLd(field)]),
  );
}

describe('reviews', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  const claimOf = async (text = 'Russia is in full compliance with the treaty.') => {
    const speaker = await makeSpeaker(api.db.prisma, { name: 'Sergei Ryabkov' });
    return makeClaim(api.db.prisma, { speakerId: speaker.id, text });
  };
  const createReview = async (input: Record<string, unknown>) => dataOf(await api.gql(CREATE, { input })).createReview;

  it('creates a review with every field, canonicalising the language tag', async () => {
    const claim = await claimOf();
    const review = await createReview({
      claimId: claim.id,
      rating: 'FALSE',
      ratingText: 'Pants on Fire',
      summary: 'The 9M729 exceeds the treaty’s range limit.',
      organizationName: 'Example Fact Desk',
      organizationUrl: 'https://factdesk.example.org',
      authorName: 'Jane Checker',
      url: 'https://factdesk.example.org/ryabkov-compliance',
      publishedAt: '2019-02-03T10:00:00.000Z',
      language: 'de-de',
    });
    expect(review).toMatchObject({
      rating: 'FALSE',
      ratingText: 'Pants on Fire',
      language: 'de-DE',
      publishedAt: '2019-02-03T10:00:00.000Z',
      claim: { id: claim.id },
    });
    expect(dataOf(await api.gql(`query($id: ID!) { review(id: $id) { id } }`, { id: review.id })).review).toEqual({ id: review.id });
  });

  it('rejects bad input with a coded error naming the field, and writes nothing', async () => {
    const claim = await claimOf();
    const valid = { claimId: claim.id, rating: 'MIXED', organizationName: 'Example Fact Desk' };
    await createReview({ ...valid, url: 'https://factdesk.example.org/taken' });
    const before = await tableCounts(api.db.prisma);
    const reviewsBefore = await api.db.prisma.review.count();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...valid, organizationName: '  ' }, 'input.organizationName', 'BAD_USER_INPUT'],
      [{ ...valid, rating: 'SORT_OF' }, 'input.rating', 'BAD_USER_INPUT'],
      [{ ...valid, language: 'english' }, 'input.language', 'BAD_USER_INPUT'],
      [{ ...valid, language: 'en_US' }, 'input.language', 'BAD_USER_INPUT'],
      [{ ...valid, url: 'factdesk.example.org/x' }, 'input.url', 'BAD_USER_INPUT'],
      [{ ...valid, organizationUrl: 'ftp://example.org' }, 'input.organizationUrl', 'BAD_USER_INPUT'],
      [{ ...valid, claimId: MISSING }, 'input.claimId', 'BAD_USER_INPUT'],
      [{ ...valid, claimId: 'nope' }, 'input.claimId', 'BAD_USER_INPUT'],
      [{ ...valid, url: 'https://factdesk.example.org/taken' }, 'input.url', 'CONFLICT'],
    ];
    for (const [input, field, code] of cases) {
      const response = await api.gql(CREATE, { input });
      expect({ field, extensions: response.errors?.[0]?.extensions }).toMatchObject({ field, extensions: { code, field } });
    }
    expect(await tableCounts(api.db.prisma)).toEqual(before);
    expect(await api.db.prisma.review.count()).toBe(reviewsBefore);
  });

  it('updates only the fields given (null clears), and reports NOT_FOUND and CONFLICT', async () => {
    const claim = await claimOf();
    const review = await createReview({
      claimId: claim.id,
      rating: 'MIXED',
      organizationName: 'Desk',
      ratingText: 'Half true',
      language: 'en',
    });
    const other = await createReview({
      claimId: claim.id,
      rating: 'TRUE',
      organizationName: 'Other desk',
      url: 'https://other.example.org/1',
    });
    const UPDATE = `mutation($id: ID!, $input: UpdateReviewInput!) { updateReview(id: $id, input: $input) { ${REVIEW_FIELDS} } }`;
    const updated = dataOf(await api.gql(UPDATE, { id: review.id, input: { rating: 'MOSTLY_FALSE', ratingText: null } })).updateReview;
    expect(updated).toMatchObject({ rating: 'MOSTLY_FALSE', ratingText: null, organizationName: 'Desk', language: 'en' });

    const duplicate = await api.gql(UPDATE, { id: review.id, input: { url: 'https://other.example.org/1' } });
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.url' });
    const missing = await api.gql(UPDATE, { id: MISSING, input: { rating: 'TRUE' } });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const gone = await api.gql(`mutation($id: ID!) { deleteReview(id: $id) { id } }`, { id: MISSING });
    expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    dataOf(await api.gql(`mutation($id: ID!) { deleteReview(id: $id) { id } }`, { id: other.id }));
    expect(await api.db.prisma.review.count({ where: { claimId: claim.id } })).toBe(1);
  });

  it('deletes a claim’s reviews with the claim', async () => {
    const claim = await claimOf();
    await createReview({ claimId: claim.id, rating: 'TRUE', organizationName: 'Desk' });
    dataOf(await api.gql(`mutation($id: ID!) { deleteClaim(id: $id) { id } }`, { id: claim.id }));
    expect(await api.db.prisma.review.count({ where: { claimId: claim.id } })).toBe(0);
  });

  it('lists reviews as a filtered connection, and a claim’s reviews and ClaimReview JSON-LD through loaders', async () => {
    const speaker = await makeSpeaker(api.db.prisma, { name: 'Daniel Coats' });
    await api.db.prisma.speaker.update({ where: { id: speaker.id }, data: { role: 'Director of National Intelligence' } });
    const source = await makeSource(api.db.prisma, { title: 'INF article', url: 'https://news.example.org/inf' });
    const claim = await makeClaim(api.db.prisma, {
      speakerId: speaker.id,
      sourceId: source.id,
      statedAt: new Date('2019-01-29'),
      text: 'Russia built illegal missiles',
    });
    await createReview({
      claimId: claim.id,
      rating: 'TRUE',
      organizationName: 'Lister Desk',
      language: 'en-GB',
      url: 'https://lister.example.org/a',
    });
    await createReview({
      claimId: claim.id,
      rating: 'MOSTLY_TRUE',
      organizationName: 'Other Lister',
      language: 'de',
      url: 'https://lister.example.org/b',
    });
    await createReview({
      claimId: claim.id,
      rating: 'UNPROVEN',
      organizationName: 'lister desk',
      language: 'en',
      url: 'https://lister.example.org/c',
    });

    const LIST = `query($filter: ReviewFilter, $first: Int, $after: String) {
      reviews(filter: $filter, first: $first, after: $after) { totalCount nodes { url } pageInfo { hasNextPage endCursor } } }`;
    const list = async (filter: Record<string, unknown>, first = 20, after?: string | null) =>
      dataOf(await api.gql(LIST, { filter, first, after })).reviews;
    expect((await list({ claimId: claim.id })).totalCount).toBe(3);
    expect((await list({ claimId: claim.id, language: 'en' })).nodes.map((r) => r.url)).toEqual([
      'https://lister.example.org/a',
      'https://lister.example.org/c',
    ]);
    expect((await list({ organizationName: 'LISTER DESK' })).totalCount).toBe(2);
    expect((await list({ claimId: claim.id, rating: ['TRUE', 'MOSTLY_TRUE'] })).totalCount).toBe(2);
    const page1 = await list({ claimId: claim.id }, 2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect((await list({ claimId: claim.id }, 2, page1.pageInfo.endCursor)).nodes).toEqual([{ url: 'https://lister.example.org/c' }]);
    const bad = await api.gql(LIST, { filter: { language: 'xx_YY' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.language' });

    const detail = dataOf(
      await api.gql(`query($id: ID!) { claim(id: $id) { reviewStatus reviews { nodes { rating organizationName } } claimReviews } }`, {
        id: claim.id,
      }),
    ).claim;
    expect(detail.reviewStatus).toBe('UNREVIEWED');
    expect(detail.reviews.nodes.map((r) => r.rating)).toEqual(['TRUE', 'MOSTLY_TRUE', 'UNPROVEN']);
    expect(detail.claimReviews[0]).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://lister.example.org/a',
      claimReviewed: 'Russia built illegal missiles',
      inLanguage: 'en-GB',
      author: { '@type': 'Organization', name: 'Lister Desk' },
      reviewRating: { '@type': 'Rating', ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: 'True' },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Daniel Coats', jobTitle: 'Director of National Intelligence' },
        datePublished: '2019-01-29',
        appearance: [{ '@type': 'CreativeWork', url: 'https://news.example.org/inf', headline: 'INF article' }],
      },
    });
    expect(detail.claimReviews[2]!.reviewRating).not.toHaveProperty('ratingValue');
  });

  it('gives the ClaimReview typed (schemaOrg) as the same document as the JSON-LD, a speaker without a role as an Organization', async () => {
    const coats = await api.db.prisma.speaker.create({
      data: {
        name: 'Daniel Coats',
        slug: `coats-${process.pid}`,
        role: 'Director of National Intelligence',
        affiliation: 'United States government',
      },
    });
    const officials = await api.db.prisma.speaker.create({
      data: { name: 'Russian officials', slug: `officials-${process.pid}`, isNamed: false },
    });
    const source = await api.db.prisma.source.create({
      data: {
        title: 'INF article',
        url: 'https://news.example.org/typed',
        publisher: 'Example News',
        author: 'A. Reporter',
        publishedAt: new Date('2019-02-01T00:00:00Z'),
      },
    });
    const full = await makeClaim(api.db.prisma, {
      speakerId: coats.id,
      sourceId: source.id,
      text: 'Russia deployed missiles',
      statedAt: new Date('2019-01-29T00:00:00Z'),
    });
    // Its first appearance, anchored (the one the database made for a claim with a source, when it makes one), and a
    // second one in a transcript.
    const anchor = { exact: 'Russia deployed missiles', verification: 'UNVERIFIED' as const };
    const made = await api.db.prisma.appearance.findFirst({ where: { claimId: full.id, isFirst: true } });
    if (made) await api.db.prisma.appearance.update({ where: { id: made.id }, data: anchor });
    else await api.db.prisma.appearance.create({ data: { ...anchor, claimId: full.id, sourceId: source.id, isFirst: true } });
    const transcript = await api.db.prisma.source.create({
      data: { title: 'Briefing transcript', url: 'https://news.example.org/briefing' },
    });
    await api.db.prisma.appearance.create({ data: { claimId: full.id, sourceId: transcript.id } });
    const sparse = await makeClaim(api.db.prisma, { speakerId: officials.id, text: 'Russia is in compliance' });
    const fullReview = await createReview({
      claimId: full.id,
      rating: 'MOSTLY_TRUE',
      ratingText: 'Largely accurate',
      summary: 'Allies back it.',
      organizationName: 'Typed Desk',
      organizationUrl: 'https://typed.example.org',
      authorName: 'Jane Checker',
      url: 'https://typed.example.org/coats',
      publishedAt: '2019-02-05T10:00:00.000Z',
      language: 'en',
    });
    const sparseReview = await createReview({ claimId: sparse.id, rating: 'UNPROVEN', organizationName: 'Typed Desk' });

    const READ = `query($id: ID!) { review(id: $id) { claimReview ${SCHEMA_ORG} } }`;
    type Read = { review: { claimReview: Record<string, unknown>; schemaOrg: { itemReviewed: { author: { __typename: string } } } } };
    const [fullRead, sparseRead] = await Promise.all(
      [fullReview, sparseReview].map(async ({ id }) => dataOf<Read>(await api.gql(READ, { id })).review),
    );
    expect(fullRead!.schemaOrg).toMatchObject({
      context: 'https://schema.org',
      type: 'ClaimReview',
      datePublished: '2019-02-05',
      creator: { type: 'Person', name: 'Jane Checker', jobTitle: null, affiliation: null },
      reviewRating: { type: 'Rating', ratingValue: 4, bestRating: 5, worstRating: 1, alternateName: 'Largely accurate' },
      itemReviewed: {
        author: {
          __typename: 'SchemaOrgPerson',
          type: 'Person',
          jobTitle: 'Director of National Intelligence',
          affiliation: { type: 'Organization', name: 'United States government', url: null },
        },
        appearance: [
          {
            type: 'CreativeWork',
            headline: 'INF article',
            text: 'Russia deployed missiles',
            datePublished: '2019-02-01',
            publisher: { name: 'Example News' },
            author: { name: 'A. Reporter' },
          },
          { type: 'CreativeWork', url: 'https://news.example.org/briefing', headline: 'Briefing transcript', text: null },
        ],
        firstAppearance: {
          type: 'CreativeWork',
          url: 'https://news.example.org/typed',
          headline: 'INF article',
          text: 'Russia deployed missiles',
        },
      },
      correction: null,
    });
    expect(sparseRead!.schemaOrg).toMatchObject({
      url: null,
      creator: null,
      reviewRating: { ratingValue: null, alternateName: 'Unproven' },
      itemReviewed: {
        type: 'Claim',
        datePublished: null,
        appearance: null,
        firstAppearance: null,
        author: { __typename: 'SchemaOrgOrganization', type: 'Organization', name: 'Russian officials', url: null },
      },
    });
    for (const read of [fullRead!, sparseRead!]) expect(asJsonLd(read.schemaOrg)).toEqual(read.claimReview);
  });

  it('resolves the reviews and JSON-LD of many claims in a fixed number of statements', async () => {
    const speaker = await makeSpeaker(api.db.prisma);
    const source = await makeSource(api.db.prisma);
    for (let i = 0; i < 10; i += 1) {
      const claim = await makeClaim(api.db.prisma, { speakerId: speaker.id, sourceId: source.id, text: `batched ${i}` });
      await api.db.prisma.review.create({ data: { claimId: claim.id, rating: 'FALSE', organizationName: `Desk ${i}` } });
    }
    const query = `query($id: ID!) { claims(filter: { speakerId: $id }, first: 10) { nodes { reviews { nodes { claimReview claim { id } } } claimReviews } } }`;
    api.statements.length = 0;
    const nodes = dataOf(await api.gql(query, { id: speaker.id })).claims.nodes;
    expect(nodes).toHaveLength(10);
    expect(nodes.every((node) => node.claimReviews.length === 1 && node.reviews.nodes[0]!.claimReview['@type'] === 'ClaimReview')).toBe(
      true,
    );
    // the claims page with their reviews and the reviews' claims (one statement), corrections by review, speakers by
    // id, appearances by claim, sources by id
    expect(api.statements.filter((sql) => /^\s*SELECT/i.test(sql))).toHaveLength(5);
  });

  describe('review status workflow', () => {
    it('walks UNREVIEWED -> IN_REVIEW -> REVIEWED -> PUBLISHED and back to IN_REVIEW, and filters claims by status', async () => {
      const claim = await claimOf('Walked through the workflow');
      await createReview({ claimId: claim.id, rating: 'FALSE', organizationName: 'Desk' });
      for (const status of ['IN_REVIEW', 'REVIEWED', 'PUBLISHED', 'IN_REVIEW', 'REVIEWED', 'IN_REVIEW', 'UNREVIEWED']) {
        // Leaving PUBLISHED is a retraction, which gives its reason.
        const reason = status === 'IN_REVIEW' ? 'Back to the desk' : null;
        expect(dataOf(await api.gql(SET_STATUS, { id: claim.id, status, reason })).setClaimReviewStatus).toEqual({
          id: claim.id,
          reviewStatus: status,
        });
      }
      for (const status of ['IN_REVIEW', 'REVIEWED']) dataOf(await api.gql(SET_STATUS, { id: claim.id, status }));

      const query = `query($statuses: [ReviewStatus!]) { claims(filter: { reviewStatus: $statuses }, first: 100) { nodes { id reviewStatus } } }`;
      const reviewed = dataOf(await api.gql(query, { statuses: ['REVIEWED'] })).claims.nodes;
      expect(reviewed).toContainEqual({ id: claim.id, reviewStatus: 'REVIEWED' });
      expect(reviewed.every((node) => node.reviewStatus === 'REVIEWED')).toBe(true);
      expect(dataOf(await api.gql(query, { statuses: ['PUBLISHED', 'UNREVIEWED'] })).claims.nodes).not.toContainEqual({
        id: claim.id,
        reviewStatus: 'REVIEWED',
      });
      const speakerView = dataOf(
        await api.gql(`query($id: ID!) { speaker(id: $id) { claims { nodes { reviewStatus } } } }`, { id: claim.speakerId }),
      );
      expect(speakerView.speaker.claims.nodes).toEqual([{ reviewStatus: 'REVIEWED' }]);
    });

    it('refuses an illegal move, naming the allowed ones, and changes nothing', async () => {
      const claim = await claimOf('Skipping ahead');
      const skip = await api.gql(SET_STATUS, { id: claim.id, status: 'PUBLISHED' });
      expect(skip.errors?.[0]?.message).toMatch(/cannot move from UNREVIEWED to PUBLISHED; from UNREVIEWED it can move to IN_REVIEW/);
      expect(skip.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'status', allowed: ['IN_REVIEW'] });
      const same = await api.gql(SET_STATUS, { id: claim.id, status: 'UNREVIEWED' });
      expect(same.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status', allowed: ['IN_REVIEW'] });
      const unknown = await api.gql(SET_STATUS, { id: claim.id, status: 'DONE' });
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
      const missing = await api.gql(SET_STATUS, { id: MISSING, status: 'IN_REVIEW' });
      expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
      expect((await api.db.prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).reviewStatus).toBe('UNREVIEWED');
    });

    it('publishes only a claim with a review, and keeps every review of a published claim until it is retracted', async () => {
      const claim = await claimOf('Published without a verdict?');
      for (const status of ['IN_REVIEW', 'REVIEWED']) dataOf(await api.gql(SET_STATUS, { id: claim.id, status }));
      const refused = await api.gql(SET_STATUS, { id: claim.id, status: 'PUBLISHED' });
      expect(refused.errors?.[0]?.message).toMatch(/needs at least one review to be PUBLISHED/);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });

      const review = await createReview({ claimId: claim.id, rating: 'FALSE', organizationName: 'Desk' });
      const second = await createReview({ claimId: claim.id, rating: 'MOSTLY_FALSE', organizationName: 'Other Desk' });
      dataOf(await api.gql(SET_STATUS, { id: claim.id, status: 'PUBLISHED' }));
      for (const id of [review.id, second.id]) {
        const kept = await api.gql(`mutation($id: ID!) { deleteReview(id: $id) { id } }`, { id });
        expect(kept.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
        expect(kept.errors?.[0]?.message).toMatch(/retract the claim first/);
      }
      const unexplained = await api.gql(SET_STATUS, { id: claim.id, status: 'IN_REVIEW' });
      expect(unexplained.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
      dataOf(await api.gql(SET_STATUS, { id: claim.id, status: 'IN_REVIEW', reason: 'Verdict under correction' }));
      dataOf(await api.gql(`mutation($id: ID!) { deleteReview(id: $id) { id } }`, { id: review.id }));
    });

    it('lets only one of two concurrent moves from the same status win', async () => {
      const claim = await claimOf('Raced');
      dataOf(await api.gql(SET_STATUS, { id: claim.id, status: 'IN_REVIEW' }));
      const results = await Promise.all([
        api.gql(SET_STATUS, { id: claim.id, status: 'REVIEWED' }),
        api.gql(SET_STATUS, { id: claim.id, status: 'UNREVIEWED' }),
      ]);
      const won = results.filter((result) => !result.errors);
      expect(won).toHaveLength(1);
      const lost = results.find((result) => result.errors)!;
      expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(lost.errors?.[0]?.extensions?.code);
      const final = (await api.db.prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).reviewStatus;
      expect(final).toBe(won[0]!.data!.setClaimReviewStatus.reviewStatus);
    });
  });
});
