// Operation limits, enforced before an operation runs: tokens while parsing, depth, aliases, directives and repeated
// fields while validating (a validated document is cached with its query hash, so these run once per document), and
// the cost, which depends on the variables, once per request before execution (Apollo's didResolveOperation, which
// runs on the jit gateway's path as on Apollo's own: validation and this hook come before any executor). A refusal is
// OPERATION_TOO_COMPLEX with the limit, its maximum and the measured value, HTTP 400.
import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { parse, validate, type GraphQLSchema, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import type { OperationLimits } from '../config';
import { OperationTooComplexError, type OperationLimitDetails } from '../errors/app-errors';
import { fieldRepeatsRule } from './field-repeats-rule';
import { createOperationPricer } from './operation-cost';
import { assertTokenLimitRecognised } from './token-limit';

type Limit = OperationLimitDetails['limit'];

function tooComplex(limit: Limit, max: number, value: number | undefined, measured: string): OperationTooComplexError {
  return new OperationTooComplexError(measured, { limit, max, ...(value === undefined ? {} : { value }) });
}

const MEASURED: Record<'depth' | 'aliases' | 'directives', (value: number) => string> = {
  depth: (value) => `it nests fields ${value} levels deep`,
  aliases: (value) => `it has ${value} aliases`,
  directives: (value) => `it has ${value} directives`,
};

type Measured = (limit: keyof typeof MEASURED, context: ValidationContext | null, value: number) => void;

/**
 * graphql-armor's depth, aliases and directives rules, set to measure and never refuse on their own: each reports what
 * it measured to `onMeasured` (through its onAccept callback, whose details are `{ n }`), which decides. Its own
 * refusals would carry the measure only inside their message text. Tokens are counted by graphql-js's own parser
 * (`maxTokens`): graphql-armor's token plugin for Apollo parses every document a second time and throws from a plugin
 * hook, which Apollo answers with HTTP 500. Aliased `__typename` counts (graphql-armor lets it through by default;
 * graphql-cop's alias probe uses it). Depth is counted through fragments as the response nests (flattened), without
 * introspection's `__schema`.
 */
function armorRules(onMeasured: Measured): ValidationRule[] {
  const measure = (limit: keyof typeof MEASURED) => ({
    n: Number.MAX_SAFE_INTEGER,
    propagateOnRejection: false,
    onAccept: [
      (context: ValidationContext | null, details: unknown) => {
        const value = (details as { n?: unknown } | undefined)?.n;
        // Checked at start-up (assertArmorMeasures): a graphql-armor whose callbacks changed fails there.
        if (typeof value !== 'number') throw new Error(`graphql-armor's ${limit} rule reported ${JSON.stringify(details)}, not { n }`);
        onMeasured(limit, context, value);
      },
    ],
  });
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { ...measure('depth'), flattenFragments: true, ignoreIntrospection: true },
    maxAliases: { ...measure('aliases'), allowList: [] },
    maxDirectives: measure('directives'),
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  // Every protection that works through a plugin is off; one a later version adds would go unnoticed without this.
  if (plugins.length > 0 || validationRules.length !== 3) {
    throw new Error(
      `graphql-armor returned ${plugins.length} plugins and ${validationRules.length} rules; expected only its depth, aliases and directives rules`,
    );
  }
  return validationRules;
}

/** Runs graphql-armor's rules on a probe document and checks that each measured it, so that a changed library fails at start-up. */
function assertArmorMeasures(schema: GraphQLSchema): void {
  const measured: Partial<Record<keyof typeof MEASURED, number>> = {};
  validate(
    schema,
    parse('query Probe { probe: __typename @include(if: true) }'),
    armorRules((limit, _context, value) => (measured[limit] = value)),
  );
  if (measured.depth !== 1 || measured.aliases !== 1 || measured.directives !== 1) {
    throw new Error(`graphql-armor measured ${JSON.stringify(measured)} for a probe of depth 1 with 1 alias and 1 directive`);
  }
}

export interface OperationLimitsSetup {
  /** For Apollo's parseOptions. */
  parseOptions: ParseOptions;
  /** For Apollo's validationRules. */
  validationRules: ValidationRule[];
  /** Prices each operation with its variables, before it runs. */
  plugin: ApolloServerPlugin<BaseContext>;
}

/** The limits for Apollo Server. Throws at once if a library they rely on has changed in a way they would miss. */
export function operationLimits(schema: GraphQLSchema, limits: OperationLimits): OperationLimitsSetup {
  assertArmorMeasures(schema);
  assertTokenLimitRecognised();
  const priceOf = createOperationPricer(schema);

  const armor = armorRules((limit, context, value) => {
    if (value > limits[limit]) context?.reportError(tooComplex(limit, limits[limit], value, MEASURED[limit](value)));
  });
  const fieldRepeats = fieldRepeatsRule(limits.fieldRepeats, (context, { responseKey, count }) =>
    context.reportError(
      tooComplex('fieldRepeats', limits.fieldRepeats, count, `it selects "${responseKey}" ${count} times in one selection set`),
    ),
  );

  const listener: GraphQLRequestListener<BaseContext> = {
    async didResolveOperation({ document, operation, request, response }) {
      // No operation (none matches operationName, or several without one) runs nothing; the executor says why.
      if (!operation) return;
      const priced = priceOf(document, operation, request.variables);
      if ('badVariables' in priced || ('cost' in priced && priced.cost <= limits.cost)) return;
      response.http.status = 400;
      throw 'cost' in priced
        ? tooComplex(
            'cost',
            limits.cost,
            priced.cost,
            `its cost is ${priced.cost} (list sizes multiplied through the nesting; ask for smaller pages or traces, or fewer fields)`,
          )
        : tooComplex('cost', limits.cost, undefined, 'it expands, fragments within fragments, to too many fields to price');
    },
  };

  return {
    parseOptions: { maxTokens: limits.tokens },
    validationRules: [...armor, fieldRepeats],
    plugin: { requestDidStart: async () => listener },
  };
}
