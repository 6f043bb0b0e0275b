// The typed request context: the services (built once per server) and a fresh set of DataLoaders per request, so
// that batching and caching never leak between requests. This is the one place loaders are built.
import type { Logger } from './logger';
import type { DataAccess } from './db/database';
import { ClaimService } from './modules/claims/claim.service';
import { createClaimLoaders } from './modules/claims/claim.loaders';
import { RebuttalService } from './modules/rebuttals/rebuttal.service';
import { ClaimSearchService } from './modules/search/search.service';
import { createRebuttalLoaders } from './modules/rebuttals/rebuttal.loaders';
import { ReviewService } from './modules/reviews/review.service';
import { createReviewLoaders } from './modules/reviews/review.loaders';
import { SourceService } from './modules/sources/source.service';
import { createSourceLoaders } from './modules/sources/source.loaders';
import { SpeakerService } from './modules/speakers/speaker.service';
import { createSpeakerLoaders } from './modules/speakers/speaker.loaders';
import { createDisputeLoaders } from './modules/tracing/dispute.loaders';
import { TraceService } from './modules/tracing/trace.service';

export function createServices({ prisma, queryRows }: DataAccess) {
  return {
    speakers: new SpeakerService(prisma),
    sources: new SourceService(prisma),
    claims: new ClaimService(prisma),
    rebuttals: new RebuttalService(prisma),
    tracing: new TraceService(queryRows),
    search: new ClaimSearchService(prisma),
    reviews: new ReviewService(prisma),
  };
}

export function createLoaders({ prisma, queryRows }: DataAccess) {
  return {
    speakers: createSpeakerLoaders(queryRows),
    sources: createSourceLoaders(prisma),
    claims: createClaimLoaders(prisma),
    rebuttals: createRebuttalLoaders(prisma),
    disputes: createDisputeLoaders(prisma),
    reviews: createReviewLoaders(prisma),
  };
}

export type Services = ReturnType<typeof createServices>;
export type Loaders = ReturnType<typeof createLoaders>;

/** What the resolvers of an idempotent mutation (one sent with an Idempotency-Key) run inside; see graphql/idempotency.ts. */
export interface IdempotentMutation {
  /** Runs one root mutation field in a savepoint of the request's transaction: a field that fails leaves no writes. */
  field(resolve: () => unknown): Promise<unknown>;
}

export interface Context {
  /** Bound to the request's transaction while an idempotent mutation runs (see idempotency). */
  services: Services;
  loaders: Loaders;
  logger: Logger;
  /** Set while an idempotent mutation runs. */
  idempotency?: IdempotentMutation;
}
