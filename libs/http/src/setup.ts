/** The HTTP pipeline of every app, in order: context, metrics, headers, media type, body, routes. */
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from 'helmet';
import { answerClientErrorsAsProblems } from './client-error.js';
import { Metrics } from './metrics.js';
import { STANDARD_PROBLEM_MAPPERS } from './problem-mappers.js';
import { ProblemFilter } from './problem.filter.js';
import { correlationIdMiddleware, requireJsonMiddleware } from './request-context.js';
import { createValidationPipe } from './validation.js';

/** Commands are small; a larger body is refused with 413 before it is parsed. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export function configureHttp(app: NestExpressApplication): void {
  answerClientErrorsAsProblems(app.getHttpServer());
  app.use(correlationIdMiddleware);
  app.use(app.get(Metrics).middleware);
  app.use(
    helmet({
      // The API serves JSON; the only HTML is the OpenAPI browser at /docs.
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:'],
          'script-src': ["'self'"],
          // TLS is terminated in front of the app; plain http on localhost must keep working.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.use(requireJsonMiddleware);
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES, strict: true });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(STANDARD_PROBLEM_MAPPERS));
}

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('teilhabe')
    .setDescription(
      'Event-sourced case management for Jobcenters (SGB II). Errors are RFC 9457 problem details ' +
        '(application/problem+json) with a stable `type` urn:teilhabe:problem:<code>. Commands accept ' +
        'If-Match (the ETag version) and Idempotency-Key (a UUID) headers.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** The OpenAPI document at /docs-json and the browsable API at /docs. */
export function serveOpenApi(app: INestApplication): OpenAPIObject {
  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}
