// class-validator rules shared by the input types.
import { IsUrl, Matches, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { Extensions } from 'type-graphql';
import { canonicalLanguageTag } from './language-tag';
import { TEXT_KIND_EXTENSION, type TextKind } from './text-rules';

/**
 * A string argument or input field that holds free text (a claim, a summary, a rationale, or a search over them):
 * tab and line breaks allowed, and balanced bidi controls (text-rules.ts). Any other string is a `line`.
 */
export function FreeText(): PropertyDecorator {
  const kind: TextKind = 'text';
  return Extensions({ [TEXT_KIND_EXTENSION]: kind });
}

/** A required text: not empty or only white space, and of sane length (each item's, with `{ each: true }`). */
export function NonBlank(maxLength: number, options: ValidationOptions = {}): PropertyDecorator {
  return (target, property) => {
    Matches(/\S/, { message: options.each ? 'each of $property must not be blank' : '$property must not be blank', ...options })(
      target,
      property,
    );
    MaxLength(maxLength, options)(target, property);
  };
}

/**
 * No two items alike by `key`, checked in linear time with a Set (class-validator's ArrayUnique compares every pair:
 * seconds for a large array, before any size rule has refused it).
 */
export function UniqueItems<T>(key: (item: T) => unknown, message: string): PropertyDecorator {
  return ValidateBy({
    name: 'uniqueItems',
    validator: {
      validate: (value) => !Array.isArray(value) || new Set(value.map((item: T) => key(item))).size === value.length,
      defaultMessage: () => message,
    },
  });
}

/** An absolute http(s) URL, such as a source's or a review's address (each item's, with `{ each: true }`). */
export function IsHttpUrl(options: ValidationOptions = {}): PropertyDecorator {
  return IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: options.each ? 'each of $property must be an absolute http(s) URL' : '$property must be an absolute http(s) URL', ...options },
  );
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
