/** Prometheus metrics (prom-client): request latency, append latency, conflicts. */
import { Controller, Get, Header, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Public } from '#security';

@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'teilhabe_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'teilhabe_event_store_append_duration_seconds',
    help: 'Latency of event store appends by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly commandConflicts = new Counter({
    name: 'teilhabe_command_conflicts_total',
    help: 'Commands refused for concurrency: 409 (a concurrent write won) or 412 (stale If-Match)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'teilhabe_' });
  }

  /** Times every request once it finished, labelled by its route pattern (never by ids). */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const end = this.httpRequestDuration.startTimer();
    response.on('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      end({
        method: request.method,
        route: `${request.baseUrl}${route}`,
        status: response.statusCode,
      });
    });
    next();
  };
}

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
