/** OpenAPI decorators shared by the apps: problem responses and the command headers. */
import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem.js';

export class FieldErrorDto {
  @ApiProperty({
    example: 'client.dateOfBirth',
    description:
      'A body field (`client.dateOfBirth`, `goals[2]`), `body` itself, `path` or `path:<param>`, `query:<param>` or `header:<Name>`',
  })
  field!: string;
  @ApiProperty({ example: 'isCalendarDate' }) rule!: string;
  @ApiProperty({ example: 'dateOfBirth must be a calendar date YYYY-MM-DD that exists' })
  message!: string;
}

export class ProblemDetailsDto {
  @ApiProperty({ example: 'urn:teilhabe:problem:validation-failed' }) type!: string;
  @ApiProperty({ example: 'The request is not valid' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({
    example: 'validation-failed',
    description: 'The stable code that also ends `type`',
  })
  code!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({
    example: '/v1/cases',
    description: 'The path the request was sent to, without its query string',
  })
  instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

const PROBLEMS: Record<number, string> = {
  400: 'Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule)',
  401: 'No valid bearer token',
  403: 'The token lacks a role this needs',
  404: 'No such case or programme in your Jobcenter',
  409: 'Conflicts with the current state (a domain rule, or a concurrent write)',
  412: 'If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag)',
  413: 'Body larger than 64 KiB',
  415: 'Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header)',
  422: 'Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key',
  429: 'Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps',
};

function problemResponses(statuses: readonly number[]): MethodDecorator[] {
  return statuses.map((status) =>
    ApiResponse({
      status,
      description: PROBLEMS[status] ?? 'Problem',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
    }),
  );
}

/** The problem answers a route can give, for routes that are neither ApiCommand nor ApiRead. */
export function ApiProblems(...statuses: number[]): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto, FieldErrorDto),
    ...problemResponses(statuses),
  );
}

const CORRELATION_HEADER = ApiHeader({
  name: 'X-Correlation-Id',
  required: false,
  description:
    'Ties the request to its events and logs; echoed in the response (generated if absent)',
});

export interface ApiCommandOptions {
  readonly summary: string;
  readonly status: 200 | 201;
  readonly result: Type<unknown>;
}

/** A command route: its answer, the headers it honours and every problem it can answer. */
export function ApiCommand({ summary, status, result }: ApiCommandOptions): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary }),
    ApiBearerAuth(),
    ApiExtraModels(ProblemDetailsDto, FieldErrorDto),
    ApiResponse({ status, type: result, description: 'Recorded; ETag carries the new version' }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412)',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'A UUID; a retry with the same key and body returns the first result and records nothing',
    }),
    CORRELATION_HEADER,
    ...problemResponses([400, 401, 403, 404, 409, 412, 413, 415, 422, 429]),
  );
}

/** A read route. */
export function ApiRead(summary: string, result: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary }),
    ApiBearerAuth(),
    ApiExtraModels(ProblemDetailsDto, FieldErrorDto),
    ApiResponse({ status: 200, type: result }),
    CORRELATION_HEADER,
    ...problemResponses([400, 401, 403, 404, 429]),
  );
}
