/**
 * What every request carries through the app: its correlation id (from `X-Correlation-Id` or
 * new), echoed in the response and written into the metadata of every event it causes.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Problem } from './problem.js';

export const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

declare module 'express-serve-static-core' {
  interface Request {
    correlationId?: string;
  }
}

export function correlationIdMiddleware(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const given = request.header(CORRELATION_HEADER);
  if (given !== undefined && !CORRELATION_PATTERN.test(given)) {
    next(
      new Problem(400, 'validation-failed', 'The request is not valid', undefined, {
        errors: [
          {
            field: 'header:X-Correlation-Id',
            rule: 'matches',
            message: 'X-Correlation-Id must be 1-100 letters, digits, and . _ : -',
          },
        ],
      }),
    );
    return;
  }
  request.correlationId = given ?? randomUUID();
  response.setHeader('X-Correlation-Id', request.correlationId);
  next();
}

/**
 * Commands are JSON: a POST whose body comes with another (or no) content type is refused
 * before parsing. A POST without a body (none, or `Content-Length: 0`) has no media type to
 * check: the erasure, documented without a body, is sent like that.
 */
export function requireJsonMiddleware(
  request: Request,
  _response: Response,
  next: NextFunction,
): void {
  // Exactly application/json (any charset parameter): the body parser reads nothing else.
  // `is()` answers null for a request without a body; fetch sends `Content-Length: 0` then.
  const type = request.is('application/json');
  const body = type !== null && request.header('content-length') !== '0';
  if (request.method === 'POST' && body && type !== 'application/json') {
    next(
      new Problem(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        'Send the command as application/json',
        {
          errors: [
            {
              field: 'header:Content-Type',
              rule: 'isJson',
              message: 'Content-Type must be application/json',
            },
          ],
        },
      ),
    );
    return;
  }
  next();
}
