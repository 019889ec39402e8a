/**
 * The relay's configuration, from the environment, validated at start: a wrong value stops the
 * process with the variable's name and what it accepts.
 */
import { EVENTS_TOPIC, EnvironmentReader } from '#messaging';

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

type RelayVariable =
  | 'DATABASE_URL'
  | 'KAFKA_BROKERS'
  | 'KAFKA_TOPIC'
  | 'KAFKA_TOPIC_PARTITIONS'
  | 'RELAY_BATCH_SIZE'
  | 'PORT';

export function loadRelayConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const read = new EnvironmentReader<RelayVariable>(env);
  const databaseUrl = read.postgresUrl(
    'DATABASE_URL',
    'the event store (the relay reads a PostgreSQL server; the embedded store belongs to one process)',
  );
  const brokers = read.brokers('KAFKA_BROKERS');
  const topic = read.kafkaName('KAFKA_TOPIC', EVENTS_TOPIC);
  const clientId = env.KAFKA_CLIENT_ID ?? 'teilhabe-relay';
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(clientId)) {
    read.problems.push(`KAFKA_CLIENT_ID must be 1-100 letters, digits, '.', '_' or '-'`);
  }
  const logLevel = read.logLevel();
  const config: RelayConfig = {
    databaseUrl,
    brokers,
    topic,
    clientId,
    partitions: read.integer('KAFKA_TOPIC_PARTITIONS', 12, 1, 1000),
    batchSize: read.integer('RELAY_BATCH_SIZE', 500, 1, 10_000),
    port: read.integer('PORT', 3002, 0, 65_535),
    host: env.HOST ?? '0.0.0.0',
    logLevel,
  };
  if (read.problems.length > 0) throw new RelayConfigError(read.problems);
  return config;
}
