/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What made a change. */
export type ActorKind =
  /** A mutation sent with an API key (keyId, and the name the key had then). */
  | 'API_KEY'
  /** A command run on the server (npm run ...). */
  | 'CLI'
  /** A write made in the database directly (psql, a script), named after its database role. */
  | 'DATABASE'
  /** An import, named after its file. */
  | 'IMPORT'
  /** The migration that began history (records that existed before it). */
  | 'MIGRATION'
  /** The seed. */
  | 'SEED';

/** Whether an appearance's anchor stands in its source's stored text. Texts are compared in NFC with typographic quotes and apostrophes read as straight ones and whitespace runs as one space; what is stored is the source's own characters. */
export type AppearanceVerification =
  /** The content changed and the exact text no longer stands there; closestMatch says where it now is, if anywhere. */
  | 'BROKEN'
  /** No anchor, or no stored content to check it against. */
  | 'UNVERIFIED'
  /** The exact text stands at the anchor position of the stored content. */
  | 'VERIFIED';

/** How the source reports the claim: in the speaker's own words or in its own. */
export type ClaimKind =
  /** Reported speech: what the source says the speaker said. */
  | 'PARAPHRASE'
  /** Words the source puts in quotation marks. */
  | 'QUOTE';

/** What a change did to its record. */
export type HistoryAction =
  /** The record was created (or existed when history began: dated at its creation). */
  | 'CREATE'
  /** The record was deleted; the entry keeps its last state. */
  | 'DELETE'
  /** Only the claim's review status changed (setClaimReviewStatus). */
  | 'STATUS'
  /** Fields of the record changed. */
  | 'UPDATE';

/** How a counterclaim stands against the claim it counters. */
export type RebuttalStance =
  /** Challenges its evidence or motive. */
  | 'DISPUTES'
  /** Limits it or adds context. */
  | 'QUALIFIES'
  /** Says the claim is false. */
  | 'REFUTES';

/** A verdict on a normalised scale; the publisher's own wording is in ratingText. */
export type ReviewRating =
  /** Inaccurate. */
  | 'FALSE'
  /** Accurate words that leave a false impression (missing context, exaggeration). */
  | 'MISLEADING'
  /** Partly accurate, partly not. */
  | 'MIXED'
  /** Inaccurate in the main, with an element of truth. */
  | 'MOSTLY_FALSE'
  /** Accurate in the main, with minor errors or omissions. */
  | 'MOSTLY_TRUE'
  /** Accurate. */
  | 'TRUE'
  /** Not enough evidence either way. */
  | 'UNPROVEN';

/** What an API key may do; each role has the rights of those before it. */
export type Role =
  /** Manages API keys and may delete records. */
  | 'ADMIN'
  /** Records speakers, sources, claims and rebuttals. */
  | 'EDITOR'
  /** Publishes and retracts claims, and corrects published verdicts. */
  | 'PUBLISHER'
  /** Writes reviews and moves claims through the review workflow up to REVIEWED. */
  | 'REVIEWER'
  /** Reads (needed only when the server refuses anonymous reads). */
  | 'VIEWER';

export type WhoSaidWhatQueryVariables = Exact<{ [key: string]: never; }>;


export type WhoSaidWhatQuery = { speakers: { nodes: Array<{ name: string, claims: { nodes: Array<{ text: string, rebuttals: { nodes: Array<{ counterclaim: { text: string, speaker: { name: string } } }> } }> } }> } };

export type SpeakerQueryVariables = Exact<{ [key: string]: never; }>;


export type SpeakerQuery = { speaker: { name: string, role: string | null, affiliation: string | null, country: string | null, claims: { totalCount: number, nodes: Array<{ text: string, kind: ClaimKind, statedAt: string | null, source: { title: string, author: string | null } | null, rebuts: { nodes: Array<{ stance: RebuttalStance, rationale: string | null, claim: { text: string, speaker: { name: string } } }> } }> } } | null };

export type ClaimsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ClaimsQuery = { claims: { totalCount: number, edges: Array<{ cursor: string, node: { text: string, speaker: { name: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type QuoteInContextQueryVariables = Exact<{ [key: string]: never; }>;


export type QuoteInContextQuery = { claims: { nodes: Array<{ text: string, firstAppearance: { verification: AppearanceVerification, anchor: { start: number | null, end: number | null } | null, context: { marked: string } | null, source: { title: string } } | null }> } };

export type FindIdsQueryVariables = Exact<{ [key: string]: never; }>;


export type FindIdsQuery = { speaker: { id: string, name: string } | null, claims: { nodes: Array<{ id: string, text: string, speaker: { name: string } }> } };

export type RecordClaimMutationVariables = Exact<{
  speakerId: string;
  claimId: string;
}>;


export type RecordClaimMutation = { createClaim: { id: string, text: string, statedAt: string | null, rebuts: { nodes: Array<{ claim: { text: string } }> } } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { name: string, role: Role } | null };

export type ClaimHistoryQueryVariables = Exact<{
  id: string;
}>;


export type ClaimHistoryQuery = { claim: { text: string, history: { nodes: Array<{ action: HistoryAction, recordedAt: string, reason: string | null, actor: { kind: ActorKind, name: string }, changes: Array<{ field: string, before: unknown, after: unknown }> }> } } | null };

export type CorrectReviewMutationVariables = Exact<{
  id: string;
}>;


export type CorrectReviewMutation = { updateReview: { rating: ReviewRating, corrections: Array<{ reason: string | null, recordedAt: string }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const WhoSaidWhatDocument = new TypedDocumentString(`
    query WhoSaidWhat {
  speakers(first: 20) {
    nodes {
      name
      claims(first: 5) {
        nodes {
          text
          rebuttals {
            nodes {
              counterclaim {
                text
                speaker {
                  name
                }
              }
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WhoSaidWhatQuery, WhoSaidWhatQueryVariables>;
export const SpeakerDocument = new TypedDocumentString(`
    query Speaker {
  speaker(slug: "sergei-ryabkov") {
    name
    role
    affiliation
    country
    claims {
      totalCount
      nodes {
        text
        kind
        statedAt
        source {
          title
          author
        }
        rebuts {
          nodes {
            stance
            rationale
            claim {
              text
              speaker {
                name
              }
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SpeakerQuery, SpeakerQueryVariables>;
export const ClaimsDocument = new TypedDocumentString(`
    query Claims($after: String) {
  claims(filter: {text: "missile"}, first: 3, after: $after) {
    totalCount
    edges {
      cursor
      node {
        text
        speaker {
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ClaimsQuery, ClaimsQueryVariables>;
export const QuoteInContextDocument = new TypedDocumentString(`
    query QuoteInContext {
  claims(filter: {text: "preserve the treaty"}, first: 1) {
    nodes {
      text
      firstAppearance {
        verification
        anchor {
          start
          end
        }
        context(chars: 60) {
          marked
        }
        source {
          title
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<QuoteInContextQuery, QuoteInContextQueryVariables>;
export const FindIdsDocument = new TypedDocumentString(`
    query FindIds {
  speaker(slug: "sergei-ryabkov") {
    id
    name
  }
  claims(filter: {text: "illegal missiles"}, first: 1) {
    nodes {
      id
      text
      speaker {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FindIdsQuery, FindIdsQueryVariables>;
export const RecordClaimDocument = new TypedDocumentString(`
    mutation RecordClaim($speakerId: ID!, $claimId: ID!) {
  createClaim(
    input: {text: "Russia is in full compliance with the treaty.", kind: PARAPHRASE, speakerId: $speakerId, statedAt: "2018-12-05", rebuts: [{claimId: $claimId, stance: REFUTES, rationale: "Denies the violation"}]}
  ) {
    id
    text
    statedAt
    rebuts {
      nodes {
        claim {
          text
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RecordClaimMutation, RecordClaimMutationVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    name
    role
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const ClaimHistoryDocument = new TypedDocumentString(`
    query ClaimHistory($id: ID!) {
  claim(id: $id) {
    text
    history(first: 5) {
      nodes {
        action
        recordedAt
        actor {
          kind
          name
        }
        reason
        changes {
          field
          before
          after
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ClaimHistoryQuery, ClaimHistoryQueryVariables>;
export const CorrectReviewDocument = new TypedDocumentString(`
    mutation CorrectReview($id: ID!) {
  updateReview(
    id: $id
    input: {rating: FALSE}
    reason: "The figure was from 2017, not 2019"
  ) {
    rating
    corrections {
      reason
      recordedAt
    }
  }
}
    `) as unknown as TypedDocumentString<CorrectReviewMutation, CorrectReviewMutationVariables>;