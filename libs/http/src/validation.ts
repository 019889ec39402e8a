/**
 * Input validation with class-validator: a global pipe that refuses unknown fields and wrong
 * types (no implicit conversion), and answers with one problem listing every violation by
 * field path and rule.
 */
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '#domain';
import { validationProblem, type FieldError } from './problem.js';

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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

export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parent = '',
): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = joinPath(parent, error.property);
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      out.push({
        field,
        rule: rule === 'whitelistValidation' ? 'whitelist' : rule,
        message: rule === 'whitelistValidation' ? `unknown field ${field}` : message,
      });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

function joinPath(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
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

/** Free text a person types: no control characters. */
export const PRINTABLE_TEXT = /^[^\p{Cc}]*$/u;
