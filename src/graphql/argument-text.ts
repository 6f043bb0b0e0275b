// The one place every string argument is checked against the input rules (src/common/text-rules.ts), whether the
// client wrote it into the document or sent it as a variable: the executor calls this with the coerced variables,
// before anything runs. Each argument of the operation's fields (and of the fragments it spreads) is read as the
// resolver will receive it (coerced by graphql-js's valueFromAST, as execution does), and every string in it, at any
// depth of input objects and lists, is checked by the kind its argument or input field declares (extensions.textKind).
import {
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
  valueFromAST,
} from 'graphql';
import { BadUserInputError } from '../errors/app-errors';
import { TEXT_KIND_EXTENSION, TEXT_KINDS, textViolation, type TextKind } from '../common/text-rules';

interface Refusal {
  field: string;
  message: string;
}

/** An argument whose value holds a variable: checked on every request, with that request's variables. */
interface VariableArgument {
  argument: GraphQLArgument;
  value: ValueNode;
}

/**
 * What there is to check in an operation. Apollo hands the same parsed document to every request with the same text,
 * so the walk over it is done once, and the arguments written as literals are checked then, once.
 */
interface Plan {
  literalRefusal: Refusal | undefined;
  variableArguments: VariableArgument[];
}

const plans = new WeakMap<OperationDefinitionNode, Plan>();

function textKindOf(definition: GraphQLArgument | GraphQLInputField): TextKind {
  const kind = definition.extensions[TEXT_KIND_EXTENSION];
  return TEXT_KINDS.find((known) => known === kind) ?? 'line';
}

/** The operation and every fragment it spreads, directly or through other fragments. */
function reachableDefinitions(document: DocumentNode, operation: OperationDefinitionNode): ASTNode[] {
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
    ),
  );
  const reached: ASTNode[] = [operation];
  const seen = new Set<string>();
  for (let index = 0; index < reached.length; index += 1) {
    visit(reached[index]!, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !seen.has(spread.name.value)) {
          seen.add(spread.name.value);
          reached.push(fragment);
        }
      },
    });
  }
  return reached;
}

const holdsVariable = (value: ValueNode): boolean =>
  value.kind === Kind.VARIABLE ||
  (value.kind === Kind.LIST && value.values.some(holdsVariable)) ||
  (value.kind === Kind.OBJECT && value.fields.some((field) => holdsVariable(field.value)));

function planFor(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Plan {
  const cached = plans.get(operation);
  if (cached) return cached;
  const found: Plan = { literalRefusal: undefined, variableArguments: [] };
  for (const definition of reachableDefinitions(document, operation)) {
    const typeInfo = new TypeInfo(schema);
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        Argument(node) {
          const argument = typeInfo.getArgument();
          // Only field arguments: the directives an operation may use (@include, @skip) take no strings.
          if (!argument || !typeInfo.getFieldDef() || typeInfo.getDirective()) return;
          if (holdsVariable(node.value)) found.variableArguments.push({ argument, value: node.value });
          else found.literalRefusal ??= checkArgument(argument, node.value, undefined);
        },
      }),
    );
  }
  plans.set(operation, found);
  return found;
}

/** The argument's value as its resolver receives it (coerced as graphql-js does), checked. */
function checkArgument(
  argument: GraphQLArgument,
  value: ValueNode,
  variableValues: Record<string, unknown> | undefined,
): Refusal | undefined {
  // Undefined for a variable the request left out (the argument's default then applies, which is the schema's own).
  const coerced = valueFromAST(value, argument.type, variableValues);
  return checkValue(coerced, argument.type, textKindOf(argument), argument.name);
}

function checkValue(value: unknown, type: GraphQLInputType, kind: TextKind, path: string): Refusal | undefined {
  if (value === null || value === undefined) return undefined;
  const nullable = getNullableType(type);
  if (typeof value === 'string') {
    const violation = textViolation(value, kind);
    return violation === undefined ? undefined : { field: path, message: `${path} ${violation}` };
  }
  if (isListType(nullable) && Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const refused = checkValue(value[index], nullable.ofType, kind, `${path}.${index}`);
      if (refused) return refused;
    }
  } else if (isInputObjectType(nullable) && typeof value === 'object') {
    const fields = value as Record<string, unknown>;
    for (const field of Object.values(nullable.getFields())) {
      const refused = checkValue(fields[field.name], field.type, textKindOf(field), `${path}.${field.name}`);
      if (refused) return refused;
    }
  }
  return undefined;
}

/** The first string argument of the operation that breaks the input rules, as the error to answer with, if any. */
export function refusedArgumentText(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variableValues: Record<string, unknown>,
): BadUserInputError | undefined {
  const plan = planFor(schema, document, operation);
  let refusal = plan.literalRefusal;
  for (let index = 0; refusal === undefined && index < plan.variableArguments.length; index += 1) {
    const { argument, value } = plan.variableArguments[index]!;
    refusal = checkArgument(argument, value, variableValues);
  }
  return refusal && new BadUserInputError(refusal.message, { field: refusal.field });
}
