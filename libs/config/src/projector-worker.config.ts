/**
 * The projector worker's settings (`main.js projector-worker`, `teilhabe projections consume`):
 * environment variables, each of which a CLI option of `projections consume` can override, so a
 * problem names the variable and the option.
 */
import { EVENTS_TOPIC } from '#messaging';
import type { ProjectorWorkerConfig } from '#projections';
import {
  DEFAULT_PORTS,
  EnvironmentReader,
  processEnvironment,
  type Environment,
} from './environment.js';
import { KAFKA_PROCESS_LOG_LEVELS } from './relay.config.js';

export type { ProjectorWorkerConfig };

/** Environment variable → CLI option of `teilhabe projections consume`. */
export const WORKER_OPTIONS = {
  DATABASE_URL: '--database-url',
  KAFKA_BROKERS: '--brokers',
  KAFKA_TOPIC: '--topic',
  KAFKA_GROUP_ID: '--group',
  KAFKA_CLIENT_ID: '--client-id',
  PROJECTOR_SCHEMA: '--schema',
  PROJECTOR_BATCH_SIZE: '--batch-size',
  PROJECTOR_CONCURRENCY: '--concurrency',
  KAFKA_SESSION_TIMEOUT_MS: '--session-timeout-ms',
  PORT: '--port',
} as const;
export type WorkerVariable = keyof typeof WORKER_OPTIONS;

/** The environment with the given options (commander's names) laid over it. */
export function workerEnvironment(
  env: Environment,
  options: Record<string, string | undefined>,
): Environment {
  const merged: Record<string, string | undefined> = { ...env };
  for (const [variable, option] of Object.entries(WORKER_OPTIONS)) {
    // commander names `--session-timeout-ms` sessionTimeoutMs
    const name = option.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = options[name];
    if (value !== undefined) merged[variable] = value;
  }
  return merged;
}

const SCHEMA = /^[a-z][a-z0-9_]{0,62}$/;

/** Throws a ConfigError naming every wrong value (and the option that overrides it). */
export function loadProjectorWorkerConfig(
  env: Environment = processEnvironment(),
): ProjectorWorkerConfig {
  const read = new EnvironmentReader<WorkerVariable | 'HOST' | 'LOG_LEVEL'>(env, (name) =>
    name in WORKER_OPTIONS ? `${name} (${WORKER_OPTIONS[name as WorkerVariable]})` : name,
  );
  const databaseUrl = read.postgresUrl('DATABASE_URL', 'the database that holds the read model');
  const brokers = read.brokers('KAFKA_BROKERS');
  const topic = read.kafkaName('KAFKA_TOPIC', EVENTS_TOPIC);
  const groupId = read.kafkaName('KAFKA_GROUP_ID', 'teilhabe-projector-statistics');
  const clientId = read.kafkaName('KAFKA_CLIENT_ID', 'teilhabe-projector');
  const schema = read.text('PROJECTOR_SCHEMA') ?? 'stats_kafka';
  if (!SCHEMA.test(schema)) {
    read.problem(
      'PROJECTOR_SCHEMA',
      `must be a lowercase identifier (letters, digits, _; at most 63), got "${schema}"`,
    );
  }
  const logLevel = read.oneOf('LOG_LEVEL', KAFKA_PROCESS_LOG_LEVELS, 'info');
  const config: ProjectorWorkerConfig = {
    databaseUrl,
    brokers,
    topic,
    groupId,
    clientId,
    schema,
    batchSize: read.integer('PROJECTOR_BATCH_SIZE', 500, 1, 10_000),
    concurrency: read.integer('PROJECTOR_CONCURRENCY', 2, 1, 64),
    // Kafka's default group.min.session.timeout.ms is 6 s and its max 30 min.
    sessionTimeoutMs: read.integer('KAFKA_SESSION_TIMEOUT_MS', 10_000, 6_000, 1_800_000),
    port: read.integer('PORT', DEFAULT_PORTS.projectorWorker, 0, 65_535),
    host: read.text('HOST') ?? '0.0.0.0',
    logLevel,
  };
  read.check('projector worker configuration');
  return config;
}
