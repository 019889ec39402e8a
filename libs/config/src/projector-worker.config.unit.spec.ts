import { ConfigError } from './environment.js';
import { loadProjectorWorkerConfig, workerEnvironment } from './projector-worker.config.js';

const minimal = { DATABASE_URL: 'postgres://db/teilhabe', KAFKA_BROKERS: 'k1:9092,k2:9092' };

it('has defaults for everything but the database and the brokers', () => {
  expect(loadProjectorWorkerConfig(minimal)).toEqual({
    databaseUrl: 'postgres://db/teilhabe',
    brokers: ['k1:9092', 'k2:9092'],
    topic: 'teilhabe.events.v1',
    groupId: 'teilhabe-projector-statistics',
    clientId: 'teilhabe-projector',
    schema: 'stats_kafka',
    batchSize: 500,
    concurrency: 2,
    sessionTimeoutMs: 10_000,
    port: 3003,
    host: '0.0.0.0',
    logLevel: 'info',
  });
});

it('names the variable and the option of every bad value', () => {
  const bad = {
    KAFKA_BROKERS: 'no-port',
    KAFKA_GROUP_ID: 'a group',
    PROJECTOR_SCHEMA: 'Stats',
    PROJECTOR_CONCURRENCY: '0',
    KAFKA_SESSION_TIMEOUT_MS: '1000',
  };
  let error: unknown;
  try {
    loadProjectorWorkerConfig(bad);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems).toEqual([
    'DATABASE_URL (--database-url) must be the postgres:// URL of the database that holds the read model',
    'KAFKA_BROKERS (--brokers) must be a comma-separated list of host:port, got "no-port"',
    `KAFKA_GROUP_ID (--group) must be 1-249 letters, digits, '.', '_' or '-', got "a group"`,
    'PROJECTOR_SCHEMA (--schema) must be a lowercase identifier (letters, digits, _; at most 63), got "Stats"',
    'PROJECTOR_CONCURRENCY (--concurrency) must be a whole number from 1 to 64, got "0"',
    'KAFKA_SESSION_TIMEOUT_MS (--session-timeout-ms) must be a whole number from 6000 to 1800000, got "1000"',
  ]);
});

it('lets the CLI options override the environment', () => {
  const env = workerEnvironment(
    { ...minimal, KAFKA_GROUP_ID: 'from-env' },
    { group: 'from-option', sessionTimeoutMs: '7000', brokers: undefined },
  );
  const config = loadProjectorWorkerConfig(env);
  expect([config.groupId, config.sessionTimeoutMs, config.brokers]).toEqual([
    'from-option',
    7000,
    ['k1:9092', 'k2:9092'],
  ]);
});
