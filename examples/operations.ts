// The README's example operations, typed by graphql-codegen: the operations are written once, in
// src/http/example-operations.ts (the explorer's tabs); npm run codegen writes their typed documents to examples/gql/.
export {
  WhoSaidWhatDocument as WhoSaidWhat,
  SpeakerDocument as Speaker,
  ClaimsDocument as Claims,
  QuoteInContextDocument as QuoteInContext,
  FindIdsDocument as FindIds,
  RecordClaimDocument as RecordClaim,
  ViewerDocument as Viewer,
  ClaimHistoryDocument as ClaimHistory,
  CorrectReviewDocument as CorrectReview,
} from './gql/graphql';
