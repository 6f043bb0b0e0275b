// Runs operations with graphql-jit instead of graphql-js. A compiled operation executes a large result (a trace of
// thousands of claims with their speakers and edges) two to three times faster, and with far less garbage, than
// graphql-js walking the selection set anew for every object. Apollo Server takes a custom executor only through its
// gateway interface: this gateway serves the app's own, fixed schema and nothing else of what gateways do.
import path from 'node:path';
import type { GatewayExecutionResult, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  execute,
  getVariableValues,
  GraphQLError,
  printSchema,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Context } from '../context';
import { refusedArgumentText } from './argument-text';

const MAX_VARIABLE_ERRORS = 50;

/** Compiled operations kept, least recently used dropped first: an API's clients send a bounded set of operations. */
const MAX_COMPILED_OPERATIONS = 500;

export interface JitGatewayOptions {
  /** Leave "Did you mean …?" out of the errors for bad variables, as validation does when the schema is not exposed. */
  hideSuggestions?: boolean;
}

export function jitGateway(schema: GraphQLSchema, { hideSuggestions = false }: JitGatewayOptions = {}): GatewayInterface {
  // Start-up stops here rather than run on with the leak this patch closes, should Apollo's module have changed.
  if (!detachGatewayStatusAccessors()) {
    throw new Error(
      `@apollo/server's ${GATEWAY_CONTEXT_MODULE} is not as expected (see jit-gateway.ts); update detachGatewayStatusAccessors`,
    );
  }
  // A Map iterates in insertion order; re-inserting on use makes its first key the least recently used.
  const compiled = new Map<string, CompiledQuery | null>();

  function compiledFor(request: GatewayGraphQLRequestContext): CompiledQuery | null {
    const key = `${request.queryHash}:${request.operationName ?? ''}`;
    let query = compiled.get(key);
    if (query === undefined) {
      const result = compileQuery(schema, request.document, request.operationName ?? undefined);
      // What graphql-jit cannot compile, graphql-js still executes (null marks it so).
      query = isCompiledQuery(result) ? result : null;
      if (compiled.size >= MAX_COMPILED_OPERATIONS) compiled.delete(compiled.keys().next().value!);
    } else {
      compiled.delete(key);
    }
    compiled.set(key, query);
    return query;
  }

  async function executor(request: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> {
    // Apollo calls the executor even when the document has no operation to run (an unknown operationName, several
    // named operations and no operationName). graphql-js answers those with the spec's error, which Apollo sends as
    // OPERATION_RESOLUTION_FAILURE with status 400.
    if (!(request.operation as OperationDefinitionNode | undefined)) {
      return execute({ schema, document: request.document, operationName: request.request.operationName });
    }
    // The app's context always has one; an operation run without it (a test's, Apollo's executeOperation) has no budget.
    const { signal } = request.context as Partial<Context>;
    if (signal?.aborted) return { errors: [signal.reason as GraphQLError] };
    const variables = request.request.variables ?? {};
    // Variables are checked by graphql-js itself first, so that a bad variable gets graphql-js's error (which Apollo
    // turns into BAD_USER_INPUT) whichever engine runs the operation. At most 50 errors, as graphql-js's own execute
    // reports: unbounded, a list of 60,000 bad items made as many errors, a 40-second request and a response of
    // megabytes. graphql-js then adds an uncoded "Too many errors" error, which would read as an internal one: dropped.
    const coerced = getVariableValues(schema, request.operation.variableDefinitions ?? [], variables, {
      maxErrors: MAX_VARIABLE_ERRORS,
      hideSuggestions,
    });
    if (coerced.errors) return { errors: coerced.errors.slice(0, MAX_VARIABLE_ERRORS) };
    const refused = refusedArgumentText(schema, request.document, request.operation, coerced.coerced);
    if (refused) return { errors: [refused] };
    const query = compiledFor(request);
    const execution = query
      ? Promise.resolve(query.query(undefined, request.context, variables)).then((result) =>
          result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result,
        )
      : execute({
          schema,
          document: request.document,
          operationName: request.operationName,
          variableValues: variables,
          contextValue: request.context,
          hideSuggestions,
        });
    return signal ? untilAborted(execution, signal) : execution;
  }

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}

/**
 * graphql-jit reports an error a resolver threw as its own GraphQLError, whose `extensions` is undefined unless the
 * thrown error had some. Apollo reads `extensions.code` of every error before formatError sees it, so such an error
 * broke Apollo's formatting and reached the client masked but unlogged, and unmapped (a lost database connection
 * became INTERNAL_SERVER_ERROR instead of SERVICE_UNAVAILABLE). It becomes graphql-js's own GraphQLError, with the
 * same message, path, locations and original error.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  if (error.extensions !== undefined) return error;
  const normalized = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined });
  return Object.defineProperty(normalized, 'locations', { value: error.locations, enumerable: error.locations !== undefined });
}

/**
 * The result, or the signal's reason (OPERATION_TIMEOUT, or the client gone) as soon as the signal is aborted: the
 * client is answered at once, while the work still under way winds down (its loaders refuse to send more statements).
 */
function untilAborted(result: ExecutionResult | Promise<ExecutionResult>, signal: AbortSignal): ExecutionResult | Promise<ExecutionResult> {
  if (!('then' in result)) return result;
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve({ errors: [signal.reason as GraphQLError] });
    signal.addEventListener('abort', onAbort, { once: true });
    result.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const GATEWAY_CONTEXT_MODULE = path.join('utils', 'makeGatewayGraphQLRequestContext.js');

type GatewayContextBuilder = (
  requestContext: Record<string, unknown> & { response: { http: unknown } },
  ...rest: unknown[]
) => GatewayGraphQLRequestContext;
interface GatewayContextModule {
  makeGatewayGraphQLRequestContext: GatewayContextBuilder & { detached?: true };
}

/**
 * Apollo Server builds the context a gateway's executor receives in makeGatewayGraphQLRequestContext, whose
 * `response.http` is an object literal with a `status` getter and setter closing over the request context they are
 * given, and through it over everything the request made: its loaders and their caches, its result. Under Node 20's
 * V8 such accessors outlive the request until the next full collection, so each request's objects are copied and
 * promoted by every young collection in between. Measured with an executor that does nothing: 10% of all allocation
 * promoted and ~10 ms scavenges, 90 µs a request instead of 26 µs; with a trace of thousands of claims, its whole
 * result. Apollo's function still builds the context, but is handed a stand-in that keeps only the HTTP head, the one
 * thing the accessors read. Returns whether Apollo's module was found as expected (a test checks it is).
 */
export function detachGatewayStatusAccessors(
  modulePath = path.join(path.dirname(require.resolve('@apollo/server')), GATEWAY_CONTEXT_MODULE),
): boolean {
  let gatewayContextModule: Partial<GatewayContextModule>;
  try {
    // A file of Apollo's, by path, to patch its exports: only require() reaches the module object itself.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    gatewayContextModule = require(modulePath) as Partial<GatewayContextModule>;
  } catch {
    return false;
  }
  const build = gatewayContextModule.makeGatewayGraphQLRequestContext;
  if (typeof build !== 'function') return false;
  if (build.detached) return true;
  const detached: GatewayContextModule['makeGatewayGraphQLRequestContext'] = (requestContext, ...rest) => {
    const standIn: Record<string, unknown> = { ...requestContext, response: { http: requestContext.response.http } };
    const gatewayContext = build(standIn as typeof requestContext, ...rest);
    // Everything else was read while building; the accessors keep only the stand-in.
    for (const key of Object.keys(standIn)) if (key !== 'response') standIn[key] = undefined;
    return gatewayContext;
  };
  detached.detached = true;
  gatewayContextModule.makeGatewayGraphQLRequestContext = detached;
  return true;
}
