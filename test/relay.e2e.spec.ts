/**
 * The relay against a real Kafka broker (deploy/kafka, or KAFKA_BROKERS) and real PostgreSQL:
 * the broker is stopped and started again while events flow, the relay process is killed with
 * SIGKILL mid-batch again and again; afterwards every acknowledged event is in the topic, the
 * first copy of each in per-case order, duplicates only as at-least-once allows, and a consumer
 * that deduplicates by the event id header sees each exactly once. An independent client (kcat,
 * librdkafka) reads the same topic, so the wire format is plain Kafka.
 */
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import kafkajs from 'kafkajs';
import {
  openPostgresEventStore,
  type AllPosition,
  type NewEvent,
  type SqlEventStore,
} from '#event-store';
import { HEADERS, RelayCheckpoints, type PublishedEvent } from '#messaging';
import { startRelay } from '../apps/relay/src/relay-service.js';
import { findKafka, startLocalKafka, stopLocalKafka } from './support/kafka-broker.mjs';
import { ROOT_DIR } from './support/paths.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const run = promisify(execFile);
const { Kafka, logLevel } = kafkajs;

let database: TestDatabase;
let store: SqlEventStore;
let brokers: string[];
let local: boolean;

beforeAll(async () => {
  const kafka = await findKafka();
  brokers = kafka.brokers;
  local = kafka.source === 'local';
  database = await createTestDatabase();
  store = await openPostgresEventStore({ connectionString: database.url });
}, 180_000);
afterAll(async () => {
  await store?.close();
  await database?.drop();
});

interface Acknowledged {
  readonly eventId: string;
  readonly key: string;
  readonly version: number;
}

function event(type: string, n: number): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    effectiveDate: '2024-05-02',
    data: {
      n,
      kind: 'insured',
      subsidised: false,
      startedOn: '2024-05-02',
      employmentId: randomUUID(),
    },
    personal: { monthlyGrossIncome: 2345.67, note: `geheim-${n}` },
    metadata: { actor: 'anna.schmidt', correlationId: randomUUID() },
  };
}

/**
 * Writers appending single events to a few cases of one Jobcenter, each with its exact expected
 * version; only what the store acknowledged is recorded. The access log is written as well.
 */
async function write(
  tenant: string,
  total: number,
  acknowledged: Acknowledged[],
  options: { writers?: number; pauseMs?: number; stop?: () => boolean } = {},
): Promise<void> {
  const cases = Array.from({ length: 12 }, () => `case-${randomUUID()}`);
  let next = 0;
  const writer = async (w: number) => {
    while (next < total && !options.stop?.()) {
      const n = (next += 1);
      const streamId = cases[(n * 7 + w) % cases.length]!;
      for (;;) {
        const version = await store.streamVersion(tenant, streamId);
        const e = event('EmploymentStarted', n);
        try {
          await store.appendToStream(tenant, streamId, [e], { expectedVersion: version });
          acknowledged.push({
            eventId: e.eventId,
            key: `${tenant}/${streamId}`,
            version: version + 1,
          });
          break;
        } catch {
          // another writer took this version: read again and retry
        }
      }
      if (n % 10 === 0) {
        await store.appendToStream(
          tenant,
          'access-log-2026-11',
          [{ ...event('PersonalDataAccessed', n), data: { caseId: streamId } }],
          { expectedVersion: 'any' },
        );
      }
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  };
  await Promise.all(Array.from({ length: options.writers ?? 4 }, (_, w) => writer(w)));
}

async function storeEnd(): Promise<AllPosition> {
  let from: AllPosition | undefined;
  for (;;) {
    const page = await store.readAll({ ...(from ? { from } : {}), maxCount: 5_000 });
    if (page.events.length === 0) return from!;
    from = page.next;
  }
}

async function waitForCheckpoint(name: string, end: AllPosition, timeoutMs: number) {
  const checkpoints = new RelayCheckpoints(store.db);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const at = await checkpoints.load(name).catch(() => undefined);
    if (at && at.commit === end.commit && at.prepare === end.prepare) return;
    if (Date.now() > deadline) {
      throw new Error(
        `relay checkpoint ${JSON.stringify(at)} did not reach ${JSON.stringify(end)}`,
      );
    }
    await sleep(100);
  }
}

interface Consumed {
  readonly key: string;
  readonly partition: number;
  readonly offset: string;
  readonly headers: Record<string, string>;
  readonly value: PublishedEvent;
  readonly raw: string;
}

/** Reads the whole topic with a fresh consumer group, until every expected id has arrived. */
async function consumeAll(topic: string, expectedIds: ReadonlySet<string>): Promise<Consumed[]> {
  const kafka = new Kafka({ clientId: 'test-consumer', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `test-${randomUUID()}` });
  const messages: Consumed[] = [];
  const seen = new Set<string>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let done!: () => void;
  const complete = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
      );
      const raw = message.value!.toString('utf8');
      messages.push({
        key: message.key!.toString('utf8'),
        partition,
        offset: message.offset,
        headers,
        value: JSON.parse(raw) as PublishedEvent,
        raw,
      });
      seen.add(headers[HEADERS.eventId]!);
      if ([...expectedIds].every((id) => seen.has(id))) done();
      return Promise.resolve();
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), 90_000);
  });
  const outcome = await Promise.race([complete.then(() => 'complete' as const), timeout]);
  clearTimeout(timer);
  await sleep(500); // let a few late duplicates in, if any
  await consumer.disconnect();
  if (outcome === 'timeout') {
    const missing = [...expectedIds].filter((id) => !seen.has(id));
    throw new Error(`${missing.length} of ${expectedIds.size} events never arrived in ${topic}`);
  }
  return messages;
}

/** Checks everything "nothing lost, order kept, duplicates only as allowed" means. */
function expectDelivered(
  all: readonly Consumed[],
  acknowledged: readonly Acknowledged[],
  tenant: string,
) {
  const expected = new Map(acknowledged.map((a) => [a.eventId, a]));
  // The relay publishes every Jobcenter; this test looks at its own.
  const messages = all.filter((m) => m.headers[HEADERS.tenant] === tenant);
  // Only domain events left the building, and no personal data with them.
  for (const m of messages) {
    expect(m.headers[HEADERS.type]).not.toBe('PersonalDataAccessed');
    expect(m.raw).not.toContain('geheim');
    expect(m.raw).not.toContain('2345.67');
    expect(m.value.eventId).toBe(m.headers[HEADERS.eventId]);
    expect(m.key).toBe(`${m.value.tenant}/${m.value.streamId}`);
  }
  // A consumer that deduplicates by the event id sees each event exactly once.
  const deduplicated = new Map<string, Consumed>();
  for (const m of messages)
    if (!deduplicated.has(m.headers[HEADERS.eventId]!))
      deduplicated.set(m.headers[HEADERS.eventId]!, m);
  expect([...deduplicated.keys()].sort()).toEqual([...expected.keys()].sort());
  // One case, one partition; within it, the first copies are in version order without gaps.
  const partitionOf = new Map<string, number>();
  const lastVersion = new Map<string, number>();
  const byPartition = [...messages].sort(
    (a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
  );
  const firstSeen = new Set<string>();
  for (const m of byPartition) {
    expect(partitionOf.get(m.key) ?? m.partition).toBe(m.partition);
    partitionOf.set(m.key, m.partition);
    if (firstSeen.has(m.value.eventId)) continue; // a duplicate: at-least-once
    firstSeen.add(m.value.eventId);
    expect(m.value.version).toBe((lastVersion.get(m.key) ?? 0) + 1);
    expect(m.value.version).toBe(expected.get(m.value.eventId)!.version);
    lastVersion.set(m.key, m.value.version);
  }
  return { duplicates: messages.length - deduplicated.size };
}

it('loses nothing while the broker is stopped and started again as events flow', async () => {
  expect(local).toBe(true); // stopping the broker needs the local one (deploy/kafka)
  const topic = `teilhabe.events.test-${randomUUID().slice(0, 8)}`;
  const tenant = 'jc-restart';
  const relay = await startRelay({
    databaseUrl: database.url,
    brokers,
    topic,
    partitions: 3,
    clientId: 'test-relay',
    batchSize: 50,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
  });
  const acknowledged: Acknowledged[] = [];
  try {
    let stopWriting = false;
    const writing = write(tenant, 100_000, acknowledged, {
      writers: 3,
      pauseMs: 10,
      stop: () => stopWriting,
    });
    while (acknowledged.length < 150) await sleep(50);
    await stopLocalKafka(() => undefined);
    const duringOutage = acknowledged.length;
    await sleep(3_000);
    expect(acknowledged.length).toBeGreaterThan(duringOutage); // commands went on meanwhile
    const health = await fetch(`http://127.0.0.1:${relay.port}/health`);
    expect(health.status).toBe(503); // the relay says it cannot publish
    await startLocalKafka(() => undefined);
    await sleep(2_000);
    stopWriting = true;
    await writing;
    await waitForCheckpoint(topic, await storeEnd(), 120_000);
    expect((await fetch(`http://127.0.0.1:${relay.port}/health`)).status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${relay.port}/metrics`)).text();
    expect(metrics).toMatch(/teilhabe_relay_failures_total [1-9]/);
  } finally {
    await relay.stop();
  }
  const messages = await consumeAll(topic, new Set(acknowledged.map((a) => a.eventId)));
  const { duplicates } = expectDelivered(messages, acknowledged, tenant);
  console.log(`[relay] broker restart: ${acknowledged.length} events, ${duplicates} duplicates`);
}, 300_000);

it('loses nothing when the relay process is killed mid-batch again and again', async () => {
  const topic = `teilhabe.events.test-${randomUUID().slice(0, 8)}`;
  const acknowledged: Acknowledged[] = [];
  await write('jc-kill', 4_000, acknowledged, { writers: 4 });
  const end = await storeEnd();
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_TOPIC: topic,
    KAFKA_TOPIC_PARTITIONS: '4',
    RELAY_BATCH_SIZE: '10',
    PORT: '0',
    LOG_LEVEL: 'silent',
    CI: 'true',
  };
  const cli = join(ROOT_DIR, 'node_modules', '.bin', 'teilhabe');
  await run(cli, ['--help'], { env }); // builds the CLI once, if needed
  const checkpoints = new RelayCheckpoints(store.db);
  let midway = 0;
  for (let attempt = 0; attempt < 12 && midway < 3; attempt++) {
    const child = spawn(cli, ['relay'], { env, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await sleep(1_500 + ((attempt * 313) % 1_000));
    child.kill('SIGKILL');
    await exited;
    const at = await checkpoints.load(topic).catch(() => undefined);
    if (at && at.prepare > 0 && (at.commit !== end.commit || at.prepare !== end.prepare))
      midway += 1;
  }
  expect(midway).toBeGreaterThanOrEqual(2); // killed while it was part-way through
  const last = spawn(cli, ['relay'], { env, stdio: 'ignore' });
  const lastExited = new Promise<void>((resolve) => last.on('exit', () => resolve()));
  try {
    await waitForCheckpoint(topic, end, 120_000);
  } finally {
    last.kill('SIGTERM');
    await lastExited;
  }
  const messages = await consumeAll(topic, new Set(acknowledged.map((a) => a.eventId)));
  const { duplicates } = expectDelivered(messages, acknowledged, 'jc-kill');
  console.log(
    `[relay] ${midway} kills mid-way: ${acknowledged.length} events, ${duplicates} duplicates`,
  );

  // An independent client reads the same topic: plain Kafka, JSON values, our headers.
  await run(join(ROOT_DIR, 'deploy', 'tools', 'ensure-kcat.sh'), [], { env });
  const { stdout } = await run(
    'kcat',
    ['-C', '-b', brokers[0]!, '-t', topic, '-o', 'beginning', '-e', '-q', '-J'],
    { maxBuffer: 256 * 1024 * 1024, env },
  );
  const records = stdout
    .trim()
    .split('\n')
    .map(
      (line) =>
        JSON.parse(line) as {
          key: string;
          payload: string;
          partition: number;
          headers?: string[];
        },
    );
  expect(records).toHaveLength(messages.length);
  const ids = new Set<string>();
  for (const record of records) {
    const value = JSON.parse(record.payload) as PublishedEvent;
    expect(record.key).toBe(`${value.tenant}/${value.streamId}`);
    // kcat prints headers as a flat [name, value, name, value, ...] list.
    const headers = new Map<string, string>();
    for (let i = 0; i + 1 < (record.headers ?? []).length; i += 2) {
      headers.set(record.headers![i]!, record.headers![i + 1]!);
    }
    expect(headers.get(HEADERS.eventId)).toBe(value.eventId);
    expect(headers.get(HEADERS.type)).toBe(value.type);
    expect(headers.get(HEADERS.tenant)).toBe(value.tenant);
    if (value.tenant === 'jc-kill') ids.add(value.eventId);
  }
  expect([...ids].sort()).toEqual(acknowledged.map((a) => a.eventId).sort());
}, 400_000);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
