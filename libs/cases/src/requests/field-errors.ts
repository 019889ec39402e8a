/**
 * class-validator's nested errors as one flat list of field, rule and message: the HTTP
 * validation pipe answers with it, the legacy import names the first one.
 */
import type { ValidationError } from 'class-validator';
import { EACH_PREFIX, EACH_SEPARATOR } from './field-rules.js';

export interface FieldError {
  /** Path of the field in the request: `client.dateOfBirth`, `goals[2]`, `header:If-Match`. */
  readonly field: string;
  /** The rule it broke, e.g. `isCalendarDate`, `whitelist`, `isEnum`. */
  readonly rule: string;
  readonly message: string;
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
