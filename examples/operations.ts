// The README's example operations, typed by graphql-codegen (npm run codegen writes examples/gql/ from these).
// test/integration/doc-operations.test.ts checks that the README shows these very operations.
import { graphql } from './gql';

export const WhoSaidWhat = graphql(`
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
`);

export const Speaker = graphql(`
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
`);

export const Claims = graphql(`
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
`);

export const QuoteInContext = graphql(`
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
`);

export const FindIds = graphql(`
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
`);

export const RecordClaim = graphql(`
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
`);

export const Viewer = graphql(`
  query Viewer {
    viewer {
      name
      role
    }
  }
`);

export const ClaimHistory = graphql(`
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
`);

export const CorrectReview = graphql(`
  mutation CorrectReview($id: ID!) {
    updateReview(id: $id, input: { rating: FALSE }, reason: "The figure was from 2017, not 2019") {
      rating
      corrections {
        reason
        recordedAt
      }
    }
  }
`);
