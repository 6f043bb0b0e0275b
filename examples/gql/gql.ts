/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query WhoSaidWhat {\n    speakers(first: 20) {\n      nodes {\n        name\n        claims(first: 5) {\n          nodes {\n            text\n            rebuttals {\n              nodes {\n                counterclaim {\n                  text\n                  speaker {\n                    name\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.WhoSaidWhatDocument,
    "\n  query Speaker {\n    speaker(slug: \"sergei-ryabkov\") {\n      name\n      role\n      affiliation\n      country\n      claims {\n        totalCount\n        nodes {\n          text\n          kind\n          statedAt\n          source {\n            title\n            author\n          }\n          rebuts {\n            nodes {\n              stance\n              rationale\n              claim {\n                text\n                speaker {\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.SpeakerDocument,
    "\n  query Claims($after: String) {\n    claims(filter: { text: \"missile\" }, first: 3, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          text\n          speaker {\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ClaimsDocument,
    "\n  query QuoteInContext {\n    claims(filter: { text: \"preserve the treaty\" }, first: 1) {\n      nodes {\n        text\n        firstAppearance {\n          verification\n          anchor {\n            start\n            end\n          }\n          context(chars: 60) {\n            marked\n          }\n          source {\n            title\n          }\n        }\n      }\n    }\n  }\n": typeof types.QuoteInContextDocument,
    "\n  query FindIds {\n    speaker(slug: \"sergei-ryabkov\") {\n      id\n      name\n    }\n    claims(filter: { text: \"illegal missiles\" }, first: 1) {\n      nodes {\n        id\n        text\n        speaker {\n          name\n        }\n      }\n    }\n  }\n": typeof types.FindIdsDocument,
    "\n  mutation RecordClaim($speakerId: ID!, $claimId: ID!) {\n    createClaim(\n      input: {\n        text: \"Russia is in full compliance with the treaty.\"\n        kind: PARAPHRASE\n        speakerId: $speakerId\n        statedAt: \"2018-12-05\"\n        rebuts: [{ claimId: $claimId, stance: REFUTES, rationale: \"Denies the violation\" }]\n      }\n    ) {\n      id\n      text\n      statedAt\n      rebuts {\n        nodes {\n          claim {\n            text\n          }\n        }\n      }\n    }\n  }\n": typeof types.RecordClaimDocument,
    "\n  query Viewer {\n    viewer {\n      name\n      role\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query ClaimHistory($id: ID!) {\n    claim(id: $id) {\n      text\n      history(first: 5) {\n        nodes {\n          action\n          recordedAt\n          actor {\n            kind\n            name\n          }\n          reason\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n": typeof types.ClaimHistoryDocument,
    "\n  mutation CorrectReview($id: ID!) {\n    updateReview(id: $id, input: { rating: FALSE }, reason: \"The figure was from 2017, not 2019\") {\n      rating\n      corrections {\n        reason\n        recordedAt\n      }\n    }\n  }\n": typeof types.CorrectReviewDocument,
};
const documents: Documents = {
    "\n  query WhoSaidWhat {\n    speakers(first: 20) {\n      nodes {\n        name\n        claims(first: 5) {\n          nodes {\n            text\n            rebuttals {\n              nodes {\n                counterclaim {\n                  text\n                  speaker {\n                    name\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.WhoSaidWhatDocument,
    "\n  query Speaker {\n    speaker(slug: \"sergei-ryabkov\") {\n      name\n      role\n      affiliation\n      country\n      claims {\n        totalCount\n        nodes {\n          text\n          kind\n          statedAt\n          source {\n            title\n            author\n          }\n          rebuts {\n            nodes {\n              stance\n              rationale\n              claim {\n                text\n                speaker {\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.SpeakerDocument,
    "\n  query Claims($after: String) {\n    claims(filter: { text: \"missile\" }, first: 3, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          text\n          speaker {\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ClaimsDocument,
    "\n  query QuoteInContext {\n    claims(filter: { text: \"preserve the treaty\" }, first: 1) {\n      nodes {\n        text\n        firstAppearance {\n          verification\n          anchor {\n            start\n            end\n          }\n          context(chars: 60) {\n            marked\n          }\n          source {\n            title\n          }\n        }\n      }\n    }\n  }\n": types.QuoteInContextDocument,
    "\n  query FindIds {\n    speaker(slug: \"sergei-ryabkov\") {\n      id\n      name\n    }\n    claims(filter: { text: \"illegal missiles\" }, first: 1) {\n      nodes {\n        id\n        text\n        speaker {\n          name\n        }\n      }\n    }\n  }\n": types.FindIdsDocument,
    "\n  mutation RecordClaim($speakerId: ID!, $claimId: ID!) {\n    createClaim(\n      input: {\n        text: \"Russia is in full compliance with the treaty.\"\n        kind: PARAPHRASE\n        speakerId: $speakerId\n        statedAt: \"2018-12-05\"\n        rebuts: [{ claimId: $claimId, stance: REFUTES, rationale: \"Denies the violation\" }]\n      }\n    ) {\n      id\n      text\n      statedAt\n      rebuts {\n        nodes {\n          claim {\n            text\n          }\n        }\n      }\n    }\n  }\n": types.RecordClaimDocument,
    "\n  query Viewer {\n    viewer {\n      name\n      role\n    }\n  }\n": types.ViewerDocument,
    "\n  query ClaimHistory($id: ID!) {\n    claim(id: $id) {\n      text\n      history(first: 5) {\n        nodes {\n          action\n          recordedAt\n          actor {\n            kind\n            name\n          }\n          reason\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n": types.ClaimHistoryDocument,
    "\n  mutation CorrectReview($id: ID!) {\n    updateReview(id: $id, input: { rating: FALSE }, reason: \"The figure was from 2017, not 2019\") {\n      rating\n      corrections {\n        reason\n        recordedAt\n      }\n    }\n  }\n": types.CorrectReviewDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhoSaidWhat {\n    speakers(first: 20) {\n      nodes {\n        name\n        claims(first: 5) {\n          nodes {\n            text\n            rebuttals {\n              nodes {\n                counterclaim {\n                  text\n                  speaker {\n                    name\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WhoSaidWhatDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Speaker {\n    speaker(slug: \"sergei-ryabkov\") {\n      name\n      role\n      affiliation\n      country\n      claims {\n        totalCount\n        nodes {\n          text\n          kind\n          statedAt\n          source {\n            title\n            author\n          }\n          rebuts {\n            nodes {\n              stance\n              rationale\n              claim {\n                text\n                speaker {\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SpeakerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Claims($after: String) {\n    claims(filter: { text: \"missile\" }, first: 3, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          text\n          speaker {\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').ClaimsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QuoteInContext {\n    claims(filter: { text: \"preserve the treaty\" }, first: 1) {\n      nodes {\n        text\n        firstAppearance {\n          verification\n          anchor {\n            start\n            end\n          }\n          context(chars: 60) {\n            marked\n          }\n          source {\n            title\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').QuoteInContextDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindIds {\n    speaker(slug: \"sergei-ryabkov\") {\n      id\n      name\n    }\n    claims(filter: { text: \"illegal missiles\" }, first: 1) {\n      nodes {\n        id\n        text\n        speaker {\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').FindIdsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordClaim($speakerId: ID!, $claimId: ID!) {\n    createClaim(\n      input: {\n        text: \"Russia is in full compliance with the treaty.\"\n        kind: PARAPHRASE\n        speakerId: $speakerId\n        statedAt: \"2018-12-05\"\n        rebuts: [{ claimId: $claimId, stance: REFUTES, rationale: \"Denies the violation\" }]\n      }\n    ) {\n      id\n      text\n      statedAt\n      rebuts {\n        nodes {\n          claim {\n            text\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RecordClaimDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      name\n      role\n    }\n  }\n"): typeof import('./graphql').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClaimHistory($id: ID!) {\n    claim(id: $id) {\n      text\n      history(first: 5) {\n        nodes {\n          action\n          recordedAt\n          actor {\n            kind\n            name\n          }\n          reason\n          changes {\n            field\n            before\n            after\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ClaimHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CorrectReview($id: ID!) {\n    updateReview(id: $id, input: { rating: FALSE }, reason: \"The figure was from 2017, not 2019\") {\n      rating\n      corrections {\n        reason\n        recordedAt\n      }\n    }\n  }\n"): typeof import('./graphql').CorrectReviewDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
