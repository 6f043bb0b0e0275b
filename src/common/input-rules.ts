// class-validator rules shared by the input types.
import { Matches, MaxLength, ValidateBy } from 'class-validator';
import { canonicalLanguageTag } from './language-tag';

/** A required text: not empty or only white space, and of sane length. */
export function NonBlank(maxLength: number): PropertyDecorator {
  return (target, property) => {
    Matches(/\S/, { message: '$property must not be blank' })(target, property);
    MaxLength(maxLength)(target, property);
  };
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A BCP 47 language tag such as "en" or "de-DE" (see language-tag.ts). */
export function IsLanguageTag(): PropertyDecorator {
  return ValidateBy({
    name: 'isLanguageTag',
    validator: {
      validate: (value) => typeof value === 'string' && canonicalLanguageTag(value) !== undefined,
      defaultMessage: () => '$property must be a BCP 47 language tag such as "en" or "de-DE"',
    },
  });
}
