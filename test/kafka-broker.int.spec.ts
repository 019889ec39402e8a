/**
 * The Kafka broker the tests get (test/support/kafka-broker.mjs) is real and usable the way the
 * relay uses it: an idempotent producer with acks=-1, keyed messages with headers read back in
 * per-partition order by a consumer group that commits offsets; and the local broker can be
 * stopped and started again with its topics, messages and committed offsets kept.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import kafkajs, { type Admin, type IHeaders, type Kafka, type Producer } from 'kafkajs';
import { findKafka, startLocalKafka, stopLocalKafka } from './support/kafka-broker.mjs';
import { announce } from './support/notices.js';
import { ARTIFACTS_DIR } from './support/paths.js';

const { Kafka: KafkaClient, Partitioners, logLevel } = kafkajs;

interface Sent {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

interface Received extends Sent {
  readonly partition: number;
  readonly offset: string;
}

// Top-level await: the restart test can only run against the local broker, and jest must know
// whether to skip it while it collects the tests.
const broker = await findKafka();
const KAFKAJS_LOG = join(ARTIFACTS_DIR, 'kafka-broker.kafkajs.log');
mkdirSync(ARTIFACTS_DIR, { recursive: true });

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** kafkajs' own log (its retries while the broker is down are expected) goes to an artifact. */
function client(clientId: string): Kafka {
  return new KafkaClient({
    clientId,
    brokers: broker.brokers,
    logLevel: logLevel.INFO,
    logCreator:
      () =>
      ({ namespace, label, log }) => {
        const { message, timestamp, ...extra } = log;
        appendFileSync(
          KAFKAJS_LOG,
          `${timestamp} ${label} [${clientId} ${namespace}] ${message} ${JSON.stringify(extra)}\n`,
        );
      },
  });
}

function producerOf(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    // Retries are unlimited for an idempotent producer (as the relay's); short pauses between
    // them keep the restart test quick.
    retry: { initialRetryTime: 200, maxRetryTime: 2000 },
  });
}

function messages(batch: string, count: number): Sent[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `case-${i % 7}`,
    value: `${batch}-${i}`,
    headers: { batch, seq: String(i), 'content-type': 'application/json' },
  }));
}

async function send(producer: Producer, topic: string, batch: readonly Sent[]): Promise<void> {
  const results = await producer.send({
    topic,
    acks: -1,
    messages: batch.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
  });
  expect(results.length).toBeGreaterThan(0);
  for (const result of results) expect(result.errorCode).toBe(0);
}

async function createTopic(admin: Admin, topic: string): Promise<void> {
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  expect(created).toBe(true);
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  expect(metadata.topics[0]?.partitions).toHaveLength(3);
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]),
  );
}

/**
 * Reads the topic from the beginning with a new consumer group until `count` messages came,
 * committing each message's offset, then waits a moment to see that nothing more comes.
 */
async function consume(kafka: Kafka, topic: string, groupId: string, count: number) {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  const received: Received[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let reached: () => void = () => undefined;
    const all = new Promise<void>((resolve) => (reached = resolve));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        received.push({
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          headers: headersOf(message.headers),
        });
        await consumer.commitOffsets([
          { topic, partition, offset: String(BigInt(message.offset) + 1n) },
        ]);
        if (received.length >= count) reached();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 90_000)));
    await Promise.race([all, timeout]);
    clearTimeout(timer);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  } finally {
    await consumer.disconnect();
  }
  return received;
}

function withoutPlacement(received: readonly Received[]): Sent[] {
  return received.map(({ key, value, headers }) => ({ key, value, headers }));
}

function byValue<T extends { value: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.value.localeCompare(b.value));
}

/** Offsets rise within each partition, and each key's messages came in the order sent. */
function expectPerPartitionOrder(received: readonly Received[]): void {
  const partitionOfKey = new Map<string, number>();
  const lastOffset = new Map<number, bigint>();
  const lastSeq = new Map<string, number>();
  for (const message of received) {
    expect(partitionOfKey.get(message.key) ?? message.partition).toBe(message.partition);
    partitionOfKey.set(message.key, message.partition);
    const offset = BigInt(message.offset);
    const previousOffset = lastOffset.get(message.partition);
    if (previousOffset !== undefined) expect(offset > previousOffset).toBe(true);
    lastOffset.set(message.partition, offset);
    const stream = `${message.key}/${message.headers.batch}`;
    const seq = Number(message.headers.seq);
    expect(seq).toBeGreaterThan(lastSeq.get(stream) ?? -1);
    lastSeq.set(stream, seq);
  }
}

function portOpen(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function committedOffsets(admin: Admin, groupId: string, topic: string) {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (offsets?.partitions ?? [])
    .map(({ partition, offset }) => ({ partition, offset }))
    .sort((a, b) => a.partition - b.partition);
}

async function endOffsets(admin: Admin, topic: string) {
  return (await admin.fetchTopicOffsets(topic))
    .map(({ partition, high }) => ({ partition, offset: high }))
    .sort((a, b) => a.partition - b.partition);
}

describe(`Kafka broker for the tests (${broker.source}: ${broker.brokers.join(',')})`, () => {
  // Leaves the local broker running for the next suite even if the restart test failed midway.
  afterAll(async () => {
    if (broker.source === 'local') await findKafka();
  }, 180_000);

  it('takes keyed messages with headers from an idempotent producer (acks=-1) and hands them back in order to a consumer group', async () => {
    const kafka = client('kafka-broker-test');
    const admin = kafka.admin();
    const producer = producerOf(kafka);
    const topic = unique('teilhabe-test-broker');
    const groupId = unique('teilhabe-test-group');
    try {
      await admin.connect();
      await createTopic(admin, topic);
      await producer.connect();
      const first = messages('first', 40);
      const second = messages('second', 20);
      await send(producer, topic, first);
      await send(producer, topic, second);

      const received = await consume(kafka, topic, groupId, first.length + second.length);

      expect(byValue(withoutPlacement(received))).toEqual(byValue([...first, ...second]));
      expectPerPartitionOrder(received);
      expect(new Set(received.map((m) => m.partition)).size).toBeGreaterThan(1);
      expect(await committedOffsets(admin, groupId, topic)).toEqual(await endOffsets(admin, topic));
    } finally {
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  }, 180_000);

  const onLocalBroker = broker.source === 'local' ? it : it.skip;
  if (broker.source !== 'local') {
    announce(
      `test/kafka-broker.int.spec.ts: the broker restart test needs the local broker of ` +
        `deploy/kafka, not one from ${broker.source}`,
    );
  }

  onLocalBroker(
    'keeps topics, messages and committed offsets across a restart; a send while it is down does not succeed, sends after it do',
    async () => {
      const kafka = client('kafka-broker-restart-test');
      const producer = producerOf(kafka);
      const admin = kafka.admin();
      const adminAfter = kafka.admin();
      const topic = unique('teilhabe-test-restart');
      const groupId = unique('teilhabe-test-group');
      const before = messages('before', 30);
      const after = messages('after', 30);
      const down: Sent = { key: 'case-0', value: 'down-0', headers: { batch: 'down', seq: '0' } };
      try {
        await admin.connect();
        await createTopic(admin, topic);
        await producer.connect();
        await send(producer, topic, before);
        const readBefore = await consume(kafka, topic, groupId, before.length);
        expect(byValue(withoutPlacement(readBefore))).toEqual(byValue(before));
        const committedBefore = await committedOffsets(admin, groupId, topic);
        expect(committedBefore).toEqual(await endOffsets(admin, topic));
        await admin.disconnect();

        await stopLocalKafka();
        expect(await portOpen(broker.brokers[0]!)).toBe(false);

        // The producer stays connected through the restart, as the relay's does.
        const outcome: { downSend: 'pending' | 'fulfilled' | 'rejected' } = { downSend: 'pending' };
        const sending = producer
          .send({ topic, acks: -1, messages: [down] })
          .then(() => (outcome.downSend = 'fulfilled'))
          .catch(() => (outcome.downSend = 'rejected'));
        await new Promise((resolve) => setTimeout(resolve, 3000));
        expect(outcome.downSend).not.toBe('fulfilled');

        await startLocalKafka();
        expect(await portOpen(broker.brokers[0]!)).toBe(true);
        let waited: NodeJS.Timeout | undefined;
        const patience = new Promise((resolve) => (waited = setTimeout(resolve, 90_000)));
        await Promise.race([sending, patience]);
        clearTimeout(waited);
        expect(outcome.downSend).not.toBe('pending');
        appendFileSync(KAFKAJS_LOG, `send while the broker was down: ${outcome.downSend}\n`);

        await send(producer, topic, after);

        await adminAfter.connect();
        expect(await committedOffsets(adminAfter, groupId, topic)).toEqual(committedBefore);
        const expected = [...before, ...after, ...(outcome.downSend === 'fulfilled' ? [down] : [])];
        const readAll = await consume(kafka, topic, unique('teilhabe-test-group'), expected.length);
        expect(byValue(withoutPlacement(readAll))).toEqual(byValue(expected));
        expectPerPartitionOrder(readAll);
        // The messages from before the restart are the same records at the same places.
        const place = (m: Received) => `${m.partition}/${m.offset}/${m.value}`;
        const kept = readAll.filter((m) => m.headers.batch === 'before');
        expect(kept.map(place).sort()).toEqual(readBefore.map(place).sort());
      } finally {
        // Open connections would keep jest from exiting after a failure.
        await producer.disconnect().catch(() => undefined);
        await admin.disconnect().catch(() => undefined);
        await adminAfter.deleteTopics({ topics: [topic] }).catch(() => undefined);
        await adminAfter.disconnect().catch(() => undefined);
      }
    },
    300_000,
  );
});
