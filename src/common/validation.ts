// Runs class-validator over every input object type-graphql hands a resolver, and turns the first violation into a
// BAD_USER_INPUT error that names the field at fault ("input.text"). `null` is validated (it clears a nullable field
// only where the input class allows it with @IsOptional); an omitted field is left alone.
import { validate, type ValidationError } from 'class-validator';
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

export const validateArgument: ValidatorFn = async (value, type, { info }) => {
  if (value === null || typeof value !== 'object' || value instanceof Date) return;
  const argName = argumentName(type, info);
  const items: unknown[] = Array.isArray(value) ? value : [value];
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
