/**
 * What the Kafka processes (the relay, the projector worker) share around their work: reading
 * their environment with one wording for the same mistakes, a small HTTP server for /health and
 * /metrics (Prometheus), and the process entry that stops cleanly on SIGTERM/SIGINT.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry, collectDefaultMetrics } from 'prom-client';

const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const KAFKA_NAME = /^[A-Za-z0-9._-]{1,249}$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads and checks environment variables, collecting every problem (not only the first) so that
 * one start names all wrong values. `label` says how a variable is named in a problem (e.g. with
 * the CLI option that overrides it).
 */
export class EnvironmentReader<Variable extends string> {
  readonly problems: string[] = [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly label: (variable: Variable) => string = (variable) => variable,
  ) {}

  /** A whole number from `min` to `max`; `fallback` when unset. */
  integer(variable: Variable, fallback: number, min: number, max: number): number {
    const text = this.env[variable] ?? String(fallback);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      this.problem(variable, `must be a whole number from ${min} to ${max}, got "${text}"`);
    }
    return value;
  }

  /** A postgres:// URL (required); `what` says which database it must point at. */
  postgresUrl(variable: Variable, what: string): string {
    const url = this.env[variable]?.trim() ?? '';
    if (!/^postgres(ql)?:\/\//.test(url))
      this.problem(variable, `must be the postgres:// URL of ${what}`);
    return url;
  }

  /** A comma-separated list of host:port (required). */
  brokers(variable: Variable): string[] {
    const brokers = (this.env[variable] ?? '')
      .split(',')
      .map((b) => b.trim())
      .filter((b) => b !== '');
    if (brokers.length === 0 || !brokers.every((b) => BROKER.test(b))) {
      this.problem(
        variable,
        `must be a comma-separated list of host:port, got "${this.env[variable] ?? ''}"`,
      );
    }
    return brokers;
  }

  /** A Kafka topic, group or client name; `fallback` when unset. */
  kafkaName(variable: Variable, fallback: string): string {
    const value = this.env[variable] ?? fallback;
    if (!KAFKA_NAME.test(value) || value === '.' || value === '..') {
      this.problem(variable, `must be 1-249 letters, digits, '.', '_' or '-', got "${value}"`);
    }
    return value;
  }

  /** LOG_LEVEL: a pino level, `info` when unset (no CLI option, so never labelled). */
  logLevel(): string {
    const logLevel = this.env.LOG_LEVEL ?? 'info';
    if (!LOG_LEVELS.includes(logLevel)) {
      this.problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
    }
    return logLevel;
  }

  problem(variable: Variable, rule: string): void {
    this.problems.push(`${this.label(variable)} ${rule}`);
  }
}

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
