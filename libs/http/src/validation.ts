/**
 * Input validation with class-validator: a global pipe that refuses unknown fields and wrong
 * types (no implicit conversion, `null` is not "absent"), and answers with one problem listing
 * every violation by field path and rule.
 */
import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidateBy, ValidateIf, buildMessage, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '#domain';
import { Problem, validationProblem, type FieldError } from './problem.js';

/** Deeper bodies are refused before any library walks them recursively. */
export const MAX_BODY_DEPTH = 8;

/**
 * Names no DTO field has, that libraries treat specially: Nest strips `__proto__` and
 * `constructor` silently, and class-validator's whitelist sees inherited names as known.
 */
const RESERVED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * The one validation pipe: first a plain walk of the body (depth, reserved names), then
 * class-validator. Path and query values keep their strings; their own pipes parse them.
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      stopAtFirstError: false,
      exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body') return super.transform(value, metadata);
    const inspected = inspectBody(value);
    // Too deep: stop here, before a recursive library walks it.
    if (inspected.some((problem) => problem.rule === 'maxDepth'))
      throw validationProblem(inspected);
    let validated: unknown;
    try {
      validated = await super.transform(value, metadata);
    } catch (error) {
      const found =
        error instanceof Problem
          ? ((error.extensions.errors as FieldError[] | undefined) ?? [])
          : [];
      if (inspected.length === 0 || !(error instanceof Problem)) throw error;
      throw validationProblem([...inspected, ...found]);
    }
    if (inspected.length > 0) throw validationProblem(inspected);
    return validated;
  }

  /** No loose conversion of path or query strings ('2026.0' is not a year): param pipes parse. */
  protected override transformPrimitive(value: unknown): unknown {
    return value;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe();
}

/** Walks the parsed body without recursion: too deep, or a reserved name, is a field error. */
export function inspectBody(body: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) {
      // Named by the member the client sent at the top, where the deep structure starts.
      const top = /^[^.[]+/.exec(path)?.[0] ?? 'body';
      problems.push({
        field: top,
        rule: 'maxDepth',
        message: `${top} is nested deeper than ${MAX_BODY_DEPTH} levels`,
      });
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) =>
        stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }),
      );
      continue;
    }
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (RESERVED_KEYS.has(key)) {
        problems.push({ field, rule: 'whitelist', message: `unknown field ${field}` });
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return problems;
}

export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parent = '',
): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = joinPath(parent, error.property);
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      if (rule === 'whitelistValidation') {
        out.push({ field, rule: 'whitelist', message: `unknown field ${field}` });
      } else if (rule.startsWith(EACH_PREFIX)) {
        // EachItem lists the failing elements ("goals[0], goals[2] :: must be ..."): one error each.
        const [list = '', requirement = message] = message.split(EACH_SEPARATOR);
        const indexes = [...list.matchAll(/\[(\d+)\]/g)].map((match) => match[1]);
        for (const index of indexes.length > 0 ? indexes : [undefined]) {
          const element = index === undefined ? field : `${field}[${index}]`;
          out.push({
            field: element,
            rule: rule.slice(EACH_PREFIX.length),
            message: `${element} ${requirement}`,
          });
        }
      } else {
        out.push({ field, rule, message });
      }
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

function joinPath(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

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

const EACH_PREFIX = 'each:';
const EACH_SEPARATOR = ' :: ';

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
