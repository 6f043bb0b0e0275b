// The GraphQL schema, built from the resolvers in one place. schema.graphql at the root is this schema printed
// (npm run schema:emit); a test fails when the committed file is stale.
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type BuildSchemaOptions } from 'type-graphql';
import { validateArgument } from '../common/validation';
import { refuseMutationsOnceAborted } from './abortable-mutations';
import { callFieldResolversDirectly } from './direct-field-resolvers';
import { ClaimResolver } from '../modules/claims/claim.resolver';
import { RebuttalResolver } from '../modules/rebuttals/rebuttal.resolver';
import { ClaimReviewsResolver } from '../modules/reviews/claim-reviews.resolver';
import { ReviewResolver } from '../modules/reviews/review.resolver';
import { SearchResolver } from '../modules/search/search.resolver';
import { SourceResolver } from '../modules/sources/source.resolver';
import { SpeakerResolver } from '../modules/speakers/speaker.resolver';
import { SpeakerDisputeResolver, SpeakerDisputesResolver } from '../modules/tracing/dispute.resolver';
import { TraceResolver } from '../modules/tracing/trace.resolver';

let schema: Promise<GraphQLSchema> | undefined;

/**
 * Built once per process: type-graphql's metadata is global, and the schema does not change at run time. Object types
 * declare `simpleResolvers`: with no middlewares or auth checks in the schema, their plain fields can use graphql's
 * default resolver instead of a wrapper each (thousands of fields in a large trace), and for the same reason their
 * relation fields are called without one (direct-field-resolvers.ts).
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
      ClaimReviewsResolver,
      SearchResolver,
      TraceResolver,
      SpeakerDisputesResolver,
      SpeakerDisputeResolver,
    ],
    validateFn: validateArgument,
  };
  const built = await buildSchema(options);
  callFieldResolversDirectly(built, options);
  refuseMutationsOnceAborted(built);
  return built;
}

export async function printAppSchema(): Promise<string> {
  return `# Emitted from the code by \`npm run schema:emit\`; do not edit.\n\n${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}
