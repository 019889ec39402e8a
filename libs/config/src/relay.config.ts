/** The relay's settings (`main.js relay`, `teilhabe relay`), from the environment. */
import { EVENTS_TOPIC, type RelayConfig } from '#messaging';
import {
  DEFAULT_PORTS,
  EnvironmentReader,
  processEnvironment,
  type Environment,
} from './environment.js';

export type { RelayConfig };

/** The pino levels the Kafka processes accept (`silent` included, unlike the servers). */
export const KAFKA_PROCESS_LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const;

type RelayVariable =
  | 'DATABASE_URL'
  | 'KAFKA_BROKERS'
  | 'KAFKA_TOPIC'
  | 'KAFKA_TOPIC_PARTITIONS'
  | 'KAFKA_CLIENT_ID'
  | 'RELAY_BATCH_SIZE'
  | 'PORT'
  | 'HOST'
  | 'LOG_LEVEL';

/** Throws a ConfigError naming every wrong value. */
export function loadRelayConfig(env: Environment = processEnvironment()): RelayConfig {
  const read = new EnvironmentReader<RelayVariable>(env);
  const databaseUrl = read.postgresUrl(
    'DATABASE_URL',
    'the event store (the relay reads a PostgreSQL server; the embedded store belongs to one process)',
  );
  const brokers = read.brokers('KAFKA_BROKERS');
  const topic = read.kafkaName('KAFKA_TOPIC', EVENTS_TOPIC);
  const clientId = read.text('KAFKA_CLIENT_ID') ?? 'teilhabe-relay';
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(clientId)) {
    read.problem('KAFKA_CLIENT_ID', `must be 1-100 letters, digits, '.', '_' or '-'`);
  }
  const logLevel = read.oneOf('LOG_LEVEL', KAFKA_PROCESS_LOG_LEVELS, 'info');
  const config: RelayConfig = {
    databaseUrl,
    brokers,
    topic,
    clientId,
    partitions: read.integer('KAFKA_TOPIC_PARTITIONS', 12, 1, 1000),
    batchSize: read.integer('RELAY_BATCH_SIZE', 500, 1, 10_000),
    port: read.integer('PORT', DEFAULT_PORTS.relay, 0, 65_535),
    host: read.text('HOST') ?? '0.0.0.0',
    logLevel,
  };
  read.check('relay configuration');
  return config;
}
