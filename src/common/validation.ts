// Runs class-validator over every input object type-graphql hands a resolver, and turns the first violation into a
// BAD_USER_INPUT error that names the field at fault ("input.text"). `null` is validated (it clears a nullable field
// only where the input class allows it with @IsOptional); an omitted field is left alone.
//
// Array sizes come first: every list in an input class declares its @ArrayMaxSize (a test checks), and an array over
// it is refused before anything looks at its elements. class-validator validates every element of an array
// before it gets to the size rule, so 100,000 aliases were thousands of times the work of 20, and one request held
// the event loop for seconds.
import { ARRAY_MAX_SIZE, getMetadataStorage, validate, ValidationTypes, type ValidationError } from 'class-validator';
import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import { getMetadataStorage as getTypeGraphQLMetadata, type ValidatorFn } from 'type-graphql';
import { BadUserInputError } from '../errors/app-errors';

interface Violation {
  field: string;
  message: string;
}

function violations(errors: ValidationError[], prefix: string): Violation[] {
  return errors.flatMap((error) => {
    const field = prefix === '' ? error.property : `${prefix}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...violations(error.children ?? [], field)];
  });
}

/** The argument whose input type is `type` ("input"), or '' for an @Args class, whose properties are the arguments. */
function argumentName(type: unknown, info: GraphQLResolveInfo): string {
  const typeName = typeof type === 'function' ? type.name : undefined;
  const field = info.parentType.getFields()[info.fieldName];
  return field?.args.find((arg) => getNamedType(arg.type).name === typeName)?.name ?? '';
}

interface ClassRules {
  /** The array properties and their @ArrayMaxSize. */
  maxSizes: { property: string; max: number }[];
  /** The properties validated as nested input objects (@ValidateNested), whose arrays are checked in turn. */
  nested: string[];
  /** Whether class-validator has anything to check once the sizes are (most argument classes have no rules). */
  validates: boolean;
}

const rulesByClass = new WeakMap<object, ClassRules>();

function rulesOf(item: object): ClassRules {
  let rules = rulesByClass.get(item.constructor);
  if (rules === undefined) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(item.constructor, '', true, false);
    rules = {
      maxSizes: metadata.flatMap((rule) =>
        rule.name === ARRAY_MAX_SIZE ? [{ property: rule.propertyName, max: Number(rule.constraints[0]) }] : [],
      ),
      nested: [...new Set(metadata.filter((rule) => rule.type === ValidationTypes.NESTED_VALIDATION).map((rule) => rule.propertyName))],
      validates: metadata.some((rule) => rule.name !== ARRAY_MAX_SIZE),
    };
    rulesByClass.set(item.constructor, rules);
  }
  return rules;
}

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object' && !(value instanceof Date);

/** The first array over its maximum size in `item` or the input objects nested in it; elements are not looked at. */
function oversizedArray(item: object, prefix: string): Violation | undefined {
  const rules = rulesOf(item);
  const values = item as Record<string, unknown>;
  const path = (property: string) => (prefix === '' ? property : `${prefix}.${property}`);
  for (const { property, max } of rules.maxSizes) {
    const value = values[property];
    // The message class-validator's ArrayMaxSize gives.
    if (Array.isArray(value) && value.length > max)
      return { field: path(property), message: `${property} must contain no more than ${max} elements` };
  }
  for (const property of rules.nested) {
    const value = values[property];
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const [index, nested] of items.entries()) {
      const found = isObject(nested)
        ? oversizedArray(nested, Array.isArray(value) ? `${path(property)}.${index}` : path(property))
        : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

const refusal = (found: Violation[]) =>
  new BadUserInputError(`${found[0]!.field}: ${found[0]!.message}`, { field: found[0]!.field, violations: found });

export const validateArgument: ValidatorFn = async (value, type, { info }) => {
  if (!isObject(value)) return;
  const items: unknown[] = Array.isArray(value) ? value : [value];
  if (!items.some((item) => isObject(item) && (rulesOf(item).validates || rulesOf(item).maxSizes.length > 0))) return;
  const argName = argumentName(type, info);
  const pathOf = (index: number) => (Array.isArray(value) ? `${argName}.${index}` : argName);
  for (const [index, item] of items.entries()) {
    const oversized = isObject(item) ? oversizedArray(item, pathOf(index)) : undefined;
    if (oversized) throw refusal([oversized]);
  }
  // Skipped where there is nothing to check: validate() reads the rules anew on every call (a trace's arguments, say).
  const found: Violation[] = [];
  for (const [index, item] of items.entries()) {
    if (!isObject(item) || !rulesOf(item).validates) continue;
    const errors = await validate(item, { skipUndefinedProperties: true, forbidUnknownValues: false });
    found.push(...violations(errors, pathOf(index)));
  }
  if (found.length > 0) throw refusal(found);
};

/**
 * The largest @ArrayMaxSize of each list: `InputType.field` for an input class's, `.name` for an argument class's (keyed
 * by argument name alone, so the largest of those of one name). The ID check at the edge (errors/graphql-edge.ts)
 * leaves a longer list unread: validateArgument refuses it with its size error, which comes first.
 */
export function declaredListSizes(): Map<string, number> {
  const { inputTypes, argumentTypes } = getTypeGraphQLMetadata();
  const sizes = new Map<string, number>();
  const owners = [
    ...inputTypes.map((type) => ({ owner: type.name, target: type.target })),
    ...argumentTypes.map((type) => ({ owner: '', target: type.target })),
  ];
  for (const { owner, target } of owners) {
    for (const rule of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
      if (rule.name !== ARRAY_MAX_SIZE) continue;
      const key = `${owner}.${rule.propertyName}`;
      sizes.set(key, Math.max(sizes.get(key) ?? 0, Number(rule.constraints[0])));
    }
  }
  return sizes;
}
