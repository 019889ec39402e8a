/**
 * Input validation with class-validator: a global pipe that refuses unknown fields and wrong
 * types (no implicit conversion, `null` is not "absent"), and answers with one problem listing
 * every violation by field path and rule.
 */
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { flattenValidationErrors, type FieldError } from '#cases';
import { Problem, validationProblem } from './problem.js';

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
