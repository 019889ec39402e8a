import { describeEventStoreConformance, newEvent } from '../conformance/event-store.conformance.js';
import { verifyStreamChain } from '../hash-chain.js';
import { InMemoryEventStore } from './in-memory-event-store.js';

describeEventStoreConformance(
  'in memory (no database)',
  async () => {
    const store = new InMemoryEventStore();
    return { store, teardown: () => store.close() };
  },
  // Appends are decided one at a time in one process: as many writers as the server adapter.
  { concurrentWriters: 16, concurrentEvents: 10_000 },
);

// What only this adapter has: the suite cannot ask for it of a database.
describe('in-memory event store', () => {
  it('records appends at the injected clock, and the hash chain covers that instant', async () => {
    const instants = ['2025-01-31T23:00:00.000Z', '2025-02-01T08:15:30.250Z'];
    let tick = 0;
    const store = new InMemoryEventStore({ clock: () => new Date(instants[tick++]!) });
    await store.appendToStream('jc-a', 'case-1', [newEvent(), newEvent()], {
      expectedVersion: 'no-stream',
    });
    await store.appendToStream('jc-a', 'case-1', [newEvent()], { expectedVersion: 2 });
    const read = await store.readStream('jc-a', 'case-1');
    expect(read.map((e) => e.recordedAt)).toEqual([instants[0], instants[0], instants[1]]);
    expect(verifyStreamChain(read)).toMatchObject({ ok: true, events: 3 });
  });

  it('hands out copies: changing what a read returned changes nothing stored', async () => {
    const store = new InMemoryEventStore();
    const written = newEvent({ data: { kind: 'insured' }, personal: { givenName: 'Olena' } });
    await store.appendToStream('jc-a', 'case-1', [written], { expectedVersion: 'no-stream' });
    const [first] = await store.readStream('jc-a', 'case-1');
    (first!.data as { kind: string }).kind = 'changed';
    (first!.personal as { givenName: string }).givenName = 'changed';
    (written.data as { kind: string }).kind = 'changed after the append';
    const [again] = await store.readStream('jc-a', 'case-1');
    expect(again).toMatchObject({ data: { kind: 'insured' }, personal: { givenName: 'Olena' } });
  });

  it('refuses every call once closed, like a closed connection', async () => {
    const store = new InMemoryEventStore();
    await store.close();
    await expect(store.streamVersion('jc-a', 'case-1')).rejects.toThrow(/closed/);
    await expect(
      store.appendToStream('jc-a', 'case-1', [newEvent()], { expectedVersion: 'any' }),
    ).rejects.toThrow(/closed/);
  });
});
