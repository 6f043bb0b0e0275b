// Runs class-validator over every input object type-graphql hands a resolver, and turns the first violation into a
// BAD_USER_INPUT error that names the field at fault ("input.text"). `null` is validated (it clears a nullable field
// only where the input class allows it with @IsOptional); an omitted field is left alone.
import { validate, type ValidationError } from 'class-validator';
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

export const validateArgument: ValidatorFn = async (value, _type, { args }) => {
  if (value === null || typeof value !== 'object' || value instanceof Date) return;
  // An @Arg input arrives under its argument name; @Args fields arrive flat, so their properties are the arguments.
  const argName = Object.keys(args).find((name) => args[name] === value) ?? '';
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
