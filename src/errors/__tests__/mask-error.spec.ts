import { GraphQLError } from 'graphql';
import { captureLogs } from '../../../test/helpers/log-capture';
import { createLogger } from '../../logger';
import { BadUserInputError } from '../app-errors';
import { createErrorFormatter } from '../mask-error';

const logger = createLogger({ logLevel: 'silent', nodeEnv: 'test' });

describe('formatError', () => {
  const format = createErrorFormatter({ exposeDetails: false, logger });

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
    const dev = createErrorFormatter({ exposeDetails: true, logger });
    expect(dev({ message: 'boom', extensions: {} }, new Error('boom')).message).toBe('boom');
  });

  it('turns a database fault into SERVICE_UNAVAILABLE or OPERATION_TIMEOUT, and logs it at warn', () => {
    const logs = captureLogs();
    const faults = createErrorFormatter({ exposeDetails: true, logger: logs.logger });
    const lost = new Error('Connection terminated unexpectedly');
    expect(faults({ message: lost.message, path: ['claims'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, lost)).toEqual({
      message: expect.stringMatching(/^The database is unavailable/),
      path: ['claims'],
      locations: undefined,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    expect(faults({ message: cancelled.message, extensions: {} }, cancelled).extensions).toEqual({ code: 'OPERATION_TIMEOUT' });
    expect(logs.entries.map((entry) => [entry.level, entry.msg, entry.err?.message])).toEqual([
      [40, 'database fault in a GraphQL operation: SERVICE_UNAVAILABLE', 'Connection terminated unexpectedly'],
      [40, 'database fault in a GraphQL operation: OPERATION_TIMEOUT', 'canceling statement due to statement timeout'],
    ]);
  });
});
