/**
 * `teilhabe projections consume`: one projector worker of a Kafka consumer group, until SIGTERM
 * or SIGINT. Options override the environment variables of the same meaning.
 */
import type { Command } from 'commander';
import {
  ConfigError,
  WORKER_OPTIONS,
  loadProjectorWorkerConfig,
  type ProjectorWorkerConfig,
  type Environment,
  type WorkerVariable,
  workerEnvironment,
} from '#config';
import { CasePersonKeys } from '#cases';
import { startProjectorWorker } from '#projections';
import { UsageError } from '../usage-error.js';

const DESCRIPTIONS: Record<WorkerVariable, string> = {
  DATABASE_URL: 'postgres:// URL of the read model database',
  KAFKA_BROKERS: 'host:port,... of the Kafka brokers',
  KAFKA_TOPIC: 'the relay topic (default teilhabe.events.v1)',
  KAFKA_GROUP_ID: 'consumer group id (default teilhabe-projector-statistics)',
  KAFKA_CLIENT_ID: 'client id of this instance (default teilhabe-projector)',
  PROJECTOR_SCHEMA: 'schema of the read model (default stats_kafka)',
  PROJECTOR_BATCH_SIZE: 'messages per transaction (default 500)',
  PROJECTOR_CONCURRENCY: 'partitions projected at once (default 2)',
  KAFKA_SESSION_TIMEOUT_MS:
    'session timeout; a dead instance loses its partitions after it (default 10000)',
  PORT: 'port of /health and /metrics (default 3003, 0: any)',
};

/** Adds one option per variable: `--brokers <value>` (KAFKA_BROKERS), ... */
export function addWorkerOptions(command: Command): Command {
  for (const [variable, option] of Object.entries(WORKER_OPTIONS)) {
    command.option(
      `${option} <value>`,
      `${DESCRIPTIONS[variable as WorkerVariable]} [${variable}]`,
    );
  }
  return command;
}

export async function consumeCommand(
  env: Environment,
  options: Record<string, string | undefined>,
  err: (text: string) => void,
): Promise<void> {
  let config: ProjectorWorkerConfig;
  try {
    config = loadProjectorWorkerConfig(workerEnvironment(env, options));
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const worker = await startProjectorWorker(config, (store) => new CasePersonKeys(store));
  err(
    `projecting ${config.topic} as group ${config.groupId} into schema ${config.schema}; /health on port ${worker.port}\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await worker.stop();
}
