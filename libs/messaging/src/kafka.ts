/**
 * kafkajs wiring: a client whose log goes to ours, the topic created if missing, and the
 * idempotent producer the relay sends with.
 */
import kafkajs, {
  type ICustomPartitioner,
  type Kafka,
  type LogEntry,
  type PartitionerArgs,
  type Producer,
} from 'kafkajs';

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

/** The Jobcenter of a message key `<tenant>/<streamId>` (the whole key if it has no `/`). */
export function tenantOfKey(key: string): string {
  const slash = key.indexOf('/');
  return slash < 0 ? key : key.slice(0, slash);
}

/**
 * Partitions by the Jobcenter, not by the whole key: Java's murmur2 partitioner (kafkajs's
 * `DefaultPartitioner`, the same partition as any Java or librdkafka `murmur2_random` client
 * would pick for that string) applied to the tenant part of `<tenant>/<streamId>`. So one
 * Jobcenter's events share one partition, in `$all` order, and a consumer group can project
 * them with one partition per transaction (`projections consume`); a case, being inside its
 * Jobcenter, still stays on one partition in stream order. The key itself is unchanged.
 */
export const tenantPartitioner: ICustomPartitioner = () => {
  const murmur2 = Partitioners.DefaultPartitioner();
  return (args: PartitionerArgs) => {
    const key = args.message.key;
    if (key === null || key === undefined) return murmur2(args);
    const text = typeof key === 'string' ? key : key.toString('utf8');
    return murmur2({ ...args, message: { ...args.message, key: tenantOfKey(text) } });
  };
};

/** The partition {@link tenantPartitioner} puts a Jobcenter on (for tests and diagnostics). */
export function partitionOfTenant(tenant: string, partitions: number): number {
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
  }));
  return tenantPartitioner()({
    topic: '',
    partitionMetadata,
    message: { key: tenant, value: null },
  });
}

/**
 * An idempotent producer (the broker discards the producer's own retried batches), one request
 * in flight so retries cannot reorder, and {@link tenantPartitioner} so a Jobcenter lands on the
 * same partition as from any other Java-compatible client hashing the tenant.
 */
export async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: tenantPartitioner,
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
