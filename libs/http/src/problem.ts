/**
 * RFC 9457 problem details: every error teilhabe answers with has a stable `type`
 * (`urn:teilhabe:problem:<code>`), a `title`, the HTTP `status`, and for bad input the list of
 * `errors`, each naming the field and the rule it broke.
 */
import type { FieldError } from '#cases';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_PREFIX = 'urn:teilhabe:problem:';

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly code: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

/** Throw this anywhere in request handling; the problem filter answers it as given. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  toJSON(instance?: string): ProblemDetails {
    return {
      type: `${PROBLEM_TYPE_PREFIX}${this.code}`,
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
      ...this.extensions,
    };
  }
}

export function validationProblem(
  errors: readonly FieldError[],
  title = 'The request is not valid',
): Problem {
  return new Problem(
    400,
    'validation-failed',
    title,
    errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    { errors },
  );
}
