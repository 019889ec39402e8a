/**
 * The relay's bookkeeping under every failure a broker or database can produce, on a real
 * (embedded) event store with a recording sender in place of Kafka: sends that fail before the
 * broker took anything, sends that fail after it took part of the batch, checkpoint writes that
 * fail after the broker acknowledged. Whatever the schedule, every domain event reaches the
 * "topic", the first copy of each is in per-case order, nothing stays behind, and without
 * failures nothing is sent twice. (The real broker is in test/relay.e2e.spec.ts.)
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  openPGliteEventStore,
  type AllPosition,
  type NewEvent,
  type SqlEventStore,
} from '#event-store';
import { HEADERS, type PublishedEvent } from './event-message.js';
import { EventRelay, RelayCheckpoints, type MessageSender } from './relay.js';

type Sent = { key: string; value: string; headers: Record<string, string> };
type Failure = 'none' | 'before-send' | 'partial-send' | 'after-send';

let store: SqlEventStore;
beforeAll(async () => {
  store = await openPGliteEventStore();
});
afterAll(async () => {
  await store.close();
});

function domainEvent(n: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'EmploymentStarted',
    schemaVersion: 1,
    effectiveDate: '2024-03-01',
    data: { n },
    personal: { secret: `geheim-${n}` },
    metadata: { actor: 'cw', correlationId: randomUUID() },
  };
}

/** Checkpoints whose save fails when told to, after the broker has acknowledged. */
class FlakyCheckpoints extends RelayCheckpoints {
  failNextSave = false;
  override async save(name: string, position: AllPosition, published: number) {
    if (this.failNextSave) {
      this.failNextSave = false;
      throw new Error('database gone after the broker acknowledged');
    }
    await super.save(name, position, published);
  }
}

async function relayUntilCaughtUp(
  relay: EventRelay,
  checkpoints: RelayCheckpoints,
  name: string,
  end: AllPosition,
) {
  const controller = new AbortController();
  const running = relay.run(controller.signal);
  for (let i = 0; i < 2_000; i += 1) {
    const at = await checkpoints.load(name);
    if (at.commit === end.commit && at.prepare === end.prepare) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  controller.abort();
  await running;
}

it('publishes every domain event at least once, in per-case order, whatever fails when', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.nat({ max: 4 }), fc.integer({ min: 1, max: 4 })), {
        minLength: 1,
        maxLength: 12,
      }),
      fc.array(
        fc.constantFrom<Failure>('none', 'none', 'before-send', 'partial-send', 'after-send'),
        {
          maxLength: 30,
        },
      ),
      fc.integer({ min: 1, max: 7 }),
      async (appends, failures, batchSize) => {
        const tenant = `jc-${randomUUID().slice(0, 8)}`;
        const name = `test-${tenant}`;
        let n = 0;
        for (const [stream, count] of appends) {
          await store.appendToStream(
            tenant,
            `case-0000000${stream}-0000-4000-8000-000000000000`,
            Array.from({ length: count }, () => domainEvent((n += 1))),
            { expectedVersion: 'any' },
          );
          // The access log lives in $all too, and must stay inside.
          await store.appendToStream(
            tenant,
            'access-log-2026-11',
            [{ ...domainEvent(0), type: 'PersonalDataAccessed' }],
            { expectedVersion: 'any' },
          );
        }
        const { events: all } = await store.readAll({ tenant, maxCount: 10_000 });
        const mine = await store.readAll({ maxCount: 100_000 });
        const end = mine.events.at(-1)!.allPosition;
        const topic: Sent[] = [];
        const schedule = [...failures];
        const checkpoints = new FlakyCheckpoints(store.db);
        await checkpoints.migrate();
        // Start where the other runs' events end, as a relay of this tenant's events only.
        const startAt = all[0]!.allPosition;
        await checkpoints.save(name, { commit: startAt.commit, prepare: startAt.prepare - 1 }, 0);
        const sender: MessageSender = {
          send: async ({ messages }) => {
            const failure = schedule.shift() ?? 'none';
            if (failure === 'before-send') throw new Error('broker unreachable');
            if (failure === 'partial-send') {
              topic.push(...messages.slice(0, Math.ceil(messages.length / 2)));
              throw new Error('connection lost before the acknowledgement');
            }
            topic.push(...messages);
            if (failure === 'after-send') checkpoints.failNextSave = true;
          },
        };
        const relay = new EventRelay(store, checkpoints, () => Promise.resolve(sender), {
          name,
          topic: 't',
          batchSize,
          pollIntervalMs: 1,
          maxBackoffMs: 1,
        });
        await relayUntilCaughtUp(relay, checkpoints, name, end);

        const expected = all.filter((e) => e.type !== 'PersonalDataAccessed');
        const mineInTopic = topic.filter((m) => m.key.startsWith(`${tenant}/`));
        const ids = new Set(mineInTopic.map((m) => m.headers[HEADERS.eventId]));
        // Every domain event arrived; nothing else did.
        expect([...ids].sort()).toEqual(expected.map((e) => e.eventId).sort());
        expect(mineInTopic.some((m) => m.headers[HEADERS.type] === 'PersonalDataAccessed')).toBe(
          false,
        );
        // Personal data never left.
        expect(mineInTopic.some((m) => m.value.includes('geheim'))).toBe(false);
        // The first copy of each event is in version order per key.
        const seen = new Set<string>();
        const lastVersion = new Map<string, number>();
        for (const message of mineInTopic) {
          const event = JSON.parse(message.value) as PublishedEvent;
          if (seen.has(event.eventId)) continue;
          seen.add(event.eventId);
          expect(event.version).toBe((lastVersion.get(message.key) ?? 0) + 1);
          lastVersion.set(message.key, event.version);
        }
        // Without any failure, exactly once.
        if (failures.every((f) => f === 'none')) expect(mineInTopic).toHaveLength(expected.length);
      },
    ),
    { numRuns: 40 },
  );
}, 120_000);

it('moves the checkpoint only forward, and counts what was published', async () => {
  const checkpoints = new RelayCheckpoints(store.db);
  await checkpoints.migrate();
  const name = `forward-${randomUUID()}`;
  await checkpoints.save(name, { commit: 10, prepare: 5 }, 3);
  await checkpoints.save(name, { commit: 9, prepare: 7 }, 2); // a late writer: ignored
  expect(await checkpoints.load(name)).toEqual({ commit: 10, prepare: 5 });
  await checkpoints.save(name, { commit: 10, prepare: 6 }, 2);
  expect(await checkpoints.load(name)).toEqual({ commit: 10, prepare: 6 });
  const [row] = await store.db.query<{ events: string | number }>(
    'SELECT events FROM messaging.relay_checkpoints WHERE name = $1',
    [name],
  );
  expect(Number(row!.events)).toBe(5);
});
