// The token limit is graphql-js's own (parse's maxTokens, set through Apollo's parseOptions), which Apollo answers as
// GRAPHQL_PARSE_FAILED: this recognises that error, so that formatError gives it the code of every operation limit.
import { parse } from 'graphql';
import { OperationTooComplexError } from '../errors/app-errors';

// graphql-js's message for a document over maxTokens ("more that" in graphql 16.15, a typo a later release may fix).
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more tha[tn] (\d+) tokens\. Parsing aborted\.$/;

/** The OPERATION_TOO_COMPLEX refusal for a document the parser stopped at maxTokens; undefined for any other error. */
export function tokenLimitRefusal(error: unknown): OperationTooComplexError | undefined {
  const match = error instanceof Error ? TOO_MANY_TOKENS.exec(error.message) : null;
  if (!match) return undefined;
  const max = Number(match[1]);
  // The parser stops at the first token over the limit: how many the document has is not known.
  return new OperationTooComplexError(`it has more than ${max} tokens`, { limit: 'tokens', max });
}

/** Fails at start-up if graphql-js no longer stops at maxTokens, or words its error so that it would go unrecognised. */
export function assertTokenLimitRecognised(): void {
  try {
    parse('{ a b }', { maxTokens: 1 });
  } catch (error) {
    if (tokenLimitRefusal(error)) return;
    throw new Error(`graphql-js's error for a document over maxTokens is no longer recognised: ${String(error)}`);
  }
  throw new Error('graphql-js no longer stops parsing at maxTokens');
}
