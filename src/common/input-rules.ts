// class-validator rules shared by the input types.
import { Matches, MaxLength } from 'class-validator';

/** A required text: not empty or only white space, and of sane length. */
export function NonBlank(maxLength: number): PropertyDecorator {
  return (target, property) => {
    Matches(/\S/, { message: '$property must not be blank' })(target, property);
    MaxLength(maxLength)(target, property);
  };
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
