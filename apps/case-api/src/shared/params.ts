/** Path parameters and headers, validated like bodies: a bad one is a 400 naming it. */
import { Param, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { validationProblem } from '#http';

export function UuidParam(name: string): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        validationProblem([
          { field: `path:${name}`, rule: 'isUuid', message: `${name} must be a UUID` },
        ]),
    }),
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
