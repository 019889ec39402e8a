/**
 * The event store contract (ARCHITECTURE.md), as one jest suite that every adapter runs:
 * PostgreSQL, embedded PGlite, and KurrentDB wherever one is reachable. An adapter passes
 * only if it behaves exactly like this; adapter-specific tests cover nothing that is here.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  EventIdConflictError,
  InvalidAppendError,
  START,
  WrongExpectedVersionError,
  compareAllPositions,
  type AllPosition,
  type EventStore,
  type ExpectedVersion,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
} from '../event-store.js';
import { verifyStreamChain } from '../hash-chain.js';

export interface StoreUnderTest {
  readonly store: EventStore;
  teardown(): Promise<void>;
}

export interface ConformanceOptions {
  /** Concurrent writers in the catch-up test (PGlite has one connection, so fewer make sense). */
  readonly concurrentWriters: number;
  /** Events appended in the catch-up test. */
  readonly concurrentEvents: number;
}

let sequence = 0;
/** A unique name per call, so tests never see each other's streams. */
export function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}-${Date.now().toString(36)}-${sequence}-${randomUUID().slice(0, 8)}`;
}

export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'SomethingHappened',
    schemaVersion: 1,
    effectiveDate: '2024-03-15',
    data: { value: sequence },
    personal: null,
    metadata: { actor: 'caseworker:anna', correlationId: randomUUID() },
    ...overrides,
  };
}

function events(count: number, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: count }, () => newEvent(overrides));
}

async function readAllOf(store: EventStore, tenant: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let from: AllPosition = START;
  for (;;) {
    const page = await store.readAll({ from, maxCount: 1000, tenant });
    out.push(...page.events);
    if (page.events.length === 0) return out;
    from = page.next;
  }
}

function expectStrictlyIncreasing(positions: readonly AllPosition[]): void {
  for (let i = 1; i < positions.length; i++) {
    if (compareAllPositions(positions[i - 1]!, positions[i]!) >= 0) {
      throw new Error(
        `$all positions not strictly increasing at ${i}: ${JSON.stringify(positions[i - 1])} then ${JSON.stringify(positions[i])}`,
      );
    }
  }
}

export function describeEventStoreConformance(
  adapter: string,
  open: () => Promise<StoreUnderTest>,
  options: ConformanceOptions,
): void {
  describe(`event store conformance: ${adapter}`, () => {
    let subject: StoreUnderTest;
    let store: EventStore;
    let tenant: string;

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });
    afterAll(async () => {
      await subject?.teardown();
    });
    beforeEach(() => {
      tenant = unique('jc');
    });

    describe('expected version', () => {
      it('numbers a new stream from 1 and reports the next expected version', async () => {
        const stream = unique('case');
        const result = await store.appendToStream(tenant, stream, events(3), {
          expectedVersion: 'no-stream',
        });
        expect(result.nextExpectedVersion).toBe(3);
        expect(result.duplicate).toBe(false);
        const read = await store.readStream(tenant, stream);
        expect(read.map((e) => e.version)).toEqual([1, 2, 3]);
        expect(await store.streamVersion(tenant, stream)).toBe(3);
      });

      it('refuses no-stream on an existing stream with the actual version, writing nothing', async () => {
        const stream = unique('case');
        await store.appendToStream(tenant, stream, events(2), { expectedVersion: 'no-stream' });
        await expect(
          store.appendToStream(tenant, stream, events(1), { expectedVersion: 'no-stream' }),
        ).rejects.toMatchObject({ name: 'WrongExpectedVersionError', actualVersion: 2 });
        expect(await store.streamVersion(tenant, stream)).toBe(2);
      });

      it('accepts an exact version only when it is the current one', async () => {
        const stream = unique('case');
        await store.appendToStream(tenant, stream, events(2), { expectedVersion: 0 });
        await expect(
          store.appendToStream(tenant, stream, events(1), { expectedVersion: 1 }),
        ).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(
          store.appendToStream(tenant, stream, events(1), { expectedVersion: 3 }),
        ).rejects.toBeInstanceOf(WrongExpectedVersionError);
        const ok = await store.appendToStream(tenant, stream, events(1), { expectedVersion: 2 });
        expect(ok.nextExpectedVersion).toBe(3);
      });

      it('stream-exists fails on a missing stream and passes on an existing one', async () => {
        const stream = unique('case');
        await expect(
          store.appendToStream(tenant, stream, events(1), { expectedVersion: 'stream-exists' }),
        ).rejects.toMatchObject({ name: 'WrongExpectedVersionError', actualVersion: 0 });
        expect(await store.readStream(tenant, stream)).toEqual([]);
        await store.appendToStream(tenant, stream, events(1), { expectedVersion: 'any' });
        const ok = await store.appendToStream(tenant, stream, events(1), {
          expectedVersion: 'stream-exists',
        });
        expect(ok.nextExpectedVersion).toBe(2);
      });

      it('behaves like a model of the rules for any sequence of appends', async () => {
        const expectedVersion: fc.Arbitrary<ExpectedVersion> = fc.oneof(
          fc.constant('any' as const),
          fc.constant('no-stream' as const),
          fc.constant('stream-exists' as const),
          fc.integer({ min: 0, max: 8 }),
        );
        await fc.assert(
          fc.asyncProperty(
            fc.array(
              fc.record({ expected: expectedVersion, count: fc.integer({ min: 1, max: 3 }) }),
              {
                minLength: 1,
                maxLength: 10,
              },
            ),
            async (operations) => {
              const stream = unique('model');
              let version = 0;
              for (const { expected, count } of operations) {
                const accepted =
                  expected === 'any' ||
                  (expected === 'no-stream' && version === 0) ||
                  (expected === 'stream-exists' && version > 0) ||
                  expected === version;
                const append = store.appendToStream(tenant, stream, events(count), {
                  expectedVersion: expected,
                });
                if (accepted) {
                  expect((await append).nextExpectedVersion).toBe(version + count);
                  version += count;
                } else {
                  await expect(append).rejects.toMatchObject({
                    name: 'WrongExpectedVersionError',
                    actualVersion: version,
                  });
                }
              }
              const read = await store.readStream(tenant, stream);
              expect(read.map((e) => e.version)).toEqual(
                Array.from({ length: version }, (_, i) => i + 1),
              );
            },
          ),
          { numRuns: 40 },
        );
      });

      it('lets exactly one of many racing writers with the same expected version win', async () => {
        const stream = unique('case');
        await store.appendToStream(tenant, stream, events(1), { expectedVersion: 'no-stream' });
        const racers = await Promise.allSettled(
          Array.from({ length: 12 }, () =>
            store.appendToStream(tenant, stream, events(2), { expectedVersion: 1 }),
          ),
        );
        const won = racers.filter((r) => r.status === 'fulfilled');
        const lost = racers.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(11);
        for (const r of lost) expect(r.reason).toBeInstanceOf(WrongExpectedVersionError);
        expect(await store.streamVersion(tenant, stream)).toBe(3);
      });

      it("never loses an 'any' append to a race: all of them land with distinct versions", async () => {
        const stream = unique('case');
        const results = await Promise.all(
          Array.from({ length: 12 }, () =>
            store.appendToStream(tenant, stream, events(1), { expectedVersion: 'any' }),
          ),
        );
        expect(new Set(results.map((r) => r.nextExpectedVersion)).size).toBe(12);
        expect(await store.streamVersion(tenant, stream)).toBe(12);
      });
    });

    describe('atomic appends', () => {
      it('writes a batch with consecutive versions and increasing global positions', async () => {
        const stream = unique('case');
        const batch = events(25);
        await store.appendToStream(tenant, stream, batch, { expectedVersion: 'no-stream' });
        const read = await store.readStream(tenant, stream);
        expect(read.map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
        expect(read.map((e) => e.version)).toEqual(batch.map((_, i) => i + 1));
        expectStrictlyIncreasing(read.map((e) => e.allPosition));
        for (let i = 1; i < read.length; i++) {
          expect(read[i]!.position).toBeGreaterThan(read[i - 1]!.position);
        }
      });

      it('writes none of a batch when one of its events fails in the database', async () => {
        const other = unique('case');
        const taken = newEvent();
        await store.appendToStream(tenant, other, [taken], { expectedVersion: 'no-stream' });
        const stream = unique('case');
        const batch = [
          newEvent(),
          newEvent(),
          { ...newEvent(), eventId: taken.eventId },
          newEvent(),
        ];
        await expect(
          store.appendToStream(tenant, stream, batch, { expectedVersion: 'no-stream' }),
        ).rejects.toBeInstanceOf(EventIdConflictError);
        expect(await store.readStream(tenant, stream)).toEqual([]);
      });

      it('writes none of a batch when one event is invalid, and names the field', async () => {
        const stream = unique('case');
        const batch = [newEvent(), newEvent({ effectiveDate: '2024-02-30' }), newEvent()];
        await expect(
          store.appendToStream(tenant, stream, batch, { expectedVersion: 'any' }),
        ).rejects.toMatchObject({ name: 'InvalidAppendError', field: 'events[1].effectiveDate' });
        expect(await store.streamVersion(tenant, stream)).toBe(0);
      });
    });

    describe('idempotency by event id', () => {
      it('returns the first result for a retried append and writes nothing again', async () => {
        const stream = unique('case');
        const batch = events(3);
        const first = await store.appendToStream(tenant, stream, batch, { expectedVersion: 0 });
        const before = (await readAllOf(store, tenant)).length;
        for (const expectedVersion of [0, 'any', 'no-stream'] as const) {
          const retry = await store.appendToStream(tenant, stream, batch, { expectedVersion });
          expect(retry).toEqual({ ...first, duplicate: true });
        }
        expect(await store.streamVersion(tenant, stream)).toBe(3);
        expect((await readAllOf(store, tenant)).length).toBe(before);
      });

      it('writes a retried append once when the retries race each other', async () => {
        const stream = unique('case');
        const batch = events(2);
        const results = await Promise.all(
          Array.from({ length: 8 }, () =>
            store.appendToStream(tenant, stream, batch, { expectedVersion: 'no-stream' }),
          ),
        );
        expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
        expect(new Set(results.map((r) => r.position)).size).toBe(1);
        expect(await store.streamVersion(tenant, stream)).toBe(2);
      });

      it('refuses an event id reused in another stream or in a different batch', async () => {
        const stream = unique('case');
        const batch = events(2);
        await store.appendToStream(tenant, stream, batch, { expectedVersion: 'no-stream' });
        const elsewhere = unique('case');
        await expect(
          store.appendToStream(tenant, elsewhere, [batch[0]!], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(EventIdConflictError);
        await expect(
          store.appendToStream(tenant, stream, [batch[0]!, newEvent()], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(EventIdConflictError);
        await expect(
          store.appendToStream(tenant, stream, [newEvent(), batch[1]!], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(EventIdConflictError);
        expect(await store.streamVersion(tenant, stream)).toBe(2);
        expect(await store.streamVersion(tenant, elsewhere)).toBe(0);
      });
    });

    describe('reading a stream', () => {
      it('reads forwards and backwards from a version, with a maximum count', async () => {
        const stream = unique('case');
        await store.appendToStream(tenant, stream, events(10), { expectedVersion: 'no-stream' });
        const versions = async (o: Parameters<EventStore['readStream']>[2]) =>
          (await store.readStream(tenant, stream, o)).map((e) => e.version);
        expect(await versions({})).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(await versions({ fromVersion: 4, maxCount: 3 })).toEqual([4, 5, 6]);
        expect(await versions({ direction: 'backwards' })).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
        expect(await versions({ direction: 'backwards', fromVersion: 4 })).toEqual([4, 3, 2, 1]);
        expect(await versions({ direction: 'backwards', maxCount: 2 })).toEqual([10, 9]);
        expect(await versions({ fromVersion: 11 })).toEqual([]);
      });

      it('returns nothing for a stream that does not exist', async () => {
        expect(await store.readStream(tenant, unique('missing'))).toEqual([]);
        expect(await store.streamVersion(tenant, unique('missing'))).toBe(0);
      });
    });

    describe('reading $all', () => {
      it('returns every event once, in one global order, however it is paged', async () => {
        const appended: string[] = [];
        for (let i = 0; i < 6; i++) {
          const batch = events(1 + (i % 3));
          await store.appendToStream(tenant, unique('case'), batch, { expectedVersion: 'any' });
          appended.push(...batch.map((e) => e.eventId));
        }
        const whole = await readAllOf(store, tenant);
        expect(whole.map((e) => e.eventId)).toEqual(appended);
        expectStrictlyIncreasing(whole.map((e) => e.allPosition));
        for (const pageSize of [1, 2, 5]) {
          const paged: string[] = [];
          let from: AllPosition = START;
          for (;;) {
            const page = await store.readAll({ from, maxCount: pageSize, tenant });
            if (page.events.length === 0) break;
            expect(page.events.length).toBeLessThanOrEqual(pageSize);
            paged.push(...page.events.map((e) => e.eventId));
            from = page.next;
          }
          expect(paged).toEqual(appended);
        }
      });

      it('continues after a position without repeating it', async () => {
        const first = events(2);
        const second = events(2);
        const a = await store.appendToStream(tenant, unique('case'), first, {
          expectedVersion: 'any',
        });
        await store.appendToStream(tenant, unique('case'), second, { expectedVersion: 'any' });
        const after = await store.readAll({ from: a.allPosition, tenant });
        expect(after.events.map((e) => e.eventId)).toEqual(second.map((e) => e.eventId));
        expect(after.next).toEqual(after.events.at(-1)!.allPosition);
        const empty = await store.readAll({ from: after.next, tenant });
        expect(empty.events).toEqual([]);
        expect(empty.next).toEqual(after.next);
      });

      it('resolves a global position from a command result to its $all position', async () => {
        const result = await store.appendToStream(tenant, unique('case'), events(3), {
          expectedVersion: 'any',
        });
        expect(await store.resolvePosition(result.position)).toEqual(result.allPosition);
        const {
          events: [first],
        } = await store.readAll({ tenant });
        expect(await store.resolvePosition(first!.position)).toEqual(first!.allPosition);
        expect(await store.resolvePosition(Number.MAX_SAFE_INTEGER)).toBeUndefined();
        expect(await store.resolvePosition(0)).toBeUndefined();
      });

      it('includes every tenant when no tenant is given', async () => {
        const other = unique('jc');
        const mine = newEvent();
        const theirs = newEvent();
        const a = await store.appendToStream(tenant, unique('case'), [mine], {
          expectedVersion: 'any',
        });
        await store.appendToStream(other, unique('case'), [theirs], { expectedVersion: 'any' });
        const before: AllPosition = {
          commit: a.allPosition.commit,
          prepare: a.allPosition.prepare - 1,
        };
        const all = await store.readAll({ from: before, maxCount: 10_000 });
        const ids = all.events.map((e) => e.eventId);
        expect(ids).toContain(mine.eventId);
        expect(ids).toContain(theirs.eventId);
      });
    });

    describe('what every event carries', () => {
      it('round-trips data, personal data and metadata exactly, and adds the store-given fields', async () => {
        const stream = unique('case');
        const correlationId = randomUUID();
        const causationId = randomUUID();
        const written = newEvent({
          eventId: randomUUID().toUpperCase(),
          type: 'EmploymentStarted',
          schemaVersion: 3,
          effectiveDate: '2024-02-29',
          data: {
            kind: 'insured',
            subsidised: true,
            nested: { list: [1, 2.5, -3, 0], empty: {}, flag: false, none: null },
            text: 'Größe – Übergang 💼 "quoted" \\ back',
          },
          personal: { givenName: 'Jürgen', familyName: 'Müller-Lüdenscheidt', income: 2150.75 },
          metadata: {
            actor: 'caseworker:anna',
            correlationId,
            causationId,
            extra: { ip: 'not-stored-in-real-life', n: 1 },
          },
        });
        const before = Date.now();
        const result = await store.appendToStream(tenant, stream, [written], {
          expectedVersion: 'no-stream',
        });
        const after = Date.now();
        const [read] = await store.readStream(tenant, stream);
        expect(read).toBeDefined();
        expect(read).toMatchObject({
          eventId: written.eventId.toLowerCase(),
          type: 'EmploymentStarted',
          schemaVersion: 3,
          effectiveDate: '2024-02-29',
          data: written.data,
          personal: written.personal,
          metadata: written.metadata,
          tenant,
          streamId: stream,
          version: 1,
          position: result.position,
          allPosition: result.allPosition,
        });
        const recordedAt = Date.parse(read!.recordedAt);
        expect(read!.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(recordedAt).toBeGreaterThanOrEqual(before - 1000);
        expect(recordedAt).toBeLessThanOrEqual(after + 1000);
        expect(read!.hash).toMatch(/^[0-9a-f]{64}$/);
      });

      it('round-trips small and large batches alike, whatever the JSON inside', async () => {
        const text = fc.string({ unit: 'grapheme', maxLength: 20 });
        await fc.assert(
          fc.asyncProperty(
            fc.array(
              fc.record({
                data: fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
                personal: fc.option(fc.dictionary(text, fc.oneof(text, fc.integer())), {
                  nil: null,
                }),
              }),
              { minLength: 1, maxLength: 30 },
            ),
            async (parts) => {
              const stream = unique('json');
              // JSON cannot carry -0 or NUL; the store refuses NUL and JSON turns -0 into 0.
              const clean = JSON.parse(
                JSON.stringify(parts).replace(/\\u0000/g, ''),
              ) as typeof parts;
              const written = clean.map((p) =>
                newEvent({ data: p.data as JsonObject, personal: p.personal as JsonObject | null }),
              );
              await store.appendToStream(tenant, stream, written, { expectedVersion: 'no-stream' });
              const read = await store.readStream(tenant, stream);
              expect(read.map((e) => [e.eventId, e.data, e.personal])).toEqual(
                written.map((e) => [e.eventId, e.data, e.personal ?? null]),
              );
              expect(verifyStreamChain(read).ok).toBe(true);
            },
          ),
          { numRuns: 30 },
        );
      });

      it('keeps personal data apart: absent or null personal data reads back as null', async () => {
        const stream = unique('case');
        const { personal: _omit, ...withoutPersonal } = newEvent();
        await store.appendToStream(
          tenant,
          stream,
          [withoutPersonal, newEvent({ personal: null })],
          {
            expectedVersion: 'any',
          },
        );
        const read = await store.readStream(tenant, stream);
        expect(read.map((e) => e.personal)).toEqual([null, null]);
      });

      it('chains every stream with hashes anyone can recompute, and a change breaks the chain', async () => {
        const stream = unique('case');
        await store.appendToStream(tenant, stream, events(3), { expectedVersion: 'no-stream' });
        await store.appendToStream(tenant, stream, events(12), { expectedVersion: 3 });
        const read = await store.readStream(tenant, stream);
        const verdict = verifyStreamChain(read);
        expect(verdict).toMatchObject({ ok: true, events: 15, head: read[14]!.hash });
        const changed = read.map((e, i) =>
          i === 2 ? { ...e, data: { ...e.data, value: -1 } } : e,
        );
        expect(verifyStreamChain(changed)).toMatchObject({ ok: false, version: 3 });
        const dropped = read.filter((_, i) => i !== 1);
        expect(verifyStreamChain(dropped)).toMatchObject({ ok: false, version: 3 });
        const swapped = [read[0]!, read[2]!, read[1]!, ...read.slice(3)];
        expect(verifyStreamChain(swapped)).toMatchObject({ ok: false, version: 3 });
      });
    });

    describe('tenant isolation', () => {
      it('keeps the same stream id of two Jobcenters apart', async () => {
        const other = unique('jc');
        const stream = unique('case');
        await store.appendToStream(tenant, stream, events(2), { expectedVersion: 'no-stream' });
        expect(await store.readStream(other, stream)).toEqual([]);
        expect(await store.streamVersion(other, stream)).toBe(0);
        await store.appendToStream(other, stream, events(1), { expectedVersion: 'no-stream' });
        expect((await store.readStream(tenant, stream)).map((e) => e.tenant)).toEqual([
          tenant,
          tenant,
        ]);
        expect((await store.readStream(other, stream)).map((e) => e.tenant)).toEqual([other]);
      });

      it("reads only the asked tenant's events from $all", async () => {
        const other = unique('jc');
        await store.appendToStream(other, unique('case'), events(3), { expectedVersion: 'any' });
        await store.appendToStream(tenant, unique('case'), events(2), { expectedVersion: 'any' });
        const mine = await readAllOf(store, tenant);
        expect(mine).toHaveLength(2);
        expect(mine.every((e) => e.tenant === tenant)).toBe(true);
      });
    });

    describe('bad input', () => {
      const cases: [string, () => Promise<unknown>, string][] = [
        [
          'an empty append',
          () => store.appendToStream(tenant, unique('s'), [], { expectedVersion: 'any' }),
          'events',
        ],
        [
          'a bad tenant',
          () =>
            store.appendToStream('Not A Tenant', unique('s'), events(1), {
              expectedVersion: 'any',
            }),
          'tenant',
        ],
        [
          'a bad stream id',
          () => store.appendToStream(tenant, 'has space', events(1), { expectedVersion: 'any' }),
          'streamId',
        ],
        [
          'a bad expected version',
          () => store.appendToStream(tenant, unique('s'), events(1), { expectedVersion: -1 }),
          'expectedVersion',
        ],
        [
          'a non-UUID event id',
          () =>
            store.appendToStream(tenant, unique('s'), [newEvent({ eventId: 'x' })], {
              expectedVersion: 'any',
            }),
          'events[0].eventId',
        ],
        [
          'a repeated event id',
          () => {
            const e = newEvent();
            return store.appendToStream(tenant, unique('s'), [e, e], { expectedVersion: 'any' });
          },
          'events[1].eventId',
        ],
        [
          'a schema version 0',
          () =>
            store.appendToStream(tenant, unique('s'), [newEvent({ schemaVersion: 0 })], {
              expectedVersion: 'any',
            }),
          'events[0].schemaVersion',
        ],
        [
          'an impossible date',
          () =>
            store.appendToStream(tenant, unique('s'), [newEvent({ effectiveDate: '2023-02-29' })], {
              expectedVersion: 'any',
            }),
          'events[0].effectiveDate',
        ],
        [
          'data that is an array',
          () =>
            store.appendToStream(tenant, unique('s'), [newEvent({ data: [] as never })], {
              expectedVersion: 'any',
            }),
          'events[0].data',
        ],
        [
          'a lone surrogate',
          () =>
            store.appendToStream(tenant, unique('s'), [newEvent({ data: { t: 'a\ud800b' } })], {
              expectedVersion: 'any',
            }),
          'events[0].data',
        ],
        [
          'a NUL character',
          () =>
            store.appendToStream(tenant, unique('s'), [newEvent({ data: { t: 'a\u0000b' } })], {
              expectedVersion: 'any',
            }),
          'events[0].data',
        ],
        [
          'metadata without actor',
          () =>
            store.appendToStream(
              tenant,
              unique('s'),
              [newEvent({ metadata: { actor: '', correlationId: 'c' } })],
              { expectedVersion: 'any' },
            ),
          'events[0].metadata.actor',
        ],
      ];
      it.each(cases)(
        'refuses %s, naming the field, and writes nothing',
        async (_, append, field) => {
          await expect(append()).rejects.toMatchObject({ name: 'InvalidAppendError', field });
          expect(await readAllOf(store, tenant)).toEqual([]);
        },
      );

      it('refuses every generated malformed event and writes nothing', async () => {
        const stream = unique('fuzz');
        const malformed = fc.oneof(
          fc.record({ eventId: fc.string().filter((s) => !/^[0-9a-f-]{36}$/i.test(s)) }),
          fc.record({ effectiveDate: fc.string().filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)) }),
          fc.record({
            schemaVersion: fc.oneof(
              fc.integer({ max: 0 }),
              fc.double().filter((d) => !Number.isSafeInteger(d)),
            ),
          }),
          fc.record({ type: fc.constantFrom('', ' x', '1abc', 'a'.repeat(101)) }),
          fc.record({ data: fc.constantFrom(null, [], 'text', 42) }),
        );
        await fc.assert(
          fc.asyncProperty(malformed, fc.nat({ max: 3 }), async (broken, at) => {
            const batch = events(4);
            batch[at] = { ...batch[at]!, ...(broken as Partial<NewEvent>) };
            await expect(
              store.appendToStream(tenant, stream, batch, { expectedVersion: 'any' }),
            ).rejects.toBeInstanceOf(InvalidAppendError);
          }),
          { numRuns: 200 },
        );
        expect(await store.streamVersion(tenant, stream)).toBe(0);
      });
    });

    describe('catch-up subscription', () => {
      it('delivers what exists, then what is appended later, and stops when aborted', async () => {
        const stream = unique('case');
        const before = events(3);
        const later = events(2);
        await store.appendToStream(tenant, stream, before, { expectedVersion: 'no-stream' });
        const controller = new AbortController();
        const seen: string[] = [];
        const consuming = (async () => {
          for await (const batch of store.subscribeToAll({ tenant, signal: controller.signal })) {
            seen.push(...batch.map((e) => e.eventId));
            if (seen.length === 3) {
              await store.appendToStream(tenant, stream, later, { expectedVersion: 3 });
            }
            if (seen.length >= 5) controller.abort();
          }
        })();
        await consuming;
        expect(seen).toEqual([...before, ...later].map((e) => e.eventId));
      });

      it('never skips or repeats an event while many writers append concurrently', async () => {
        const { concurrentWriters, concurrentEvents } = options;
        const streams = Array.from({ length: 40 }, () => unique('race'));
        const acknowledged = new Set<string>();
        let remaining = concurrentEvents;

        const writer = async (seed: number) => {
          const random = mulberry32(seed);
          while (remaining > 0) {
            const size = Math.min(remaining, random() < 0.7 ? 1 : 1 + Math.floor(random() * 5));
            remaining -= size;
            const batch = events(size);
            const stream = streams[Math.floor(random() * streams.length)]!;
            if (random() < 0.5) {
              await store.appendToStream(tenant, stream, batch, { expectedVersion: 'any' });
            } else {
              // Optimistic concurrency as a command handler does it: read, decide, append, retry.
              for (;;) {
                const version = await store.streamVersion(tenant, stream);
                try {
                  await store.appendToStream(tenant, stream, batch, { expectedVersion: version });
                  break;
                } catch (error) {
                  if (!(error instanceof WrongExpectedVersionError)) throw error;
                }
              }
            }
            for (const e of batch) acknowledged.add(e.eventId.toLowerCase());
          }
        };

        // A consumer that stores its checkpoint with its effect and "crashes" every few batches.
        const delivered: RecordedEvent[] = [];
        let checkpoint: AllPosition = START;
        let writing = true;
        const consumer = async () => {
          let restarts = 0;
          while (writing) {
            let batches = 0;
            for await (const batch of store.subscribeToAll({
              from: checkpoint,
              tenant,
              batchSize: 37,
              pollIntervalMs: 5,
            })) {
              delivered.push(...batch);
              checkpoint = batch.at(-1)!.allPosition;
              batches += 1;
              if (batches === 5 || !writing) break;
            }
            restarts += 1;
          }
          // Writers are done: catch up to the end. A skipped event never arrives, so the wait
          // is bounded, and the comparison below then says how many are missing.
          const deadline = Date.now() + 60_000;
          while (delivered.length < acknowledged.size && Date.now() < deadline) {
            const page = await store.readAll({ from: checkpoint, tenant, maxCount: 1000 });
            delivered.push(...page.events);
            checkpoint = page.next;
            if (page.events.length === 0) await new Promise((r) => setTimeout(r, 20));
          }
          return restarts;
        };

        const consuming = consumer();
        await Promise.all(Array.from({ length: concurrentWriters }, (_, i) => writer(i + 1)));
        writing = false;
        const restarts = await consuming;

        const ids = delivered.map((e) => e.eventId);
        const seenIds = new Set(ids);
        const missing = [...acknowledged].filter((id) => !seenIds.has(id)).length;
        expect({ missing, repeated: ids.length - seenIds.size }).toEqual({
          missing: 0,
          repeated: 0,
        });
        expect(ids.length).toBe(concurrentEvents);
        expect(new Set(ids)).toEqual(acknowledged);
        expectStrictlyIncreasing(delivered.map((e) => e.allPosition));
        const versionsByStream = new Map<string, number[]>();
        for (const e of delivered) {
          const seen = versionsByStream.get(e.streamId) ?? [];
          seen.push(e.version);
          versionsByStream.set(e.streamId, seen);
        }
        for (const [stream, versions] of versionsByStream) {
          expect({ stream, versions }).toEqual({
            stream,
            versions: versions.map((_, i) => i + 1),
          });
        }
        expect(restarts).toBeGreaterThan(1);
      }, 180_000);
    });
  });
}

/** A small seeded PRNG so each writer's choices are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
