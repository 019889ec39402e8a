/**
 * The cheap check behind /health, proven by tampering with the embedded store's rows the way
 * someone with access to the data directory could: each change must be named, a clean store
 * must pass.
 */
import { generateKeyPairSync } from 'node:crypto';
import { newEvent } from '../conformance/event-store.conformance.js';
import { openPGliteEventStore } from '../factories.js';
import { CheckpointSigningKey, CheckpointStore, signCheckpoint } from '../integrity.js';
import { checkRecentIntegrity } from './recent-integrity.js';
import type { SqlEventStore } from './sql-event-store.js';

const T = 'jc-recent';
const STREAMS = ['case-a', 'case-b', 'case-c'];
const ROUNDS = 5;
const key = CheckpointSigningKey.fromPem(
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
);

let store: SqlEventStore;

/** Three streams of five events, interleaved: 15 events, each stream's last one recent. */
beforeEach(async () => {
  store = await openPGliteEventStore();
  for (let round = 0; round < ROUNDS; round++) {
    for (const stream of STREAMS) {
      await store.appendToStream(T, stream, [newEvent({ data: { round, stream } })], {
        expectedVersion: round,
      });
    }
  }
});
afterEach(async () => {
  await store.close();
});

it('passes a store nobody touched, having checked every event of a small one', async () => {
  const report = await checkRecentIntegrity(store.db);
  expect(report).toEqual({ ok: true, eventsChecked: STREAMS.length * ROUNDS, problems: [] });
  expect((await checkRecentIntegrity(store.db, 4)).eventsChecked).toBe(4);
});

it('names a recent event whose data was changed', async () => {
  await store.db.query(
    `UPDATE event_store.events SET data = '{"round": 99}'
     WHERE tenant_id = $1 AND stream_id = 'case-b' AND stream_version = $2`,
    [T, ROUNDS],
  );
  const report = await checkRecentIntegrity(store.db);
  expect(report.ok).toBe(false);
  expect(report.problems).toEqual([
    expect.objectContaining({ kind: 'chain', streamId: 'case-b', version: ROUNDS }),
  ]);
});

it('names a stream with an event deleted in the middle', async () => {
  await store.db.query(
    `DELETE FROM event_store.events WHERE tenant_id = $1 AND stream_id = 'case-a' AND stream_version = 2`,
    [T],
  );
  const report = await checkRecentIntegrity(store.db);
  expect(report.ok).toBe(false);
  expect(report.problems).toContainEqual(
    expect.objectContaining({ kind: 'gap', streamId: 'case-a', version: ROUNDS }),
  );
});

it('names a store cut back behind its latest signed checkpoint', async () => {
  const checkpoint = await signCheckpoint(store, new CheckpointStore(store.db), key, T);
  // The last three appends vanish, as with a zeroed page: the streams left are contiguous.
  await store.db.query(
    `DELETE FROM event_store.events WHERE tenant_id = $1 AND stream_version = $2`,
    [T, ROUNDS],
  );
  const report = await checkRecentIntegrity(store.db);
  expect(report.problems).toEqual([
    expect.objectContaining({ kind: 'checkpoint', position: checkpoint!.position.prepare }),
  ]);
});
