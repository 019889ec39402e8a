/**
 * Tamper evidence, proven by tampering: each test changes the PostgreSQL rows directly, the
 * way someone with database access could, and verification must name what happened.
 */
import { generateKeyPairSync } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { newEvent } from './conformance/event-store.conformance.js';
import { openPostgresEventStore } from './factories.js';
import { chainLink } from './hash-chain.js';
import {
  CheckpointSigningKey,
  CheckpointStore,
  parseSignedCheckpoint,
  signCheckpoint,
  verifyTenant,
  type IntegrityReport,
} from './integrity.js';
import type { SqlEventStore } from './postgres/sql-event-store.js';

const T = 'jc-integrity';
const key = CheckpointSigningKey.fromPem(
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
);

interface Fixture {
  database: TestDatabase;
  store: SqlEventStore;
  sql: pg.Client;
  close(): Promise<void>;
}

/** Three streams of five events, interleaved, and a signed checkpoint over all of them. */
async function fixture(): Promise<Fixture> {
  const database = await createTestDatabase();
  const store = await openPostgresEventStore({ connectionString: database.url });
  for (let round = 0; round < 5; round++) {
    for (const stream of ['case-a', 'case-b', 'case-c']) {
      await store.appendToStream(T, stream, [newEvent({ data: { round, stream } })], {
        expectedVersion: round,
      });
    }
  }
  await signCheckpoint(store, new CheckpointStore(store.db), key, T);
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  return {
    database,
    store,
    sql,
    close: async () => {
      await sql.end();
      await store.close();
      await database.drop();
    },
  };
}

async function verify(f: Fixture): Promise<IntegrityReport> {
  return verifyTenant(f.store, await new CheckpointStore(f.store.db).list(T), key.publicKey, T);
}

async function tampered(change: (f: Fixture) => Promise<void>): Promise<IntegrityReport> {
  const f = await fixture();
  try {
    await change(f);
    return await verify(f);
  } finally {
    await f.close();
  }
}

const kinds = (report: IntegrityReport) => [...new Set(report.problems.map((p) => p.kind))].sort();

it('verifies an untouched store, and events after the last checkpoint by their chains', async () => {
  const f = await fixture();
  try {
    await f.store.appendToStream(T, 'case-a', [newEvent()], { expectedVersion: 5 });
    const report = await verify(f);
    expect(report).toMatchObject({
      ok: true,
      events: 16,
      streams: 3,
      checkpointsVerified: 1,
      eventsAfterLatestCheckpoint: 1,
    });
    // The next checkpoint covers it too.
    await signCheckpoint(f.store, new CheckpointStore(f.store.db), key, T);
    expect(await verify(f)).toMatchObject({
      ok: true,
      checkpointsVerified: 2,
      eventsAfterLatestCheckpoint: 0,
    });
  } finally {
    await f.close();
  }
});

it('finds a changed row', async () => {
  const report = await tampered(async (f) => {
    await f.sql.query(
      `UPDATE event_store.events SET data = jsonb_set(data, '{round}', '99') WHERE stream_id = 'case-b' AND stream_version = 2`,
    );
  });
  // The digest is over the stored hashes, which were left alone: the stream's chain says it.
  expect(report.problems).toEqual([
    expect.objectContaining({ kind: 'chain', streamId: 'case-b', version: 2 }),
  ]);
});

it('finds a changed row even when the whole stream was re-hashed to match', async () => {
  const report = await tampered(async (f) => {
    await f.sql.query(
      `UPDATE event_store.events SET data = jsonb_set(data, '{round}', '99') WHERE stream_id = 'case-b' AND stream_version = 2`,
    );
    // The attacker recomputes the chain of the stream: every link is consistent again.
    const events = await f.store.readStream(T, 'case-b');
    let previous = '0'.repeat(64);
    for (const event of events) {
      const link = chainLink(previous, event.version, {
        tenant: T,
        streamId: 'case-b',
        recordedAt: event.recordedAt,
        event,
      });
      await f.sql.query(
        `UPDATE event_store.events SET hash = decode($1, 'hex') WHERE event_id = $2`,
        [link, event.eventId],
      );
      previous = link;
    }
  });
  expect(kinds(report)).toEqual(['checkpoint']);
});

it('finds a deleted row in the middle of a stream, and at its end', async () => {
  const middle = await tampered(async (f) => {
    await f.sql.query(
      `DELETE FROM event_store.events WHERE stream_id = 'case-c' AND stream_version = 3`,
    );
  });
  expect(middle.problems).toContainEqual(
    expect.objectContaining({ kind: 'version', streamId: 'case-c', version: 4 }),
  );
  const last = await tampered(async (f) => {
    await f.sql.query(
      `DELETE FROM event_store.events WHERE stream_id = 'case-a' AND stream_version = 5`,
    );
  });
  // Every remaining chain is intact: only the signed checkpoint notices.
  expect(kinds(last)).toEqual(['checkpoint']);
});

it('finds reordered rows, within a stream and across streams', async () => {
  const withinStream = await tampered(async (f) => {
    const swap = (from: number, to: number) =>
      f.sql.query(
        `UPDATE event_store.events SET stream_version = $2 WHERE stream_id = 'case-a' AND stream_version = $1`,
        [from, to],
      );
    await swap(2, 100);
    await swap(3, 2);
    await swap(100, 3);
  });
  // Read in their stored order, the stream's versions now jump (3 before 2).
  expect(withinStream.problems).toContainEqual(
    expect.objectContaining({ kind: 'version', streamId: 'case-a', version: 3 }),
  );
  const acrossStreams = await tampered(async (f) => {
    // Swap the global order of two events of different streams: each stream's chain stays intact.
    const { rows } = await f.sql.query<{
      event_id: string;
      transaction_id: string;
      global_position: string;
    }>(
      `SELECT event_id, transaction_id::text, global_position FROM event_store.events
       WHERE (stream_id, stream_version) IN (('case-a', 1), ('case-b', 4)) ORDER BY global_position`,
    );
    const [a, b] = rows as [(typeof rows)[0], (typeof rows)[0]];
    await f.sql.query('ALTER TABLE event_store.events DROP CONSTRAINT events_pkey');
    await f.sql.query(
      `UPDATE event_store.events SET transaction_id = $2::text::xid8 WHERE event_id = $1`,
      [a.event_id, b.transaction_id],
    );
    await f.sql.query(
      `UPDATE event_store.events SET transaction_id = $2::text::xid8 WHERE event_id = $1`,
      [b.event_id, a.transaction_id],
    );
  });
  expect(kinds(acrossStreams)).toContain('checkpoint');
});

it('finds an inserted row, in a stream and in the global order', async () => {
  const inStream = await tampered(async (f) => {
    // A forged event squeezed between versions 2 and 3: the versions after it are shifted.
    await f.sql.query(
      `UPDATE event_store.events SET stream_version = stream_version + 10 WHERE stream_id = 'case-b' AND stream_version >= 3`,
    );
    await f.sql.query(`
      INSERT INTO event_store.events (event_id, tenant_id, stream_id, stream_version, event_type, schema_version,
        effective_date, recorded_at, data, personal, metadata, hash)
      SELECT gen_random_uuid(), tenant_id, stream_id, 3, event_type, schema_version, effective_date, recorded_at,
             '{"forged": true}', NULL, metadata, hash
      FROM event_store.events WHERE stream_id = 'case-b' AND stream_version = 2`);
    await f.sql.query(
      `UPDATE event_store.events SET stream_version = stream_version - 9 WHERE stream_id = 'case-b' AND stream_version >= 13`,
    );
  });
  // The renumbered later events come before the forged one: the versions jump.
  expect(inStream.problems).toContainEqual(
    expect.objectContaining({ kind: 'version', streamId: 'case-b', version: 4 }),
  );

  const inOrder = await tampered(async (f) => {
    // A forged event, correctly chained onto its stream, slipped in early in the global order.
    const [last] = await f.store.readStream(T, 'case-c', { direction: 'backwards', maxCount: 1 });
    const forged = newEvent({ data: { forged: true } });
    const recordedAt = last!.recordedAt;
    const link = chainLink(last!.hash, 6, {
      tenant: T,
      streamId: 'case-c',
      recordedAt,
      event: forged,
    });
    await f.sql.query(
      `INSERT INTO event_store.events (global_position, transaction_id, event_id, tenant_id, stream_id, stream_version,
         event_type, schema_version, effective_date, recorded_at, data, personal, metadata, hash)
       OVERRIDING SYSTEM VALUE
       VALUES (0, '3'::xid8, $1, $2, 'case-c', 6, $3, 1, $4, $5, $6, NULL, $7, decode($8, 'hex'))`,
      [
        forged.eventId,
        T,
        forged.type,
        forged.effectiveDate,
        recordedAt,
        JSON.stringify(forged.data),
        JSON.stringify(forged.metadata),
        link,
      ],
    );
  });
  // Early in the global order it also comes before the versions it claims to follow.
  expect(kinds(inOrder)).toEqual(['checkpoint', 'version']);
});

it('finds a checkpoint that was altered or signed by another key', async () => {
  const altered = await tampered(async (f) => {
    await f.sql.query(`UPDATE event_store.checkpoints SET events = events - 1`);
  });
  expect(kinds(altered)).toEqual(['signature']);
  const f = await fixture();
  try {
    const stranger = CheckpointSigningKey.fromPem(
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
    const checkpoints = await new CheckpointStore(f.store.db).list(T);
    const report = await verifyTenant(f.store, checkpoints, stranger.publicKey, T);
    expect(kinds(report)).toEqual(['signature']);
  } finally {
    await f.close();
  }
});

it('shows that whoever holds the signing key can rewrite and re-sign, and that checkpoints an auditor kept expose it', async () => {
  const f = await fixture();
  try {
    const kept = await new CheckpointStore(f.store.db).list(T);
    expect(kept).toHaveLength(1);
    // The operator changes an event, re-hashes its stream, drops the checkpoints and signs anew.
    await f.sql.query(
      `UPDATE event_store.events SET data = jsonb_set(data, '{round}', '99') WHERE stream_id = 'case-c' AND stream_version = 1`,
    );
    let previous = '0'.repeat(64);
    for (const event of await f.store.readStream(T, 'case-c')) {
      const link = chainLink(previous, event.version, {
        tenant: T,
        streamId: 'case-c',
        recordedAt: event.recordedAt,
        event,
      });
      await f.sql.query(
        `UPDATE event_store.events SET hash = decode($1, 'hex') WHERE event_id = $2`,
        [link, event.eventId],
      );
      previous = link;
    }
    await f.sql.query('DELETE FROM event_store.checkpoints');
    await signCheckpoint(f.store, new CheckpointStore(f.store.db), key, T);

    // Against what the database holds now, all is consistent: the limit of stored checkpoints.
    expect(await verify(f)).toMatchObject({ ok: true, checkpointsVerified: 1 });
    // Against the copy the auditor took before, the rewrite shows.
    const stored = await new CheckpointStore(f.store.db).list(T);
    const report = await verifyTenant(f.store, [...stored, ...kept], key.publicKey, T);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: 'checkpoint',
        detail: expect.stringMatching(/digest/) as string,
      }),
    ]);
    // A kept copy that is also still stored counts once.
    const untouched = await fixture();
    try {
      const same = await new CheckpointStore(untouched.store.db).list(T);
      expect(
        await verifyTenant(untouched.store, [...same, ...same], key.publicKey, T),
      ).toMatchObject({ ok: true, checkpointsVerified: 1 });
    } finally {
      await untouched.close();
    }
  } finally {
    await f.close();
  }
});

it('reads kept checkpoints back, naming the field of a broken one', () => {
  const checkpoint = {
    tenant: T,
    seq: 1,
    position: { commit: 10, prepare: 4 },
    events: 4,
    digest: 'a'.repeat(64),
    keyId: key.keyId,
    signedAt: '2026-11-25T10:00:00.000Z',
    signature: 'c2ln',
  };
  expect(parseSignedCheckpoint(JSON.stringify(checkpoint))).toEqual(checkpoint);
  expect(() => parseSignedCheckpoint('{')).toThrow('is not JSON');
  expect(() => parseSignedCheckpoint('[]')).toThrow('JSON object');
  expect(() => parseSignedCheckpoint(JSON.stringify({ ...checkpoint, digest: 'xyz' }))).toThrow(
    'digest must be 64 hex digits',
  );
  expect(() =>
    parseSignedCheckpoint(JSON.stringify({ ...checkpoint, position: { commit: 1 } })),
  ).toThrow('position must be');
  expect(() => parseSignedCheckpoint(JSON.stringify({ ...checkpoint, events: -1 }))).toThrow(
    'events must be a whole number',
  );
});
