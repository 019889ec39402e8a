/**
 * What the Kafka processes (the relay, the projector worker) share around their work: a small
 * HTTP server for /health and /metrics (Prometheus), and the process entry that stops cleanly on
 * SIGTERM/SIGINT.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry, collectDefaultMetrics } from 'prom-client';

/** A Prometheus registry with the process's default metrics (memory, CPU, event loop). */
export function processMetrics(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface OpsHealth {
  /** 200 when true, else 503. */
  readonly ok: boolean;
  readonly body: Record<string, unknown>;
}

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Serves /health (JSON from `health`, asked at each request) and /metrics; 404 elsewhere. */
export async function startOpsServer(options: {
  readonly port: number;
  readonly host: string;
  readonly registry: Registry;
  readonly health: () => OpsHealth;
}): Promise<OpsServer> {
  const { registry } = options;
  const server = createServer((request, response) => {
    if (request.url === '/health') {
      const { ok, body } = options.health();
      response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    } else if (request.url === '/metrics') {
      void registry.metrics().then((text) => {
        response.writeHead(200, { 'content-type': registry.contentType });
        response.end(text);
      });
    } else {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"status":404}');
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A process entry: starts the service, stops it on SIGTERM/SIGINT and exits 0. A start that
 * fails exits 1, printing only the message of a configuration error (its problems say it all).
 */
export function runUntilSignal(
  start: () => Promise<{ stop(): Promise<void> }>,
  ConfigError: abstract new (...args: never[]) => Error,
): void {
  // Through a promise so that a configuration error thrown before any await is caught too.
  Promise.resolve()
    .then(start)
    .then(
      (service) => {
        const stop = () => {
          void service.stop().then(() => process.exit(0));
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      },
      (error: unknown) => {
        console.error(error instanceof ConfigError ? error.message : error);
        process.exit(1);
      },
    );
}
