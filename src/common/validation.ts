// Runs class-validator over every input object type-graphql hands a resolver, and turns the first violation into a
// BAD_USER_INPUT error that names the field at fault ("input.text"). `null` is validated (it clears a nullable field
// only where the input class allows it with @IsOptional); an omitted field is left alone.
import { getMetadataStorage, validate, type ValidationError } from 'class-validator';
import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import type { ValidatorFn } from 'type-graphql';
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

const ruledClasses = new WeakMap<object, boolean>();

/** Whether any class-validator rule applies to objects of this class; most argument classes have none. */
function hasRules(item: object): boolean {
  let ruled = ruledClasses.get(item.constructor);
  if (ruled === undefined) {
    ruled = getMetadataStorage().getTargetValidationMetadatas(item.constructor, '', true, false).length > 0;
    ruledClasses.set(item.constructor, ruled);
  }
  return ruled;
}

export const validateArgument: ValidatorFn = async (value, type, { info }) => {
  if (value === null || typeof value !== 'object' || value instanceof Date) return;
  const items: unknown[] = Array.isArray(value) ? value : [value];
  // Skipped where there is nothing to check: validate() reads the rules anew on every call (a trace's arguments, say).
  if (!items.some((item) => item !== null && typeof item === 'object' && hasRules(item))) return;
  const argName = argumentName(type, info);
  const found: Violation[] = [];
  for (const [index, item] of items.entries()) {
    if (item === null || typeof item !== 'object') continue;
    const errors = await validate(item, { skipUndefinedProperties: true, forbidUnknownValues: false });
    found.push(...violations(errors, Array.isArray(value) ? `${argName}.${index}` : argName));
  }
  const [first] = found;
  if (first) {
    throw new BadUserInputError(`${first.field}: ${first.message}`, { field: first.field, violations: found });
  }
};
