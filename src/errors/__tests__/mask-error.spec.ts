import { GraphQLError } from 'graphql';
import { BadUserInputError, OperationTimeoutError } from '../app-errors';
import { createErrorFormatter, isUnexpectedError } from '../mask-error';

describe('formatError', () => {
  const format = createErrorFormatter({ exposeDetails: false });

  it('passes errors the client can act on through unchanged', () => {
    const error = new BadUserInputError('input.text: text must not be blank', { field: 'input.text' });
    expect(format({ message: error.message, extensions: error.extensions }, error)).toEqual({ message: error.message, extensions: error.extensions });
  });

  it('names the variable path of a variable that failed coercion', () => {
    const message = 'Variable "$input" got invalid value "2018-02-30" at "input.statedAt"; Date must be a calendar date written YYYY-MM-DD';
    expect(format({ message, extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError(message)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.statedAt',
    });
    const missing = 'Variable "$input" got invalid value { role: "x" }; Field "name" of required type "String!" was not provided.';
    expect(format({ message: missing, extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError(missing)).extensions?.field).toBe('input.name');
  });

  it('masks anything unexpected, keeping only the path', () => {
    const formatted = format(
      { message: 'relation "claims" does not exist', path: ['claims'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } },
      new Error('relation "claims" does not exist'),
    );
    expect(formatted).toEqual({ message: 'Internal server error', path: ['claims'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('shows the message in development', () => {
    const dev = createErrorFormatter({ exposeDetails: true });
    expect(dev({ message: 'boom', extensions: {} }, new Error('boom')).message).toBe('boom');
  });
});

describe('isUnexpectedError', () => {
  it('is false for coded domain errors, also wrapped by a resolver, and for errors in the request itself', () => {
    expect(isUnexpectedError(new BadUserInputError('bad'))).toBe(false);
    expect(isUnexpectedError(new GraphQLError('wrapped', { path: ['claims'], originalError: new OperationTimeoutError(5) }))).toBe(false);
    expect(isUnexpectedError(new GraphQLError('Syntax Error', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } }))).toBe(false);
  });

  it('is true for anything else, coded or not', () => {
    expect(isUnexpectedError(new GraphQLError('boom', { originalError: new TypeError('boom') }))).toBe(true);
    expect(isUnexpectedError(new GraphQLError('boom', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }))).toBe(true);
  });
});
