// The README's example operations, written once: the offline explorer opens one tab for each (src/http/explorer.ts),
// and graphql-codegen types them for the example client (npm run codegen finds them by the GraphQL comment and writes
// examples/gql/; examples/operations.ts exports the typed documents). test/integration/doc-operations.test.ts checks
// that the README shows these very operations.

export const WhoSaidWhat = /* GraphQL */ `
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
`;

export const Speaker = /* GraphQL */ `
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
`;

export const Claims = /* GraphQL */ `
  query Claims($after: String) {
    claims(filter: { text: "missile" }, first: 3, after: $after) {
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
`;

export const QuoteInContext = /* GraphQL */ `
  query QuoteInContext {
    claims(filter: { text: "preserve the treaty" }, first: 1) {
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
`;

export const FindIds = /* GraphQL */ `
  query FindIds {
    speaker(slug: "sergei-ryabkov") {
      id
      name
    }
    claims(filter: { text: "illegal missiles" }, first: 1) {
      nodes {
        id
        text
        speaker {
          name
        }
      }
    }
  }
`;

export const RecordClaim = /* GraphQL */ `
  mutation RecordClaim($speakerId: ID!, $claimId: ID!) {
    createClaim(
      input: {
        text: "Russia is in full compliance with the treaty."
        kind: PARAPHRASE
        speakerId: $speakerId
        statedAt: "2018-12-05"
        rebuts: [{ claimId: $claimId, stance: REFUTES, rationale: "Denies the violation" }]
      }
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
`;

export const Viewer = /* GraphQL */ `
  query Viewer {
    viewer {
      name
      role
    }
  }
`;

export const ClaimHistory = /* GraphQL */ `
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
`;

export const CorrectReview = /* GraphQL */ `
  mutation CorrectReview($id: ID!) {
    updateReview(id: $id, input: { rating: FALSE }, reason: "The figure was from 2017, not 2019") {
      rating
      corrections {
        reason
        recordedAt
      }
    }
  }
`;
