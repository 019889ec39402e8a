/**
 * The projector worker's configuration: environment variables, each of which a CLI option of
 * `teilhabe projections consume` can override. Validated at start; a wrong value stops the
 * process with the variable's (and option's) name and what it accepts.
 */
import { EVENTS_TOPIC } from '#messaging';

export interface ProjectorWorkerConfig {
  readonly databaseUrl: string;
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly groupId: string;
  readonly clientId: string;
  /** The read model's schema; one consumer group per schema. */
  readonly schema: string;
  /** Messages per transaction (a fetched batch is cut into chunks of this size). */
  readonly batchSize: number;
  /** Partitions projected at once by this instance (one transaction each). */
  readonly concurrency: number;
  /** How long the group waits for a silent instance before giving its partitions away. */
  readonly sessionTimeoutMs: number;
  /** Port of /health and /metrics (0: any free port). */
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
}

export class ProjectorWorkerConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid projector worker configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ProjectorWorkerConfigError';
  }
}

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

const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const NAME = /^[A-Za-z0-9._-]{1,249}$/;
const SCHEMA = /^[a-z][a-z0-9_]{0,62}$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function label(name: WorkerVariable): string {
  return `${name} (${WORKER_OPTIONS[name]})`;
}

export function loadProjectorWorkerConfig(
  env: NodeJS.ProcessEnv = process.env,
): ProjectorWorkerConfig {
  const problems: string[] = [];
  const integer = (name: WorkerVariable, fallback: number, min: number, max: number) => {
    const text = env[name] ?? String(fallback);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      problems.push(`${label(name)} must be a whole number from ${min} to ${max}, got "${text}"`);
    }
    return value;
  };
  const databaseUrl = env.DATABASE_URL?.trim() ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(
      `${label('DATABASE_URL')} must be the postgres:// URL of the database that holds the read model`,
    );
  }
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  if (brokers.length === 0 || !brokers.every((b) => BROKER.test(b))) {
    problems.push(
      `${label('KAFKA_BROKERS')} must be a comma-separated list of host:port, got "${env.KAFKA_BROKERS ?? ''}"`,
    );
  }
  const name = (variable: WorkerVariable, fallback: string) => {
    const value = env[variable] ?? fallback;
    if (!NAME.test(value) || value === '.' || value === '..') {
      problems.push(
        `${label(variable)} must be 1-249 letters, digits, '.', '_' or '-', got "${value}"`,
      );
    }
    return value;
  };
  const topic = name('KAFKA_TOPIC', EVENTS_TOPIC);
  const groupId = name('KAFKA_GROUP_ID', 'teilhabe-projector-statistics');
  const clientId = name('KAFKA_CLIENT_ID', 'teilhabe-projector');
  const schema = env.PROJECTOR_SCHEMA ?? 'stats_kafka';
  if (!SCHEMA.test(schema)) {
    problems.push(
      `${label('PROJECTOR_SCHEMA')} must be a lowercase identifier (letters, digits, _; at most 63), got "${schema}"`,
    );
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const config: ProjectorWorkerConfig = {
    databaseUrl,
    brokers,
    topic,
    groupId,
    clientId,
    schema,
    batchSize: integer('PROJECTOR_BATCH_SIZE', 500, 1, 10_000),
    concurrency: integer('PROJECTOR_CONCURRENCY', 2, 1, 64),
    // Kafka's default group.min.session.timeout.ms is 6 s and its max 30 min.
    sessionTimeoutMs: integer('KAFKA_SESSION_TIMEOUT_MS', 10_000, 6_000, 1_800_000),
    port: integer('PORT', 3003, 0, 65_535),
    host: env.HOST ?? '0.0.0.0',
    logLevel,
  };
  if (problems.length > 0) throw new ProjectorWorkerConfigError(problems);
  return config;
}
