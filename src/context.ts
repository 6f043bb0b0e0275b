// The typed request context: the services (built once per server) and a fresh set of DataLoaders per request, so
// that batching and caching never leak between requests. This is the one place loaders are built.
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger';
import type { DataAccess } from './db/database';
import { requireRole } from './auth/permissions';
import { Role } from './auth/roles';
import type { Authenticator } from './auth/authenticator';
import type { Viewer } from './auth/viewer';
import type { WriteContext } from './modules/history/recorded-transaction';
import { AppearanceService } from './modules/appearances/appearance.service';
import { createAppearanceLoaders } from './modules/appearances/appearance.loaders';
import { ApiKeyService } from './modules/api-keys/api-key.service';
import { ClaimService } from './modules/claims/claim.service';
import { createHistoryLoaders } from './modules/history/history.loaders';
import { HistoryService } from './modules/history/history.service';
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
import { createNodeLoader } from './modules/nodes/node.loaders';
import { createDisputeLoaders } from './modules/tracing/dispute.loaders';
import { TraceService } from './modules/tracing/trace.service';

export function createServices({ prisma, queryRows }: DataAccess) {
  return {
    speakers: new SpeakerService(prisma, queryRows),
    sources: new SourceService(prisma, queryRows),
    claims: new ClaimService(prisma, queryRows),
    rebuttals: new RebuttalService(prisma),
    appearances: new AppearanceService(prisma),
    tracing: new TraceService(queryRows),
    search: new ClaimSearchService(queryRows),
    reviews: new ReviewService(prisma, queryRows),
    apiKeys: new ApiKeyService(prisma),
    history: new HistoryService(prisma),
  };
}

/** `signal`: the request's (see Context); an aborted request's loaders send no more statements. */
export function createLoaders({ prisma, queryRows }: DataAccess, signal: AbortSignal) {
  const speakers = createSpeakerLoaders(queryRows, signal);
  const sources = createSourceLoaders(prisma, signal);
  const claims = createClaimLoaders(prisma, signal);
  const rebuttals = createRebuttalLoaders(prisma, signal);
  const reviews = createReviewLoaders(prisma, signal);
  const appearances = createAppearanceLoaders(prisma, signal);
  const byId = {
    Speaker: speakers.byId,
    Source: sources.byId,
    Claim: claims.byId,
    Rebuttal: rebuttals.byId,
    Review: reviews.byId,
    Appearance: appearances.byId,
  };
  return {
    speakers,
    sources,
    claims,
    rebuttals,
    disputes: createDisputeLoaders(prisma, signal),
    reviews,
    appearances,
    history: createHistoryLoaders(prisma, signal),
    /** node(id:) and nodes(ids:): the type of each id in one statement a batch, the records through the loaders above. */
    nodes: createNodeLoader(queryRows, byId, signal),
  };
}

export type Services = ReturnType<typeof createServices>;
export type Loaders = ReturnType<typeof createLoaders>;

/** What the resolvers of an idempotent mutation (one sent with an Idempotency-Key) run inside; see graphql/idempotency.ts. */
export interface IdempotentMutation {
  /** Runs one root mutation field in a savepoint of the request's transaction: a field that fails leaves no writes. */
  field(resolve: () => unknown): Promise<unknown>;
}

/** What the GraphQL pipeline found out about a request, for the HTTP edge's metrics (request-logger.ts fills it in). */
export interface OperationReport {
  /** The name of the document's operation (run, or refused by validation); null when anonymous or not resolved. */
  operationName: string | null;
  /** Whether the document names one operation (false for parse errors, an operationName it lacks, ...). */
  resolved: boolean;
  /** The errors sent to the client, formatted. */
  errors: readonly GraphQLFormattedError[] | undefined;
}

export interface Context {
  /** Bound to the request's transaction while an idempotent mutation runs (see idempotency). */
  services: Services;
  loaders: Loaders;
  /** The request's logger: every line carries its requestId. */
  logger: Logger;
  /** Set while an idempotent mutation runs. */
  idempotency?: IdempotentMutation;
  /** The request's id: the client's X-Request-Id when valid, else generated; returned in the X-Request-Id header. */
  requestId: string;
  /**
   * Aborted when the operation's time budget runs out or the client disconnects before its response, with an
   * OperationTimeoutError or a ClientClosedRequestError as reason: work not yet started should not start.
   */
  signal: AbortSignal;
  report: OperationReport;
  /** The API key the request was sent with; null when anonymous. */
  viewer: Viewer | null;
  /** The server's key checker, told of keys revoked through the API so that they stop working at once. */
  authenticator: Authenticator;
}

/** What a mutation's writes are attributed to: the request's key, with the reason the client gave. */
export function writeOf({ viewer, requestId }: Context, reason: string | null | undefined): WriteContext {
  // The mutation's @Authorized has checked this already; here for the type, and for any caller that did not.
  requireRole(viewer, Role.VIEWER, 'change the record');
  const { keyId, name, role } = viewer!;
  return { actor: { kind: 'API_KEY', keyId, name, requestId }, role, reason: reason?.trim() || null };
}
