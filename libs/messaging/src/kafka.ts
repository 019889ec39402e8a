/**
 * kafkajs wiring: a client whose log goes to ours, the topic created if missing, and the
 * idempotent producer the relay sends with.
 */
import kafkajs, { type Kafka, type LogEntry, type Producer } from 'kafkajs';

const { Kafka: KafkaClient, Partitioners, logLevel } = kafkajs;

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Where kafkajs's own warnings and errors go (default: nowhere). */
  readonly log?: (level: 'error' | 'warn', message: string, extra: Record<string, unknown>) => void;
}

export function createKafka(settings: KafkaSettings): Kafka {
  return new KafkaClient({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    // A few quick retries inside kafkajs; the relay's own loop retries forever with backoff.
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        settings.log?.(level === logLevel.ERROR ? 'error' : 'warn', message, extra);
      },
  });
}

/** Creates the topic if it does not exist (a no-op when it does). */
export async function ensureTopic(
  kafka: Kafka,
  topic: string,
  partitions: number,
  replicationFactor = -1,
): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: partitions, replicationFactor }],
      });
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * An idempotent producer (the broker discards the producer's own retried batches), one request
 * in flight so retries cannot reorder, Java's partitioner so a key lands on the same partition as
 * from any other Kafka client.
 */
export async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  try {
    await producer.connect();
  } catch (error) {
    // A failed connect leaves kafkajs's reconnect timers behind unless told to stop.
    await producer.disconnect().catch(() => undefined);
    throw error;
  }
  return producer;
}
