/** Path parameters and headers, validated like bodies: a bad one is a 400 naming it. */
import { Param, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { NIL_UUID } from '#cases';
import { validationProblem } from '#http';

/**
 * A UUID in the path, in lower case: ids are stored in lower case (the enrolment lowercases a
 * chosen one), and RFC 9562 compares UUIDs case-insensitively, so `/v1/cases/3F8E…` is the same
 * case as `/v1/cases/3f8e…`. The nil UUID names nothing and is refused.
 */
export function UuidParam(name: string): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        validationProblem([
          { field: `path:${name}`, rule: 'isUuid', message: `${name} must be a UUID` },
        ]),
    }),
    {
      transform: (value: string) => {
        if (value === NIL_UUID) {
          throw validationProblem([
            {
              field: `path:${name}`,
              rule: 'notNilUuid',
              message: `${name} must not be the nil UUID`,
            },
          ]);
        }
        return value.toLowerCase();
      },
    },
  );
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export function YearParam(): ParameterDecorator {
  return Param('year', new ParseIntPipe({ exceptionFactory: yearProblem }), {
    transform: (value: number) => {
      if (value < MIN_YEAR || value > MAX_YEAR) throw yearProblem();
      return value;
    },
  });
}

function yearProblem() {
  return validationProblem([
    {
      field: 'path:year',
      rule: 'isYear',
      message: `year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}`,
    },
  ]);
}
