// The GraphQL schema, built from the resolvers in one place. schema.graphql at the root is this schema printed
// (npm run schema:emit); a test fails when the committed file is stale.
import 'reflect-metadata';
import {
  isInputObjectType,
  isInterfaceType,
  lexicographicSortSchema,
  printSchema,
  type GraphQLInterfaceType,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema, getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';
import { authChecker } from '../auth/auth-checker';
import { PERMISSIONS } from '../auth/permissions';
import { nodeTypeOf } from '../common/node.type';
import { declaredListSizes, validateArgument } from '../common/validation';
import { mapDomainErrorsAtEdge } from '../errors/graphql-edge';
import { refuseMutationsOnceAborted } from './abortable-mutations';
import { callFieldResolversDirectly } from './direct-field-resolvers';
import { runMutationFieldsInSavepoints } from './idempotency';
import { ApiKeyResolver } from '../modules/api-keys/api-key.resolver';
import { AppearanceAnnotationResolver } from '../modules/exchange/annotation.resolver';
import { AppearanceResolver, ClaimAppearancesResolver, SourceTextResolver } from '../modules/appearances/appearance.resolver';
import { ClaimResolver } from '../modules/claims/claim.resolver';
import {
  AppearanceHistoryResolver,
  ClaimHistoryResolver,
  HistoryResolver,
  RebuttalHistoryResolver,
  ReviewCorrectionsResolver,
  ReviewHistoryResolver,
  SourceHistoryResolver,
  SpeakerHistoryResolver,
} from '../modules/history/history.resolver';
import { NodeResolver } from '../modules/nodes/node.resolver';
import { RebuttalResolver } from '../modules/rebuttals/rebuttal.resolver';
import { ClaimReviewsResolver } from '../modules/reviews/claim-reviews.resolver';
import { schemaOrgAgentTypeName } from '../modules/reviews/claim-review.type';
import { ReviewResolver } from '../modules/reviews/review.resolver';
import { SearchResolver } from '../modules/search/search.resolver';
import { SourceResolver } from '../modules/sources/source.resolver';
import { SpeakerResolver } from '../modules/speakers/speaker.resolver';
import { SpeakerDisputeResolver, SpeakerDisputesResolver } from '../modules/tracing/dispute.resolver';
import { TraceResolver } from '../modules/tracing/trace.resolver';

let schema: Promise<GraphQLSchema> | undefined;

/**
 * Built once per process: type-graphql's metadata is global, and the schema does not change at run time. Object types
 * declare `simpleResolvers`: with no middlewares in the schema and role checks only on root fields, their plain fields
 * can use graphql's default resolver instead of a wrapper each (thousands of fields in a large trace), and for the same
 * reason their relation fields are called without one (direct-field-resolvers.ts).
 */
export function buildAppSchema(): Promise<GraphQLSchema> {
  schema ??= build();
  return schema;
}

async function build(): Promise<GraphQLSchema> {
  const options: BuildSchemaOptions = {
    resolvers: [
      SpeakerResolver,
      SourceResolver,
      ClaimResolver,
      RebuttalResolver,
      ReviewResolver,
      AppearanceResolver,
      AppearanceAnnotationResolver,
      ClaimAppearancesResolver,
      SourceTextResolver,
      ClaimReviewsResolver,
      SearchResolver,
      TraceResolver,
      SpeakerDisputesResolver,
      SpeakerDisputeResolver,
      ApiKeyResolver,
      HistoryResolver,
      SpeakerHistoryResolver,
      SourceHistoryResolver,
      ClaimHistoryResolver,
      RebuttalHistoryResolver,
      ReviewHistoryResolver,
      AppearanceHistoryResolver,
      ReviewCorrectionsResolver,
      NodeResolver,
    ],
    validateFn: validateArgument,
    authChecker,
  };
  const built = await buildSchema(options);
  assertMutationsFollowPermissions(built);
  restoreInheritedInputFieldExtensions(built);
  if (callFieldResolversDirectly(built, options).length === 0) {
    throw new Error("No field resolver could be called directly: type-graphql's metadata changed; see direct-field-resolvers.ts");
  }
  // Inside the savepoints: they see the client's errors, as the resolvers used to throw them.
  mapDomainErrorsAtEdge(built, declaredListSizes());
  runMutationFieldsInSavepoints(built);
  refuseMutationsOnceAborted(built);
  resolveTypesSynchronously(built);
  describeRootTypes(built);
  return built;
}

/** type-graphql builds Query and Mutation itself and takes no description for them, so they get theirs here. */
function describeRootTypes(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (!query || !mutation) throw new Error('The schema has no Query or no Mutation type');
  query.description =
    'Reads. Open to anonymous clients unless the server sets AUTH_ANONYMOUS_READS=false; some fields say which role they need.';
  mutation.description =
    'Writes, each in one transaction, attributed in history to the API key it was sent with (Authorization: Bearer <key>). ' +
    'The record mutations take an optional reason, kept in the history entry.';
}

/**
 * type-graphql wraps an interface's resolveType in an async function, and graphql-jit (jit-gateway.ts) takes a type
 * resolver's return value as it is: a promise there is no type name, and every Node (or SchemaOrgAgent) field fails.
 * The type is read synchronously instead.
 */
function resolveTypesSynchronously(schema: GraphQLSchema): void {
  const resolvers: Record<string, GraphQLInterfaceType['resolveType']> = { Node: nodeTypeOf, SchemaOrgAgent: schemaOrgAgentTypeName };
  for (const [name, resolveType] of Object.entries(resolvers)) {
    const type = schema.getType(name);
    if (!isInterfaceType(type)) throw new Error(`The schema has no ${name} interface`);
    type.resolveType = resolveType;
  }
}

/**
 * Every mutation carries exactly the role the permission table gives it (src/auth/permissions.ts), and no role check
 * sits on a field type-graphql resolves without a wrapper (a `simpleResolvers` type's plain field would skip it
 * silently). Refuses to build otherwise: a mutation without a role would be open to anyone.
 */
function assertMutationsFollowPermissions(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const problems: string[] = [];
  for (const name of Object.keys(schema.getMutationType()?.getFields() ?? {})) {
    const needed = (PERMISSIONS as Record<string, string>)[name];
    const roles = storage.mutations.find((mutation) => mutation.schemaName === name)?.roles;
    if (needed === undefined) problems.push(`mutation ${name} has no entry in PERMISSIONS`);
    else if (roles?.length !== 1 || roles[0] !== needed) problems.push(`mutation ${name} must be @Authorized(PERMISSIONS.${name})`);
  }
  for (const field of storage.authorizedFields) {
    const type = storage.objectTypes.find((objectType) => objectType.target === field.target);
    if (type?.simpleResolvers)
      problems.push(`${type.name}.${field.fieldName} is @Authorized in a simpleResolvers type, which skips the check`);
  }
  if (problems.length > 0) throw new Error(`The schema's role checks do not follow the permission table:\n  ${problems.join('\n  ')}`);
}

/**
 * type-graphql gives an input type the fields it inherits from a base class without their extensions (its
 * getFieldMetadataFromInputType copies only type, description and default value), and an extension says which text a
 * field takes (src/common/text-rules.ts): they are copied over from the base class's field metadata. A test checks
 * that the inherited free-text fields keep their kind.
 */
function restoreInheritedInputFieldExtensions(schema: GraphQLSchema): void {
  const { inputTypes } = getMetadataStorage();
  for (const inputType of inputTypes) {
    const type = schema.getType(inputType.name);
    if (!isInputObjectType(type)) continue;
    const fields = type.getFields();
    for (let base: unknown = Object.getPrototypeOf(inputType.target); typeof base === 'function'; base = Object.getPrototypeOf(base)) {
      for (const field of inputTypes.find((candidate) => candidate.target === base)?.fields ?? []) {
        const inherited = fields[field.schemaName];
        // The GraphQL field is built once, here, before the schema serves anything; its extensions are read-only by type only.
        if (inherited && field.extensions && Object.keys(inherited.extensions).length === 0)
          Object.assign(inherited, { extensions: field.extensions });
      }
    }
  }
}

export async function printAppSchema(): Promise<string> {
  return `# Emitted from the code by \`npm run schema:emit\`; do not edit.\n\n${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}
