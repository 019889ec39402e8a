/**
 * The projector worker's configuration: environment variables, each of which a CLI option of
 * `teilhabe projections consume` can override. Validated at start; a wrong value stops the
 * process with the variable's (and option's) name and what it accepts.
 */
import { EVENTS_TOPIC, EnvironmentReader } from '#messaging';

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

const SCHEMA = /^[a-z][a-z0-9_]{0,62}$/;

export function loadProjectorWorkerConfig(
  env: NodeJS.ProcessEnv = process.env,
): ProjectorWorkerConfig {
  const read = new EnvironmentReader<WorkerVariable>(
    env,
    (name) => `${name} (${WORKER_OPTIONS[name]})`,
  );
  const databaseUrl = read.postgresUrl('DATABASE_URL', 'the database that holds the read model');
  const brokers = read.brokers('KAFKA_BROKERS');
  const topic = read.kafkaName('KAFKA_TOPIC', EVENTS_TOPIC);
  const groupId = read.kafkaName('KAFKA_GROUP_ID', 'teilhabe-projector-statistics');
  const clientId = read.kafkaName('KAFKA_CLIENT_ID', 'teilhabe-projector');
  const schema = env.PROJECTOR_SCHEMA ?? 'stats_kafka';
  if (!SCHEMA.test(schema)) {
    read.problem(
      'PROJECTOR_SCHEMA',
      `must be a lowercase identifier (letters, digits, _; at most 63), got "${schema}"`,
    );
  }
  const logLevel = read.logLevel();
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
    port: read.integer('PORT', 3003, 0, 65_535),
    host: env.HOST ?? '0.0.0.0',
    logLevel,
  };
  if (read.problems.length > 0) throw new ProjectorWorkerConfigError(read.problems);
  return config;
}
