/**
 * What is specific to PostgreSQL: global positions are taken at insert but become visible at
 * commit, so a later position can be visible before an earlier one. This shows, step by step,
 * that a reader ordered by position alone skips the earlier event for good, and that the
 * store's $all (transaction order below the snapshot's xmin) waits for it instead.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { newEvent, unique } from '../conformance/event-store.conformance.js';
import { START, type AllPosition, type RecordedEvent } from '../event-store.js';
import { openPostgresEventStore } from '../factories.js';
import {
  statementText,
  type SqlDatabase,
  type SqlParameter,
  type Statement,
} from '../sql/database.js';
import { SqlEventStore } from './sql-event-store.js';

let database: TestDatabase;
let store: SqlEventStore;
let slowWriter: pg.Client;
/** The same adapter, on one connection whose transaction the test opens and commits itself. */
let slowStore: SqlEventStore;

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openPostgresEventStore({ connectionString: database.url });
  slowWriter = new pg.Client({ connectionString: database.url });
  await slowWriter.connect();
  const onSlowWriter: SqlDatabase = {
    engine: 'postgres',
    query: async <Row extends object>(statement: Statement, params?: readonly SqlParameter[]) =>
      (await slowWriter.query<Row>(statementText(statement), params as unknown[])).rows,
    exec: async (script) => void (await slowWriter.query(script)),
    transaction: () => Promise.reject(new Error('not used')),
    close: async () => undefined,
  };
  slowStore = new SqlEventStore(onSlowWriter);
});

afterAll(async () => {
  await slowWriter.end();
  await store.close();
  await database.drop();
});

async function readAllUntil(tenant: string, count: number): Promise<RecordedEvent[]> {
  const deadline = Date.now() + 30_000;
  let from: AllPosition = START;
  const seen: RecordedEvent[] = [];
  while (seen.length < count && Date.now() < deadline) {
    const page = await store.readAll({ from, tenant });
    seen.push(...page.events);
    from = page.next;
    if (page.events.length === 0) await new Promise((r) => setTimeout(r, 20));
  }
  return seen;
}

it('holds back a later event until an earlier in-flight append commits; a position-only reader skips it', async () => {
  const tenant = unique('jc');
  const early = newEvent();

  // 1. A slow writer appends inside a transaction and does not commit yet.
  await slowWriter.query('BEGIN');
  const earlyResult = await slowStore.appendToStream(tenant, 'case-early', [early], {
    expectedVersion: 0,
  });

  // 2. Another writer appends and commits: its position is higher, and it is visible first.
  const late = newEvent();
  const lateResult = await store.appendToStream(tenant, 'case-late', [late], {
    expectedVersion: 0,
  });
  expect(lateResult.position).toBeGreaterThan(earlyResult.position);

  // 3. A naive reader (ORDER BY position, checkpoint = last position) sees the late event now.
  const naive = async (after: number) =>
    (
      await store.db.query<{ event_id: string; global_position: string }>(
        'SELECT event_id, global_position FROM event_store.events WHERE tenant_id = $1 AND global_position > $2 ORDER BY global_position',
        [tenant, after],
      )
    ).map((row) => ({ id: row.event_id, position: Number(row.global_position) }));
  const naiveFirst = await naive(0);
  expect(naiveFirst.map((e) => e.id)).toEqual([late.eventId]);
  const naiveCheckpoint = naiveFirst[0]!.position;

  // ... while $all shows nothing yet: the late event waits behind the in-flight transaction.
  expect((await store.readAll({ tenant })).events).toEqual([]);

  // 4. The slow writer commits.
  await slowWriter.query('COMMIT');

  // 5. The naive reader resumes after its checkpoint and never sees the early event.
  expect(await naive(naiveCheckpoint)).toEqual([]);

  // ... while $all delivers both, the early one first.
  const all = await readAllUntil(tenant, 2);
  expect(all.map((e) => e.eventId)).toEqual([early.eventId, late.eventId]);
});

it('does not stall behind a transaction that has not written anything', async () => {
  const tenant = unique('jc');
  await slowWriter.query('BEGIN');
  await slowWriter.query('SELECT 1');
  try {
    const event = newEvent({ eventId: randomUUID() });
    await store.appendToStream(tenant, 'case-1', [event], { expectedVersion: 0 });
    const all = await readAllUntil(tenant, 1);
    expect(all.map((e) => e.eventId)).toEqual([event.eventId]);
  } finally {
    await slowWriter.query('COMMIT');
  }
});
