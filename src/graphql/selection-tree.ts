// The fields an operation selects under a root field, as a tree resolved once per document: fragments and inline
// fragments followed (those whose type condition applies), each field with the @skip/@include conditions on the way
// to it and its field definition. What still depends on the request (those conditions, the arguments) is evaluated
// per request from the variables, and the tree names the variables that can change it, so that what is derived from
// it can be cached per document and those variables' values.
//
// Hand-written rather than graphql-parse-resolve-info (PostGraphile 4's): that library walks the whole selection and
// coerces every field's arguments on every call, 0.23 ms for a claim page on this machine, as much as the rest of the
// request's CPU; this tree is built once per document and read in microseconds.
import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  Kind,
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface SelectedField {
  readonly name: string;
  readonly node: FieldNode;
  readonly definition: GraphQLField<unknown, unknown>;
  /** The @skip and @include directives on the field and on the fragments it is selected through. */
  readonly conditions: readonly DirectiveNode[];
  /** Its subfields, when its type is an object type. */
  readonly fields: readonly SelectedField[];
}

export interface RootSelection {
  /** The root field's subfields. */
  readonly fields: readonly SelectedField[];
  /** The variables the conditions and arguments below the root field read (not the root field's own arguments). */
  readonly variables: readonly string[];
}

const trees = new WeakMap<FieldNode, RootSelection>();

/** The selection under the root field `info` resolves, built on its document's first request. */
export function rootSelection(info: GraphQLResolveInfo): RootSelection | undefined {
  const [first] = info.fieldNodes;
  const type = getNamedType(info.returnType);
  if (!first || !isObjectType(type)) return undefined;
  let tree = trees.get(first);
  if (!tree) {
    const variables = new Set<string>();
    const fields: SelectedField[] = [];
    for (const node of info.fieldNodes) if (node.selectionSet) collect(type, node.selectionSet, [], info.fragments, variables, fields);
    tree = { fields, variables: [...variables] };
    trees.set(first, tree);
  }
  return tree;
}

function collect(
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  inherited: readonly DirectiveNode[],
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Set<string>,
  out: SelectedField[],
): void {
  for (const selection of selectionSet.selections) {
    const conditions = withConditions(inherited, selection.directives, variables);
    if (selection.kind === Kind.FIELD) {
      const definition = type.getFields()[selection.name.value];
      // __typename and the like have no definition here: nothing to plan under them.
      if (!definition) continue;
      for (const argument of selection.arguments ?? []) variablesIn(argument.value, variables);
      const fields: SelectedField[] = [];
      const fieldType = getNamedType(definition.type);
      if (selection.selectionSet && isObjectType(fieldType)) collect(fieldType, selection.selectionSet, [], fragments, variables, fields);
      out.push({ name: selection.name.value, node: selection, definition, conditions, fields });
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
      if (fragment && applies(fragment.typeCondition?.name.value, type))
        collect(type, fragment.selectionSet, conditions, fragments, variables, out);
    }
  }
}

/** Whether a fragment on `condition` applies to objects of `type` (the type itself, or an interface of it). */
function applies(condition: string | undefined, type: GraphQLObjectType): boolean {
  return condition === undefined || condition === type.name || type.getInterfaces().some((each) => each.name === condition);
}

function withConditions(
  inherited: readonly DirectiveNode[],
  directives: readonly DirectiveNode[] | undefined,
  variables: Set<string>,
): readonly DirectiveNode[] {
  const conditions = (directives ?? []).filter((directive) => directive.name.value === 'skip' || directive.name.value === 'include');
  if (conditions.length === 0) return inherited;
  for (const directive of conditions) for (const argument of directive.arguments ?? []) variablesIn(argument.value, variables);
  return [...inherited, ...conditions];
}

function variablesIn(value: ValueNode, variables: Set<string>): void {
  if (value.kind === Kind.VARIABLE) variables.add(value.name.value);
  else if (value.kind === Kind.LIST) for (const item of value.values) variablesIn(item, variables);
  else if (value.kind === Kind.OBJECT) for (const field of value.fields) variablesIn(field.value, variables);
}

/** Whether the field is selected, its @skip/@include conditions read with the request's variables. */
export function isIncluded(field: SelectedField, variableValues: Readonly<Record<string, unknown>>): boolean {
  for (const directive of field.conditions) {
    const argument = directive.arguments?.find((each) => each.name.value === 'if');
    if (!argument) continue;
    const value =
      argument.value.kind === Kind.VARIABLE
        ? variableValues[argument.value.name.value]
        : argument.value.kind === Kind.BOOLEAN && argument.value.value;
    if ((directive.name.value === 'skip') === Boolean(value)) return false;
  }
  return true;
}

/** The field's arguments, coerced as graphql-js coerces them for its resolver (defaults applied). */
export function argumentsOf(field: SelectedField, variableValues: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return getArgumentValues(field.definition, field.node, variableValues);
}
