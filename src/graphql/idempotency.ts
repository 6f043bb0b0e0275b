// Idempotency-Key for mutations, as Stripe's API and the IETF draft (draft-ietf-httpapi-idempotency-key-header) have
// it: a client that sent a mutation and saw no answer (a dropped connection, a timeout, a 503 after the write had
// committed) sends it again with the same key and gets the first response back instead of a second write.
//
// A mutation sent with a key runs in one transaction of its own, and the key is recorded with its response in that
// same transaction, so "the writes committed" and "the key was recorded" cannot disagree: a retry either finds the
// key (and is answered with the stored response, marked `Idempotent-Replayed: true`) or finds no trace of the first
// attempt at all (and runs as if it were the first). The services run unchanged inside it: the context's services and
// loaders are rebuilt on the transaction, their own transactions become savepoints of it (Prisma's nested
// $transaction), and each root field runs in a savepoint, so a field that fails leaves no writes while the others
// keep theirs, exactly as their own transactions would have.
//
// - The key is 1 to 255 visible ASCII characters (BAD_USER_INPUT, HTTP 400 otherwise). Queries ignore the header.
// - It is stored with a fingerprint of the request (SHA-256 of the operation text, its name and its variables): the
//   key sent again with another request is BAD_USER_INPUT, HTTP 422, and runs nothing.
// - A second request with a key whose first is still running is CONFLICT, HTTP 409 (PostgreSQL: a transaction-level
//   advisory lock on the key, tried without waiting). On the embedded database a transaction holds the whole
//   database, so the second waits for the first to finish and is then answered with its response.
// - Only a response worth repeating holds the key: one where some root field succeeded and every error is the
//   client's (BAD_USER_INPUT, NOT_FOUND, CONFLICT). Anything else (every field refused, a database fault, a timeout,
//   an internal error) rolls the whole transaction back, data and key: the response then carries its errors and no
//   data, and the same key may be sent again.
// - Keys expire after IDEMPOTENCY_KEY_TTL_SECONDS (24 h by default); expired rows are deleted by later idempotent
//   mutations, a batch at a time.
// - Keys are scoped to the API key that sent them: one client's key never answers another client's request. A
//   mutation sent without an API key is refused by its role check, and runs without a transaction of its own.
import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContextResponseForOperation, type GraphQLResponse } from '@apollo/server';
import {
  defaultFieldResolver,
  GraphQLError,
  OperationTypeNode,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { createLoaders, createServices, type Context } from '../context';
import { transactionDataAccess, type Database, type DbClient } from '../db/database';
import { openRequestTransaction, type RequestTransaction } from '../db/request-transaction';
import { AppError, BadUserInputError, ConflictError, ErrorCode } from '../errors/app-errors';
import type { Prisma } from '../generated/prisma/client';
import { markServiceUnavailable } from './service-unavailable';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

const HEADER_NAME = 'Idempotency-Key';
const KEY_FORM = /^[\x21-\x7e]{1,255}$/;
/** The longest an idempotent mutation's transaction may stay open (Prisma rolls it back after that). */
const TRANSACTION_TIMEOUT_MS = 30_000;
/**
 * How long opening it may wait: on PostgreSQL the pool's own connection timeout (DATABASE_CONNECT_TIMEOUT_MS) fails
 * first; on the embedded database this bounds the wait for the transaction that holds it.
 */
const TRANSACTION_WAIT_MS = 10_000;
/** Expired keys deleted by each mutation that records a new one. */
const CLEANUP_BATCH = 100;
/** Codes of errors the client caused: a response with some data and only these is a result worth repeating. */
const CLIENT_ERROR_CODES = new Set<unknown>([ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT]);

export interface IdempotencyOptions {
  prisma: Database['prisma'];
  ttlSeconds: number;
  /** The server's formatError, for errors met before execution (the database down when the transaction opens). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/** JSON with object keys sorted, so that `{a, b}` and `{b, a}` are the same variables. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, inner]) => `${JSON.stringify(name)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestFingerprint(query: string, operationName: string | null | undefined, variables: unknown): string {
  return createHash('sha256')
    .update(canonicalJson([query, operationName ?? null, variables ?? {}]))
    .digest('hex');
}

/** The key's advisory lock: 64 bits of its hash, as PostgreSQL's bigint takes them. */
function lockKeyOf(key: string): string {
  return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
}

function withStatus<T extends GraphQLError>(error: T, status: number): T {
  Object.assign(error.extensions, { http: { status } });
  return error;
}

function responseOf(status: number, result: FormattedExecutionResult, headers = new HeaderMap()): GraphQLResponse {
  return { http: { status, headers }, body: { kind: 'single', singleResult: result } };
}

interface OpenRun {
  transaction: RequestTransaction;
  /** The API key's id. */
  scope: string;
  key: string;
  fingerprint: string;
  /** Root fields that resolved without an error. */
  succeeded: number;
}

export function idempotencyPlugin(options: IdempotencyOptions): ApolloServerPlugin<Context> {
  /** A response of one error, formatted as the server formats any (a database fault is SERVICE_UNAVAILABLE, 503). */
  const errorResponse = (error: unknown, status = 500): GraphQLResponse => {
    const graphQLError =
      error instanceof GraphQLError
        ? error
        : new GraphQLError(String((error as Error)?.message ?? error), { originalError: error as Error });
    const response = responseOf(status, { errors: [options.formatError(graphQLError.toJSON(), graphQLError)] });
    markServiceUnavailable(response);
    return response;
  };

  async function begin(
    scope: string,
    key: string,
    request: GraphQLRequestContextResponseForOperation<Context>,
  ): Promise<GraphQLResponse | OpenRun> {
    const fingerprint = requestFingerprint(request.source, request.request.operationName, request.request.variables);
    let transaction: RequestTransaction;
    try {
      transaction = await openRequestTransaction(options.prisma, { maxWaitMs: TRANSACTION_WAIT_MS, timeoutMs: TRANSACTION_TIMEOUT_MS });
    } catch (error) {
      return errorResponse(error);
    }
    const { tx } = transaction;
    try {
      const [lock] = await tx.$queryRaw<
        { locked: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(${lockKeyOf(`${scope}:${key}`)}::bigint) AS locked`;
      if (!lock?.locked) {
        await transaction.rollback();
        return errorResponse(
          new ConflictError('A request with this Idempotency-Key is still running; retry once it has finished', { header: HEADER_NAME }),
          409,
        );
      }
      const stored = await tx.idempotencyKey.findUnique({ where: { scope_key: { scope, key } } });
      if (stored && stored.expiresAt > new Date()) {
        await transaction.rollback();
        if (stored.fingerprint !== fingerprint) {
          const message = 'This Idempotency-Key was sent with another request (operation or variables); use a new key for a new request';
          return errorResponse(new BadUserInputError(message, { header: HEADER_NAME }), 422);
        }
        return responseOf(stored.status, stored.response as FormattedExecutionResult, new HeaderMap([[REPLAYED_HEADER, 'true']]));
      }
      // An expired key is free again.
      if (stored) await tx.idempotencyKey.delete({ where: { scope_key: { scope, key } } });
    } catch (error) {
      await transaction.rollback();
      return errorResponse(error);
    }

    const run: OpenRun = { transaction, scope, key, fingerprint, succeeded: 0 };
    const context = request.contextValue;
    const services = createServices(transactionDataAccess(tx));
    context.services = services;
    context.loaders = createLoaders(transactionDataAccess(tx), context.signal);
    context.idempotency = {
      async field(resolve) {
        // Prisma's $transaction inside a transaction is a savepoint. A transaction a service opens in turn must start
        // from the innermost client (Prisma refuses it from an outer one), so the field's services are bound to it.
        const result = await tx.$transaction(async (savepoint) => {
          context.services = createServices(transactionDataAccess(savepoint));
          try {
            return await resolve();
          } finally {
            context.services = services;
          }
        });
        run.succeeded += 1;
        return result;
      },
    };
    return run;
  }

  async function finish(run: OpenRun, response: GraphQLResponse, logger: Context['logger']): Promise<void> {
    if (response.body.kind !== 'single') {
      await run.transaction.rollback();
      return;
    }
    const result = response.body.singleResult;
    const worthKeeping = run.succeeded > 0 && (result.errors ?? []).every((error) => CLIENT_ERROR_CODES.has(error.extensions?.code));
    if (!worthKeeping) {
      await run.transaction.rollback();
      // What some fields wrote is undone with the rest: the response must not show it.
      if (run.succeeded > 0) response.body.singleResult = { errors: result.errors };
      markServiceUnavailable(response);
      return;
    }
    const stored = { data: result.data, errors: result.errors };
    try {
      await run.transaction.commit(async (tx: DbClient) => {
        const now = new Date();
        await tx.$executeRaw`
          DELETE FROM idempotency_keys WHERE (scope, key) IN (
            SELECT scope, key FROM idempotency_keys WHERE expires_at <= ${now} LIMIT ${CLEANUP_BATCH} FOR UPDATE SKIP LOCKED)`;
        await tx.idempotencyKey.create({
          data: {
            scope: run.scope,
            key: run.key,
            fingerprint: run.fingerprint,
            status: response.http.status ?? 200,
            response: stored as Prisma.InputJsonObject,
            expiresAt: new Date(now.getTime() + options.ttlSeconds * 1000),
          },
        });
      });
    } catch (error) {
      // The commit failed, or its outcome is unknown (the connection dropped on COMMIT): the response must not claim
      // success. A retry with the same key finds either the key (and this very response) or nothing.
      if (!(error instanceof AppError)) logger.warn({ err: error }, 'an idempotent mutation could not be committed');
      const failed = errorResponse(error);
      response.body = failed.body;
      response.http.status = failed.http.status;
      for (const [name, value] of failed.http.headers) response.http.headers.set(name, value);
    }
  }

  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
      if (key === undefined) return undefined;
      let run: OpenRun | undefined;
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.MUTATION && !KEY_FORM.test(key)) {
            throw withStatus(
              new BadUserInputError('Idempotency-Key must be 1 to 255 visible ASCII characters, without spaces', { header: HEADER_NAME }),
              400,
            );
          }
        },
        async responseForOperation(requestContext) {
          const scope = requestContext.contextValue.viewer?.keyId;
          if (requestContext.operation.operation !== OperationTypeNode.MUTATION || scope === undefined) return null;
          const begun = await begin(scope, key, requestContext);
          if ('http' in begun) return begun;
          run = begun;
          return null;
        },
        async willSendResponse({ response, contextValue }) {
          if (run) await finish(run, response, contextValue.logger);
        },
      };
    },
  };
}

/**
 * Wraps every root mutation field so that, in an idempotent mutation, it runs in a savepoint of the request's
 * transaction (see Context.idempotency); otherwise it runs as it is. Done on the schema, before graphql-jit compiles
 * operations against it.
 */
export function runMutationFieldsInSavepoints(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: Context, info) =>
      context.idempotency ? context.idempotency.field(() => resolve(source, args, context, info)) : resolve(source, args, context, info);
  }
}
