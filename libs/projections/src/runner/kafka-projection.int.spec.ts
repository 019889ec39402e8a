/**
 * The exactly-once core of the Kafka projector on real PostgreSQL, without a broker: one
 * partition's messages (generated histories, encoded as the relay encodes them, with suffixes
 * published twice as after a relay crash) are applied by several concurrent "instances" that
 * fetch from wherever they believe the partition stands (stale beliefs like a zombie after a
 * rebalance, beliefs ahead of the read model), in chunks of any size, while some transactions
 * die before their commit. Whatever the schedule, the read model must equal one clean in-order
 * application of the events, and the stored offset must be the partition's end.
 */
import fc from 'fast-check';
import { upcast } from '#domain';
import { PostgresDatabase, type RecordedEvent } from '#event-store';
import { toMessage } from '#messaging';
import { caseRef } from '../statistics/person-keys.js';
import { StatisticsProjection } from '../statistics/statistics.projection.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { readModelRows } from '../../../../test/support/read-model.js';
import {
  asRecorded,
  caseHistory,
  caseSpec,
  programmeHistory,
  type CaseSpec,
} from '../statistics/testing/histories.js';
import { KafkaProjection, StreamGapError, type PartitionMessage } from './kafka-projection.js';

let database: TestDatabase;
let db: PostgresDatabase;
const projection = new StatisticsProjection();

/**
 * Kafka never carries the person key: the worker looks it up in the event store (CasePersonKeys,
 * tested on a real store in libs/cases). Here the store is the generated events themselves.
 */
function fromEnrolments(events: readonly RecordedEvent[]): StatisticsProjection {
  const keys = new Map<string, string | null>();
  for (const e of events) {
    if (e.type !== 'ClientEnrolled') continue;
    const enrolled = upcast(e);
    if (enrolled.type === 'ClientEnrolled')
      keys.set(caseRef(e.tenant, enrolled.data.caseId), enrolled.data.personKey);
  }
  return new StatisticsProjection({
    personKeys: {
      personKeys: async (cases) => cases.map((c) => keys.get(caseRef(c.tenant, c.caseId)) ?? null),
    },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = new PostgresDatabase({ connectionString: database.url, maxConnections: 8 });
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

/** Two Jobcenters' streams, interleaved in a seeded order, as one partition holds them. */
function partitionEvents(run: number, specs: readonly CaseSpec[], seed: number) {
  const streams: RecordedEvent[][] = [];
  for (const tenant of [`ta${run}`, `tb${run}`]) {
    const programmes = programmeHistory(tenant);
    programmes.forEach((p) =>
      streams.push(asRecorded(tenant, `programme-${p.events[0]!.data.year}`, p.events)),
    );
    specs.forEach((spec, i) =>
      streams.push(asRecorded(tenant, `case-c${i}`, caseHistory(`c${i}`, spec, programmes))),
    );
  }
  const order: RecordedEvent[] = [];
  const queues = streams.filter((s) => s.length > 0).map((s) => [...s]);
  let draw = seed >>> 0;
  while (queues.length > 0) {
    draw = (draw * 1103515245 + 12345) >>> 0;
    const i = draw % queues.length;
    order.push(queues[i]!.shift()!);
    if (queues[i]!.length === 0) queues.splice(i, 1);
  }
  return order;
}

const schedule = fc.record({
  specs: fc.array(caseSpec, { minLength: 3, maxLength: 8 }),
  seed: fc.integer(),
  /** After which message a suffix of which length is published again. */
  resends: fc.array(fc.record({ after: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }), {
    maxLength: 4,
  }),
  instances: fc.array(
    fc.array(
      fc.record({
        /** How the instance picks where it fetches from. */
        belief: fc.constantFrom('own', 'own', 'stored', 'stale', 'ahead'),
        size: fc.integer({ min: 1, max: 25 }),
        crash: fc.boolean(),
      }),
      { minLength: 5, maxLength: 40 },
    ),
    { minLength: 2, maxLength: 3 },
  ),
});

let run = 0;

it('applies every message exactly once, whoever fetches what and whatever dies', async () => {
  let behind = 0;
  let alreadyApplied = 0;
  let crashes = 0;
  await fc.assert(
    fc.asyncProperty(schedule, async ({ specs, seed, resends, instances }) => {
      run += 1;
      const events = partitionEvents(run, specs, seed);
      const values = events.map((e) => toMessage(e)!.value);
      // Relay crashes: a suffix of what the partition has is published again.
      const published = [...values];
      for (const { after, length } of resends) {
        const at = Math.min(after % (published.length + 1), published.length);
        published.splice(at, 0, ...published.slice(Math.max(0, at - length), at));
      }
      const messages: PartitionMessage[] = published.map((value, offset) => ({
        offset: String(offset),
        value,
      }));
      const schema = `kp_${run}`;
      const kafka = new KafkaProjection(db, fromEnrolments(events), {
        schema,
        groupId: 'g',
        topic: 't',
      });
      await kafka.prepare();
      const end = BigInt(messages.length);
      const stored = async () => (await kafka.storedOffsets()).get(0) ?? 0n;

      await Promise.all(
        instances.map(async (steps) => {
          let own = 0n;
          for (let i = 0; (await stored()) < end; i++) {
            // After its schedule an instance behaves, so that every run ends.
            const step = steps[i] ?? { belief: 'stored', size: 25, crash: false };
            const current = await stored();
            const from =
              step.belief === 'own'
                ? own
                : step.belief === 'stored'
                  ? current
                  : step.belief === 'stale'
                    ? current - BigInt(Math.min(Number(current), step.size))
                    : current + 1n;
            const chunk = messages.slice(Number(from), Number(from) + step.size);
            try {
              const outcome = await kafka.applyChunk(0, from, chunk, async () => {
                if (step.crash) throw new Error('killed before the commit');
              });
              if (outcome.kind === 'behind') {
                behind += 1;
                own = outcome.storedOffset;
              } else {
                alreadyApplied += outcome.alreadyApplied;
                own = from + BigInt(chunk.length);
              }
            } catch (error) {
              if ((error as Error).message !== 'killed before the commit') throw error;
              crashes += 1;
              own = await stored(); // a restarted instance seeks to the stored offset
            }
          }
        }),
      );
      expect(await stored()).toBe(end);

      const clean = `kp_clean_${run}`;
      await db.transaction(async (tx) => {
        await projection.createSchema(tx, clean);
        await projection.apply(events, tx, clean);
      });
      expect(await readModelRows(db, schema)).toEqual(await readModelRows(db, clean));
      const [row] = await db.query<{ events: string; duplicates: string }>(
        `SELECT events::text, duplicates::text FROM ${schema}.kafka_offsets`,
      );
      expect({ events: Number(row!.events), duplicates: Number(row!.duplicates) }).toEqual({
        events: events.length,
        duplicates: published.length - values.length,
      });
    }),
    { numRuns: 25 },
  );
  // The schedules really exercised the checks.
  expect(behind).toBeGreaterThan(10);
  expect(alreadyApplied).toBeGreaterThan(10);
  expect(crashes).toBeGreaterThan(10);
}, 300_000);

it('stops at a missing version instead of projecting without it', async () => {
  const history = fc
    .sample(caseSpec, { seed: 1, numRuns: 50 })
    .map((spec) => caseHistory('c0', spec, []))
    .find((h) => h.length > 2)!;
  const events = asRecorded('tgap', 'case-c0', history);
  const kafka = new KafkaProjection(db, projection, { schema: 'kp_gap', groupId: 'g', topic: 't' });
  await kafka.prepare();
  const withoutSecond = [events[0]!, ...events.slice(2)].map((e, offset) => ({
    offset: String(offset),
    value: toMessage(e)!.value,
  }));
  await expect(kafka.applyChunk(0, 0n, withoutSecond)).rejects.toThrow(StreamGapError);
  await expect(kafka.applyChunk(0, 0n, withoutSecond)).rejects.toThrow(
    /t\/0@1: tgap\/case-c0 version 3 follows version 1/,
  );
  // Nothing of the chunk was kept: no offset, no case.
  expect((await kafka.storedOffsets()).get(0) ?? 0n).toBe(0n);
  expect(await db.query('SELECT 1 FROM kp_gap.cases')).toEqual([]);
});

it('refuses a schema that the polling runner or another group feeds', async () => {
  await db.transaction(async (tx) => {
    await projection.createSchema(tx, 'kp_polled');
    await tx.query(
      `INSERT INTO kp_polled.checkpoint (projection, commit, prepare, version) VALUES ('statistics', 0, 0, 1)`,
    );
  });
  await expect(
    new KafkaProjection(db, projection, {
      schema: 'kp_polled',
      groupId: 'g',
      topic: 't',
    }).prepare(),
  ).rejects.toThrow(/schema kp_polled is fed by the polling projection runner/);

  const first = new KafkaProjection(db, projection, {
    schema: 'kp_owned',
    groupId: 'g1',
    topic: 't',
  });
  await first.prepare();
  await first.applyChunk(3, 0n, []);
  await expect(
    new KafkaProjection(db, projection, {
      schema: 'kp_owned',
      groupId: 'g2',
      topic: 't',
    }).prepare(),
  ).rejects.toThrow(/schema kp_owned is fed by consumer group g1 on topic t/);
});

it('names the field of a malformed message', async () => {
  const kafka = new KafkaProjection(db, projection, { schema: 'kp_bad', groupId: 'g', topic: 't' });
  await kafka.prepare();
  const good = JSON.parse(
    toMessage(asRecorded('tbad', 'programme-2024', programmeHistory('tbad')[0]!.events)[0]!)!.value,
  ) as Record<string, unknown>;
  const cases: [unknown, RegExp][] = [
    ['not json', /t\/0@0: value is not JSON/],
    [JSON.stringify({ ...good, version: 0 }), /version must be a whole number from 1/],
    [JSON.stringify({ ...good, tenant: '' }), /tenant must be a non-empty string/],
    [JSON.stringify({ ...good, data: [] }), /data must be an object/],
    [JSON.stringify({ ...good, effectiveDate: '1.1.2024' }), /effectiveDate must be a day/],
  ];
  for (const [value, error] of cases) {
    await expect(
      kafka.applyChunk(0, 0n, [{ offset: '0', value: value as string }]),
    ).rejects.toThrow(error);
  }
  // A type this code does not know is skipped, but its offset and version count as seen.
  const unknown = JSON.stringify({ ...good, type: 'SomethingNew' });
  const outcome = await kafka.applyChunk(0, 0n, [{ offset: '0', value: unknown }]);
  expect(outcome).toMatchObject({ kind: 'applied', events: 0, nextOffset: 1n });
});
