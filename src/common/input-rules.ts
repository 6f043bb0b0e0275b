// class-validator rules shared by the input types.
import { Matches, MaxLength, type ValidationOptions } from 'class-validator';

/** A required text: not empty or only white space, and of sane length (each item's, with `{ each: true }`). */
export function NonBlank(maxLength: number, options: ValidationOptions = {}): PropertyDecorator {
  return (target, property) => {
    Matches(/\S/, { message: options.each ? 'each of $property must not be blank' : '$property must not be blank', ...options })(target, property);
    MaxLength(maxLength, options)(target, property);
  };
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
