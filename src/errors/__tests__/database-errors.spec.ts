import { GraphQLError } from 'graphql';
import { Prisma } from '../../generated/prisma/client';
import { databaseFault } from '../database-errors';

const prismaError = (code: string, cause?: Record<string, unknown>, message = 'failed') =>
  new Prisma.PrismaClientKnownRequestError(message, {
    code,
    clientVersion: '7',
    meta: cause ? { driverAdapterError: { cause } } : undefined,
  });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect', errno: -111 });

describe('databaseFault', () => {
  it.each([
    ['a refused connection', socketError('ECONNREFUSED')],
    ['a refused connection to each address of a name', new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')])],
    ['a session the administrator ended (57P01), through Prisma', prismaError('P2010', { originalCode: '57P01', kind: 'postgres' })],
    ['a connection exception (08006)', Object.assign(new Error('connection failure'), { code: '08006', severity: 'FATAL' })],
    ['a server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ["Prisma's 'cannot reach the server'", prismaError('P1001')],
    ["the adapter's name for an unreachable server", prismaError('P2010', { kind: 'DatabaseNotReachable' })],
    ['a session that ended', new Error('Connection terminated unexpectedly')],
    ['no pool connection in time', new Error('timeout exceeded when trying to connect')],
    // Prisma 7's TransactionManagerError, as its runtime words it.
    [
      'no connection for a transaction in time',
      prismaError('P2028', undefined, 'Transaction API error: Unable to start a transaction in the given time.'),
    ],
    ['a server that stopped answering', new Error('Query read timeout')],
    ['a fault inside a GraphQL error', new GraphQLError('wrapped', { originalError: socketError('ECONNRESET') })],
    ['a fault as the cause of another error', new Error('outer', { cause: new Error('Connection terminated due to connection timeout') })],
  ])('calls %s unavailable', (_, error) => {
    expect(databaseFault(error)).toBe('unavailable');
  });

  it('calls a cancelled statement (57014) a timeout', () => {
    expect(databaseFault(prismaError('P2010', { originalCode: '57014', kind: 'postgres' }))).toBe('timeout');
    expect(databaseFault(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe('timeout');
  });

  it('calls a transaction that outlived its timeout a timeout', () => {
    const message =
      'Transaction API error: A query cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms, however 5012 ms passed since the start of the transaction.';
    expect(databaseFault(prismaError('P2028', undefined, message))).toBe('timeout');
  });

  it.each([
    ['a unique violation', prismaError('P2002', { originalCode: '23505', kind: 'UniqueConstraintViolation' })],
    ['a missing table', prismaError('P2021', { originalCode: '42P01', kind: 'TableDoesNotExist' })],
    [
      'a transaction used after its commit',
      prismaError(
        'P2028',
        undefined,
        'Transaction API error: Transaction already closed: A query cannot be executed on a committed transaction.',
      ),
    ],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'Connection terminated'],
  ])('leaves %s alone', (_, error) => {
    expect(databaseFault(error)).toBeUndefined();
  });
});
