/**
 * Turns every error into RFC 9457 problem details: our own problems as given, Nest and
 * body-parser HTTP errors (malformed JSON, body too large, unknown charset, unknown route),
 * throttling, and anything unexpected as a 500 that reveals nothing.
 */
import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, Problem } from './problem.js';

/** Maps errors of other rooms (domain, store, auth) to problems; registered by the app. */
export type ProblemMapper = (error: unknown) => Problem | undefined;

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly mappers: readonly ProblemMapper[] = []) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const problem = this.toProblem(error, request);
    if (problem.status >= 500) {
      // Log the error's class and message, never the request body (it may hold personal data).
      this.logger.error(
        `${request.method} ${request.path}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        error instanceof Error ? error.stack : undefined,
      );
    }
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(problem.headers)) response.setHeader(name, value);
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem.toJSON(problemInstance(request))));
  }

  private toProblem(error: unknown, request: Request): Problem {
    if (error instanceof Problem) return error;
    for (const map of this.mappers) {
      const problem = map(error);
      if (problem) return problem;
    }
    if (error instanceof HttpException) return fromHttpException(error, request);
    return new Problem(500, 'internal-error', 'Internal server error');
  }
}

/**
 * The problem's `instance`: the path the request was sent to, never its query string, which may
 * carry a token (`?access_token=` of the live streams) or search terms.
 */
export function problemInstance(request: Pick<Request, 'originalUrl'>): string {
  return request.originalUrl.split(/[?#]/, 1)[0]!;
}

/** What body-parser (via http-errors) puts on the errors it raises. */
interface BodyParserCause {
  readonly type?: string;
  readonly limit?: number;
  readonly charset?: string;
  readonly encoding?: string;
}

/**
 * Nest's and body-parser's HTTP errors, each with a stable code and, where a part of the request
 * is to blame, an `errors` entry naming it (`body`, `path` or the header) and the rule.
 */
function fromHttpException(error: HttpException, request: Pick<Request, 'headers'>): Problem {
  const status = error.getStatus();
  const cause = error.cause as BodyParserCause | undefined;
  const coding = request.headers['content-encoding'];
  if (status === 400 && error.cause instanceof SyntaxError) {
    return new Problem(400, 'malformed-json', 'The request body is not valid JSON', undefined, {
      errors: [{ field: 'body', rule: 'json', message: 'the body is not valid JSON' }],
    });
  }
  if (status === 400 && error.cause instanceof URIError) {
    // Express decodes path parameters: a lone or broken %-escape (`/v1/cases/%E0`) lands here.
    return new Problem(400, 'malformed-request', 'The request path is not valid', undefined, {
      errors: [
        {
          field: 'path',
          rule: 'percentEncoding',
          message: 'the path holds a malformed %-escape',
        },
      ],
    });
  }
  if (status === 400 && cause?.type) {
    // body-parser: a body that cannot be read (aborted, shorter than its Content-Length, ...).
    return new Problem(400, 'malformed-body', 'The request body cannot be read', undefined, {
      errors: [{ field: 'body', rule: cause.type, message: 'the body cannot be read as sent' }],
    });
  }
  if (status === 400 && error.cause instanceof Error && coding && coding !== 'identity') {
    // zlib's own error (bad or truncated gzip, deflate, br): the body is not what it says it is.
    return new Problem(400, 'malformed-body', 'The request body cannot be read', undefined, {
      errors: [
        {
          field: 'body',
          rule: 'contentEncoding',
          message: `the body cannot be decoded as Content-Encoding ${coding} says`,
        },
      ],
    });
  }
  if (status === 413) {
    return new Problem(413, 'payload-too-large', 'The request body is too large', undefined, {
      errors: [
        {
          field: 'body',
          rule: 'maxSize',
          message: `the body must be at most ${cause?.limit ?? 'the allowed number of'} bytes`,
        },
      ],
    });
  }
  if (status === 415) {
    // The code stays `unsupported-media-type` (published); the entry says which header is wrong.
    const charset = cause?.type === 'charset.unsupported';
    return new Problem(
      415,
      'unsupported-media-type',
      'Unsupported request body encoding',
      undefined,
      {
        errors: [
          charset
            ? {
                field: 'header:Content-Type',
                rule: 'charset',
                message: `the body must be UTF-8 (charset=utf-8), not ${cause.charset ?? 'as sent'}`,
              }
            : {
                field: 'header:Content-Encoding',
                rule: 'contentEncoding',
                message: 'Content-Encoding must be identity, gzip, deflate or br',
              },
        ],
      },
    );
  }
  if (status === 404) return new Problem(404, 'not-found', 'Not found');
  if (status === 429) {
    return new Problem(429, 'too-many-requests', 'Too many requests', 'Slow down and retry later');
  }
  if (status === 401) return new Problem(401, 'unauthenticated', 'Authentication required');
  if (status === 403) return new Problem(403, 'forbidden', 'Forbidden');
  if (status < 500) return new Problem(status, `http-${status}`, error.message);
  return new Problem(500, 'internal-error', 'Internal server error');
}
