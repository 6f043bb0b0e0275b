import { GraphQLError, parse } from 'graphql';
import { assertTokenLimitRecognised, tokenLimitRefusal } from '../token-limit';

describe('the token limit', () => {
  it("recognises graphql-js's error for a document over maxTokens, and no other", () => {
    let error: unknown;
    try {
      parse('{ a b c d }', { maxTokens: 3 });
    } catch (caught) {
      error = caught;
    }
    expect(tokenLimitRefusal(error)?.extensions).toEqual({ code: 'OPERATION_TOO_COMPLEX', limit: 'tokens', max: 3 });
    expect(tokenLimitRefusal(new GraphQLError('Syntax Error: Expected Name, found "}".'))).toBeUndefined();
    expect(tokenLimitRefusal('Document contains more that 3 tokens')).toBeUndefined();
  });

  it('passes its start-up check against the graphql-js installed', () => {
    expect(() => assertTokenLimitRecognised()).not.toThrow();
  });
});
