/**
 * The relay's configuration, from the environment, validated at start: a wrong value stops the
 * process with the variable's name and what it accepts.
 */
import { EVENTS_TOPIC } from '#messaging';

export interface RelayConfig {
  readonly databaseUrl: string;
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly partitions: number;
  readonly clientId: string;
  readonly batchSize: number;
  /** Port of /health and /metrics (0: any free port). */
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
}

export class RelayConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid relay configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'RelayConfigError';
  }
}

const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const text = env[name] ?? String(fallback);
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

export function loadRelayConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL?.trim() ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(
      'DATABASE_URL must be the postgres:// URL of the event store (the relay reads a PostgreSQL server; the embedded store belongs to one process)',
    );
  }
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  if (brokers.length === 0 || !brokers.every((b) => BROKER.test(b))) {
    problems.push(
      `KAFKA_BROKERS must be a comma-separated list of host:port, got "${env.KAFKA_BROKERS ?? ''}"`,
    );
  }
  const topic = env.KAFKA_TOPIC ?? EVENTS_TOPIC;
  if (!TOPIC.test(topic) || topic === '.' || topic === '..') {
    problems.push(`KAFKA_TOPIC must be 1-249 letters, digits, '.', '_' or '-', got "${topic}"`);
  }
  const clientId = env.KAFKA_CLIENT_ID ?? 'teilhabe-relay';
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(clientId)) {
    problems.push(`KAFKA_CLIENT_ID must be 1-100 letters, digits, '.', '_' or '-'`);
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const config: RelayConfig = {
    databaseUrl,
    brokers,
    topic,
    clientId,
    partitions: integer(env, 'KAFKA_TOPIC_PARTITIONS', 12, 1, 1000, problems),
    batchSize: integer(env, 'RELAY_BATCH_SIZE', 500, 1, 10_000, problems),
    port: integer(env, 'PORT', 3002, 0, 65_535, problems),
    host: env.HOST ?? '0.0.0.0',
    logLevel,
  };
  if (problems.length > 0) throw new RelayConfigError(problems);
  return config;
}
