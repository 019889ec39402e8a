/**
 * What the relay tests check against a real broker: writers that record what the store
 * acknowledged, reading the whole topic back, and "nothing lost, per-case order kept,
 * duplicates only as at-least-once allows, no personal data".
 */
import { randomUUID } from 'node:crypto';
import kafkajs from 'kafkajs';
import {
  openPostgresEventStore,
  type AllPosition,
  type NewEvent,
  type SqlEventStore,
} from '#event-store';
import { HEADERS, RelayCheckpoints, type PublishedEvent } from '#messaging';
import { findKafka, type KafkaBroker } from './kafka-broker.mjs';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const { Kafka, logLevel } = kafkajs;

export interface RelaySetup {
  readonly kafka: KafkaBroker;
  readonly database: TestDatabase;
  readonly store: SqlEventStore;
}

/**
 * Registers the test file's beforeAll/afterAll: the broker (findKafka) and a throwaway database
 * with an event store on it. The fields are set once beforeAll ran: read them inside the tests.
 */
export function relaySetup(): RelaySetup {
  const setup: { -readonly [K in keyof RelaySetup]?: RelaySetup[K] } = {};
  beforeAll(async () => {
    setup.kafka = await findKafka();
    setup.database = await createTestDatabase();
    setup.store = await openPostgresEventStore({ connectionString: setup.database.url });
  }, 180_000);
  afterAll(async () => {
    await setup.store?.close();
    await setup.database?.drop();
  });
  return setup as RelaySetup;
}

export interface Acknowledged {
  readonly eventId: string;
  readonly key: string;
  readonly version: number;
}

export function event(type: string, n: number): NewEvent {
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
export async function write(
  store: SqlEventStore,
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

/**
 * The position of the store's last event. `$all` shows only what lies below the oldest
 * transaction still running anywhere on the server (other test files write at the same time),
 * so this waits until it shows every committed row: a relay stopped at an earlier "end" would
 * leave the rest unsent.
 */
export async function storeEnd(store: SqlEventStore): Promise<AllPosition> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [row] = await store.db.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM event_store.events',
    );
    let from: AllPosition | undefined;
    let seen = 0;
    for (;;) {
      const page = await store.readAll({ ...(from ? { from } : {}), maxCount: 5_000 });
      if (page.events.length === 0) break;
      seen += page.events.length;
      from = page.next;
    }
    if (seen >= Number(row?.n ?? 0)) return from!;
    if (Date.now() > deadline) throw new Error(`$all shows ${seen} of ${String(row?.n)} events`);
    await sleep(50);
  }
}

export async function waitForCheckpoint(
  store: SqlEventStore,
  name: string,
  end: AllPosition,
  timeoutMs: number,
) {
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

export interface Consumed {
  readonly key: string;
  readonly partition: number;
  readonly offset: string;
  readonly headers: Record<string, string>;
  readonly value: PublishedEvent;
  readonly raw: string;
}

/** Reads the whole topic with a fresh consumer group, until every expected id has arrived. */
export async function consumeAll(
  brokers: string[],
  topic: string,
  expectedIds: ReadonlySet<string>,
): Promise<Consumed[]> {
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
export function expectDelivered(
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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
