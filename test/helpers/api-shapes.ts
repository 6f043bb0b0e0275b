// The API's results as the tests read them: each type has every field of its GraphQL type (an operation selects some),
// and the root fields a test reads without a null check are typed as present. `dataOf(await api.gql(...))` gives
// ApiData; an operation with aliases names its own shape.

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  totalCount: number;
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** A JSON-LD document (ClaimReview): its keys as schema.org has them. */
export interface JsonLd {
  [key: string]: JsonLd | JsonLd[] | string | number | boolean | null;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntryShape {
  id: string;
  entityType: string;
  entityId: string;
  action: string;
  actor: { kind: string; keyId: string | null; name: string };
  changes: FieldChange[];
  reason: string | null;
  isCorrection: boolean;
  requestId: string | null;
  recordedAt: string;
}

interface Recorded {
  id: string;
  createdAt: string;
  updatedAt: string;
  history: Connection<HistoryEntryShape>;
}

export interface SpeakerShape extends Recorded {
  slug: string;
  name: string;
  role: string | null;
  affiliation: string | null;
  country: string | null;
  isNamed: boolean;
  aliases: string[];
  claims: Connection<ClaimShape>;
  disputes: SpeakerDisputeShape[];
}

export interface SourceShape extends Recorded {
  title: string;
  url: string | null;
  publisher: string | null;
  author: string | null;
  publishedAt: string | null;
  kind: string;
  claims: Connection<ClaimShape>;
  content: string | null;
  contentHash: string | null;
  language: string | null;
  retrievedAt: string | null;
  appearances: Connection<AppearanceShape>;
}

export interface TextPositionShape {
  start: number;
  end: number;
}

export interface AppearanceShape extends Recorded {
  claim: ClaimShape;
  source: SourceShape;
  isFirst: boolean;
  verification: string;
  verifiedAt: string | null;
  anchor: {
    exact: string;
    prefix: string | null;
    suffix: string | null;
    start: number | null;
    end: number | null;
    startSeconds: number | null;
    endSeconds: number | null;
  } | null;
  closestMatch: TextPositionShape | null;
  context: { before: string; exact: string; after: string; marked: string } | null;
}

export interface ClaimShape extends Recorded {
  text: string;
  kind: string;
  statedAt: string | null;
  reviewStatus: string;
  speaker: SpeakerShape;
  source: SourceShape | null;
  rebuttals: Connection<RebuttalShape>;
  rebuts: Connection<RebuttalShape>;
  reviews: Connection<ReviewShape>;
  claimReviews: JsonLd[];
  appearances: Connection<AppearanceShape>;
  firstAppearance: AppearanceShape | null;
}

export interface RebuttalShape extends Recorded {
  claim: ClaimShape;
  counterclaim: ClaimShape;
  stance: string;
  rationale: string | null;
}

export interface ReviewShape extends Recorded {
  claim: ClaimShape;
  rating: string;
  ratingText: string | null;
  summary: string | null;
  organizationName: string;
  organizationUrl: string | null;
  authorName: string | null;
  url: string | null;
  publishedAt: string | null;
  language: string | null;
  claimReview: JsonLd;
  schemaOrg: JsonLd;
  corrections: Connection<HistoryEntryShape>;
}

export interface SpeakerDisputeShape {
  speaker: SpeakerShape;
  rebuttalsMade: number;
  rebuttalsReceived: number;
}

export interface TraceShape {
  root: ClaimShape;
  nodes: { claim: ClaimShape; depth: number }[];
  edges: RebuttalShape[];
  truncated: boolean;
}

export interface SearchHitShape {
  claim: ClaimShape;
  rank: number;
  snippet: string;
}

export interface ApiKeyShape {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** Any record `node(id:)` finds, as an operation's fragments select it. */
export type NodeShape = Partial<SpeakerShape & SourceShape & ClaimShape & RebuttalShape & ReviewShape & AppearanceShape> & {
  id: string;
  __typename?: string;
};

export interface QueryData {
  viewer: { id: string; name: string; role: string };
  speaker: SpeakerShape;
  speakers: Connection<SpeakerShape>;
  source: SourceShape;
  sources: Connection<SourceShape>;
  claim: ClaimShape;
  claims: Connection<ClaimShape>;
  rebuttal: RebuttalShape;
  appearance: AppearanceShape;
  review: ReviewShape;
  reviews: Connection<ReviewShape>;
  searchClaims: Connection<SearchHitShape>;
  trace: TraceShape;
  history: Connection<HistoryEntryShape>;
  apiKeys: Connection<ApiKeyShape>;
  node: NodeShape;
  nodes: (NodeShape | null)[];
  __schema: { mutationType: { fields: { name: string }[] } };
}

export interface MutationData {
  createSpeaker: SpeakerShape;
  updateSpeaker: SpeakerShape;
  deleteSpeaker: SpeakerShape;
  createSource: SourceShape;
  updateSource: SourceShape;
  deleteSource: SourceShape;
  createClaim: ClaimShape;
  updateClaim: ClaimShape;
  deleteClaim: ClaimShape;
  createRebuttal: RebuttalShape;
  updateRebuttal: RebuttalShape;
  deleteRebuttal: RebuttalShape;
  createReview: ReviewShape;
  updateReview: ReviewShape;
  deleteReview: ReviewShape;
  setClaimReviewStatus: ClaimShape;
  addAppearance: AppearanceShape;
  updateAppearance: AppearanceShape;
  removeAppearance: AppearanceShape;
  setSourceContent: SourceShape;
  createApiKey: { apiKey: ApiKeyShape; key: string };
  revokeApiKey: ApiKeyShape;
}

/** What an operation of the API can answer, root field by root field. */
export type ApiData = QueryData & MutationData;
