import { ApolloServerValidationErrorCode } from '@apollo/server/errors';
import { GraphQLError, parse } from 'graphql';
import { BadUserInputError, OperationTimeoutError, OperationTooComplexError } from '../app-errors';
import { createErrorFormatter, isUnexpectedError } from '../mask-error';

describe('formatError', () => {
  const format = createErrorFormatter({ exposeDetails: false });

  it('passes errors the client can act on through unchanged', () => {
    const error = new BadUserInputError('input.text: text must not be blank', { field: 'input.text' });
    expect(format({ message: error.message, extensions: error.extensions }, error)).toEqual({
      message: error.message,
      extensions: error.extensions,
    });
  });

  it('names the variable path of a variable that failed coercion', () => {
    const message = 'Variable "$input" got invalid value "2018-02-30" at "input.statedAt"; Date must be a calendar date written YYYY-MM-DD';
    expect(format({ message, extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError(message)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.statedAt',
    });
    const missing = 'Variable "$input" got invalid value { role: "x" }; Field "name" of required type "String!" was not provided.';
    expect(format({ message: missing, extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError(missing)).extensions?.field).toBe(
      'input.name',
    );
  });

  it('gives back its own code to an operation limit that Apollo re-coded as a validation error', () => {
    const refusal = new OperationTooComplexError('Operation too complex', { limit: 'depth', max: 12, value: 77 });
    const wrapped = new GraphQLError(refusal.message, {
      originalError: refusal,
      extensions: { ...refusal.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(format({ message: wrapped.message, extensions: wrapped.extensions }, wrapped).extensions).toEqual({
      code: 'OPERATION_TOO_COMPLEX',
      limit: 'depth',
      max: 12,
      value: 77,
    });
  });

  it("turns graphql-js's parse error for too many tokens into the tokens limit", () => {
    let parseError: unknown;
    try {
      parse('{ a b c }', { maxTokens: 2 });
    } catch (error) {
      parseError = error;
    }
    const formatted = format({ message: (parseError as Error).message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, parseError);
    expect(formatted).toEqual({
      message: 'Operation too complex: it has more than 2 tokens, over the tokens limit of 2',
      locations: undefined,
      extensions: { code: 'OPERATION_TOO_COMPLEX', limit: 'tokens', max: 2 },
    });
  });

  it("replaces Apollo's introspection refusal, which tells the client how to configure the server", () => {
    const formatted = format(
      {
        message: 'GraphQL introspection is not allowed by Apollo Server, ... pass introspection: true to ApolloServer in production',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', validationErrorCode: ApolloServerValidationErrorCode.INTROSPECTION_DISABLED },
      },
      new GraphQLError('x'),
    );
    expect(formatted).toEqual({
      message: 'Introspection is disabled on this server',
      locations: undefined,
      extensions: { code: 'INTROSPECTION_DISABLED' },
    });
  });

  it('masks anything unexpected, keeping only the path', () => {
    const formatted = format(
      {
        message: 'relation "claims" does not exist',
        path: ['claims'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
      },
      new Error('relation "claims" does not exist'),
    );
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['claims'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('shows the message in development', () => {
    const dev = createErrorFormatter({ exposeDetails: true });
    expect(dev({ message: 'boom', extensions: {} }, new Error('boom')).message).toBe('boom');
  });

  it('turns a database fault into SERVICE_UNAVAILABLE or OPERATION_TIMEOUT (the request logger logs it)', () => {
    const faults = createErrorFormatter({ exposeDetails: true });
    const lost = new Error('Connection terminated unexpectedly');
    expect(faults({ message: lost.message, path: ['claims'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, lost)).toEqual({
      message: expect.stringMatching(/^The database is unavailable/),
      path: ['claims'],
      locations: undefined,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    expect(faults({ message: cancelled.message, extensions: {} }, cancelled).extensions).toEqual({ code: 'OPERATION_TIMEOUT' });
  });
});

describe('isUnexpectedError', () => {
  it('is false for coded domain errors, also wrapped by a resolver, and for errors in the request itself', () => {
    expect(isUnexpectedError(new BadUserInputError('bad'))).toBe(false);
    expect(isUnexpectedError(new GraphQLError('wrapped', { path: ['claims'], originalError: new OperationTimeoutError(5) }))).toBe(false);
    expect(isUnexpectedError(new GraphQLError('Syntax Error', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } }))).toBe(false);
  });

  it('is false for a database fault, which the request logger logs as such', () => {
    expect(
      isUnexpectedError(new GraphQLError('lost', { path: ['claims'], originalError: new Error('Connection terminated unexpectedly') })),
    ).toBe(false);
  });

  it('is true for anything else, coded or not', () => {
    expect(isUnexpectedError(new GraphQLError('boom', { originalError: new TypeError('boom') }))).toBe(true);
    expect(isUnexpectedError(new GraphQLError('boom', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }))).toBe(true);
  });
});
