/**
 * The {@link CommandContext} of an HTTP request: the caller (from the verified token), the
 * correlation id, `If-Match` (the version the caller saw) and `Idempotency-Key`.
 */
import { createHash } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { CommandContext } from '#cases';
import { canonicalJson, isUuid, type JsonValue } from '#event-store';
import { Problem, validationProblem } from '#http';
import { AuthenticationError, type Principal } from '#security';

const IF_MATCH = /^"(\d{1,15})"$/;
const WEAK_IF_MATCH = /^W\/"(\d{1,15})"$/;

export function commandContextOf(request: Request): CommandContext {
  const principal = request.principal;
  if (!principal) throw new AuthenticationError('no principal on a protected route');
  const context: {
    principal: Principal;
    correlationId: string;
    ifMatch?: number;
    idempotency?: CommandContext['idempotency'];
  } = { principal, correlationId: request.correlationId ?? 'none' };

  const ifMatch = request.header('if-match');
  if (ifMatch !== undefined) {
    const match = IF_MATCH.exec(ifMatch.trim());
    if (WEAK_IF_MATCH.test(ifMatch.trim())) {
      // RFC 9110 §13.1.1: If-Match compares strongly, and a weak tag never matches: 412.
      throw new Problem(
        412,
        'weak-entity-tag',
        'If-Match needs the strong ETag',
        'A weak entity tag (W/"…") never matches in If-Match; send the ETag as the case view gives it, e.g. "3".',
        {
          errors: [
            {
              field: 'header:If-Match',
              rule: 'strongEntityTag',
              message: 'If-Match must be a strong entity tag, e.g. "3", not W/"3"',
            },
          ],
        },
      );
    }
    if (!match?.[1]) {
      throw validationProblem([
        {
          field: 'header:If-Match',
          rule: 'isEntityTag',
          message: 'If-Match must be the quoted version of the ETag, e.g. "3"',
        },
      ]);
    }
    context.ifMatch = Number(match[1]);
  }

  const key = request.header('idempotency-key');
  if (key !== undefined) {
    if (!isUuid(key)) {
      throw validationProblem([
        {
          field: 'header:Idempotency-Key',
          rule: 'isUuid',
          message: 'Idempotency-Key must be a UUID',
        },
      ]);
    }
    // Hashed when first read, by the handler: the context is made before the body passed its
    // validation (at most 8 levels deep), and hashing an unchecked body of thousands of nested
    // arrays overflowed the stack (a 500 the fuzz test found).
    let requestHash: string | undefined;
    context.idempotency = {
      key: key.toLowerCase(),
      get requestHash() {
        return (requestHash ??= hashRequest(request));
      },
    };
  }
  return context;
}

/** SHA-256 of the method, path and canonical body. */
function hashRequest(request: Request): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        method: request.method,
        path: request.path,
        body: (request.body ?? null) as JsonValue,
      }),
    )
    .digest('hex');
}

/** Injects the {@link CommandContext} of the current request into a controller method. */
export const CommandCtx = createParamDecorator((_: unknown, execution: ExecutionContext) =>
  commandContextOf(execution.switchToHttp().getRequest<Request>()),
);
