/**
 * The field rules of request bodies (class-validator decorators): what a calendar day, a
 * person's text or an amount in euros must look like, wherever a body arrives.
 */
import { ValidateBy, ValidateIf, buildMessage, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '#domain';

/** Optional: may be left out, but if present it is validated (`null` is not "absent"). */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** A real calendar day written `YYYY-MM-DD` (2024-02-30 and 2023-02-29 are refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a calendar date YYYY-MM-DD that exists`,
          options,
        ),
      },
    },
    options,
  );
}

/** Free text a person types: no control characters, no broken (lone surrogate) characters. */
export const PRINTABLE_TEXT = /^[^\p{Cc}\p{Cs}]*$/u;

/** Text of `min`..`max` characters without control characters or lone surrogates. */
export function isPrintableText(value: unknown, min: number, max: number): boolean {
  return (
    typeof value === 'string' &&
    value.length >= min &&
    value.length <= max &&
    PRINTABLE_TEXT.test(value)
  );
}

/** Printable text of `min`..`max` characters. */
export function IsText(min: number, max: number): PropertyDecorator {
  return ValidateBy({
    name: 'isText',
    constraints: [min, max],
    validator: {
      validate: (value: unknown) => isPrintableText(value, min, max),
      defaultMessage: buildMessage(
        () => `$property must be text of ${min} to ${max} characters without control characters`,
      ),
    },
  });
}

/**
 * Characters that show nothing or reorder what is shown: zero-width (U+200B-U+200D, U+2060,
 * U+FEFF) and bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). In a name
 * they make two clients look alike, or a name read differently from how it is stored.
 */
export const INVISIBLE_CHARACTERS = /[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/u;

/** Text that shows what it holds: not only whitespace, and none of the invisible characters. */
export function isVisibleText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && !INVISIBLE_CHARACTERS.test(value);
}

/**
 * A name as it is shown ({@link isVisibleText}). Anything but a string, and the empty string,
 * pass here: `isText` beside it refuses those, so one wrong value gives one error.
 */
export function IsVisibleText(): PropertyDecorator {
  return ValidateBy({
    name: 'isVisibleText',
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'string' || value === '' || isVisibleText(value),
      defaultMessage: buildMessage(
        () =>
          '$property must show what it holds: not only whitespace, no zero-width or bidi-override characters',
      ),
    },
  });
}

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Not the nil UUID, which no frontend or generator hands out for a real case. */
export function IsNotNilUuid(): PropertyDecorator {
  return ValidateBy({
    name: 'notNilUuid',
    validator: {
      validate: (value: unknown) => value !== NIL_UUID,
      defaultMessage: buildMessage(() => '$property must not be the nil UUID'),
    },
  });
}

/** Euros with at most two decimals, from `min` to `max`. */
export function IsEuroAmount(min: number, max: number): PropertyDecorator {
  return ValidateBy({
    name: 'isEuroAmount',
    constraints: [min, max],
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= min &&
        value <= max &&
        Number(value.toFixed(2)) === value,
      defaultMessage: buildMessage(
        () =>
          `$property must be an amount in euros from ${min} to ${max} with at most two decimals`,
      ),
    },
  });
}

/** How EachItem names its failing elements in one message (read by flattenValidationErrors). */
export const EACH_PREFIX = 'each:';
export const EACH_SEPARATOR = ' :: ';

/**
 * Every element of an array must pass `check`; the errors name each failing element
 * (`goals[2]`), which class-validator's `each` option cannot.
 */
export function EachItem(
  rule: string,
  check: (item: unknown) => boolean,
  requirement: string,
): PropertyDecorator {
  return ValidateBy({
    name: `${EACH_PREFIX}${rule}`,
    validator: {
      validate: (value: unknown) => !Array.isArray(value) || value.every((item) => check(item)),
      defaultMessage: (args) => {
        const items = Array.isArray(args?.value) ? (args.value as unknown[]) : [];
        const failing = items.flatMap((item, i) =>
          check(item) ? [] : [`${args?.property ?? 'value'}[${i}]`],
        );
        return `${failing.join(', ')}${EACH_SEPARATOR}${requirement}`;
      },
    },
  });
}
