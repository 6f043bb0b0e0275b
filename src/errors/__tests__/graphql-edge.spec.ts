import { buildSchema, graphql, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { Conflict, InvalidInput, NotAuthenticated, NotFound, NotPermitted } from '../domain-errors';
import { createErrorFormatter } from '../mask-error';
import { mapDomainErrorsAtEdge, toGraphQLError } from '../graphql-edge';

const SDL = `
  input RebutInput { claimId: ID! }
  input CreateClaimInput { text: String!, speakerId: ID!, sourceId: ID, rebuts: [RebutInput!] }
  input ClaimFilter { speakerId: ID, statedTo: String }
  type Claim { id: ID!, review: String }
  type Query { claims(filter: ClaimFilter, first: Int): [Claim!]!, claim(id: ID!): Claim }
  type Mutation { createClaim(input: CreateClaimInput!, reason: String): Claim!, setStatus(id: ID!, status: String!): Claim! }
`;

const UPPER_ID = '0190A000-0000-7000-8000-000000000001';
const ID = UPPER_ID.toLowerCase();

type Resolver = GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>;

/** A schema whose resolvers run `resolvers`, mapped at the edge as the app's is. */
function edgeSchema(resolvers: Record<string, Resolver>): GraphQLSchema {
  const schema = buildSchema(SDL);
  for (const typeName of ['Query', 'Mutation', 'Claim'] as const) {
    const type = schema.getType(typeName);
    if (!type || !('getFields' in type)) throw new Error(`no type ${typeName}`);
    for (const [name, field] of Object.entries(type.getFields())) {
      const resolve = resolvers[`${typeName}.${name}`];
      if (resolve && 'resolve' in field) field.resolve = resolve;
    }
  }
  mapDomainErrorsAtEdge(schema, new Map([['CreateClaimInput.rebuts', 3]]));
  return schema;
}

const format = createErrorFormatter({ exposeDetails: false });

async function firstError(schema: GraphQLSchema, source: string) {
  const result = await graphql({ schema, source });
  const error = result.errors?.[0];
  if (!error) throw new Error(`no error in ${JSON.stringify(result)}`);
  return format(error.toJSON(), error);
}

describe('domain errors at the GraphQL edge', () => {
  it('places a field of an input object argument under that argument', async () => {
    const schema = edgeSchema({
      'Mutation.createClaim': () => Promise.reject(new InvalidInput(`No speaker has id ${ID}`, { field: 'speakerId' })),
      'Query.claims': () => {
        throw new InvalidInput('statedTo is before statedFrom', { field: 'statedTo' });
      },
    });
    const created = await firstError(schema, `mutation { createClaim(input: { text: "t", speakerId: "${ID}" }) { id } }`);
    expect(created).toMatchObject({
      message: `No speaker has id ${ID}`,
      path: ['createClaim'],
      extensions: { code: 'BAD_USER_INPUT', field: 'input.speakerId' },
    });
    const listed = await firstError(schema, '{ claims(filter: { statedTo: "2018-01-01" }) { id } }');
    expect(listed.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.statedTo' });
  });

  it('keeps an argument the domain field is named after, and a path into a list', async () => {
    const schema = edgeSchema({
      'Mutation.setStatus': () =>
        Promise.reject(new InvalidInput('A claim cannot move from DRAFT to PUBLISHED', { field: 'status', allowed: ['IN_REVIEW'] })),
      'Query.claim': () => Promise.reject(new NotFound('Claim', ID, { field: 'id' })),
      'Mutation.createClaim': () =>
        Promise.reject(new Conflict('The claim already rebuts one of those claims', { field: 'rebuts.0.claimId' })),
    });
    expect((await firstError(schema, `mutation { setStatus(id: "${ID}", status: "PUBLISHED") { id } }`)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'status',
      allowed: ['IN_REVIEW'],
    });
    expect(await firstError(schema, `{ claim(id: "${ID}") { id } }`)).toMatchObject({
      message: `Claim ${ID} does not exist`,
      extensions: { code: 'NOT_FOUND', field: 'id' },
    });
    const conflict = await firstError(
      schema,
      `mutation { createClaim(input: { text: "t", speakerId: "${ID}", rebuts: [{ claimId: "${ID}" }] }) { id } }`,
    );
    expect(conflict.extensions).toEqual({ code: 'CONFLICT', field: 'input.rebuts.0.claimId' });
  });

  it('makes a refused role FORBIDDEN naming the role needed, and a missing key UNAUTHENTICATED, with their HTTP statuses', async () => {
    const schema = edgeSchema({
      'Mutation.setStatus': () => Promise.reject(new NotPermitted('publish a claim', 'PUBLISHER')),
      'Query.claim': () => Promise.reject(new NotAuthenticated('An API key is needed to read this')),
    });
    expect(await firstError(schema, `mutation { setStatus(id: "${ID}", status: "PUBLISHED") { id } }`)).toMatchObject({
      message: 'Only PUBLISHER keys (or higher) may publish a claim',
      extensions: { code: 'FORBIDDEN', requiredRole: 'PUBLISHER' },
    });
    expect((await firstError(schema, `{ claim(id: "${ID}") { id } }`)).extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    // Apollo takes a response's status from the error's extensions.http, before formatting drops it.
    expect(toGraphQLError(new NotPermitted('publish a claim', 'PUBLISHER')).extensions.http).toMatchObject({ status: 403 });
    expect(toGraphQLError(new NotAuthenticated('no key')).extensions.http).toMatchObject({ status: 401 });
  });

  it('checks every ID argument before the resolver runs, naming its path, and passes ids on lower-cased', async () => {
    const seen: unknown[] = [];
    const schema = edgeSchema({
      'Mutation.createClaim': (_source, args) => {
        seen.push(args.input);
        return { id: ID };
      },
    });
    const bad = await firstError(
      schema,
      `mutation { createClaim(input: { text: "t", speakerId: "${ID}", rebuts: [{ claimId: "${ID}" }, { claimId: "x" }] }) { id } }`,
    );
    expect(bad).toMatchObject({
      message: 'input.rebuts.1.claimId must be an id (a UUID), got "x"',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.rebuts.1.claimId' },
    });
    expect(seen).toEqual([]);

    const result = await graphql({
      schema,
      source: `mutation { createClaim(input: { text: "t", speakerId: "${UPPER_ID}", rebuts: [{ claimId: "${UPPER_ID}" }] }) { id } }`,
    });
    expect(result.errors).toBeUndefined();
    expect(seen).toEqual([{ text: 't', speakerId: ID, rebuts: [{ claimId: ID }] }]);

    // Over its declared size, a list is left to the argument validation's size error (not run here): its items unread.
    const long = Array.from({ length: 4 }, () => '{ claimId: "x" }').join(', ');
    expect(
      (await graphql({ schema, source: `mutation { createClaim(input: { text: "t", speakerId: "${ID}", rebuts: [${long}] }) { id } }` }))
        .errors,
    ).toBeUndefined();
    expect(seen[1]).toEqual({ text: 't', speakerId: ID, rebuts: Array.from({ length: 4 }, () => ({ claimId: 'x' })) });
  });

  it('maps a domain error from a field without arguments in formatError, with its code', async () => {
    const schema = edgeSchema({
      'Query.claim': () => ({ id: ID }),
      'Claim.review': () => Promise.reject(new Conflict('The review changed', { field: 'review' })),
    });
    expect(await firstError(schema, `{ claim(id: "${ID}") { review } }`)).toMatchObject({
      message: 'The review changed',
      path: ['claim', 'review'],
      extensions: { code: 'CONFLICT', field: 'review' },
    });
  });
});
