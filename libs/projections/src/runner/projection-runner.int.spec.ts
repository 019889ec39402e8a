/**
 * The runner's exactly-once effect on real PostgreSQL: a projector that crashes at any point
 * (inside a batch, between statements, or killed as a process) and restarts from its
 * checkpoint ends with a read model identical to one clean run. And a rebuild swaps in a new
 * read model while a live runner keeps projecting new events.
 */
import { CURRENT_SCHEMA_VERSION, type EventType } from '#domain';
import { execFile, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import {
  openPostgresEventStore,
  type SqlDatabase,
  type SqlEventStore,
  type SqlExecutor,
} from '#event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { ROOT_DIR } from '../../../../test/support/paths.js';
import { StatisticsProjection } from '../statistics/statistics.projection.js';
import { caseHistory, caseSpec, programmeHistory } from '../statistics/testing/histories.js';
import { ProjectionRunner } from './projection-runner.js';
import { rebuildProjection } from './rebuild.js';

const run = promisify(execFile);
let database: TestDatabase;
let store: SqlEventStore;

/** Appends generated histories for a few Jobcenters, interleaved, as the API would. */
async function appendHistories(
  tenants: string[],
  casesPerTenant: number,
  seed: number,
): Promise<number> {
  const specs = fc.sample(caseSpec, { seed, numRuns: tenants.length * casesPerTenant });
  let appended = 0;
  const writes: Promise<unknown>[] = [];
  tenants.forEach((tenant, t) => {
    const programmes = programmeHistory(tenant);
    for (const p of programmes) {
      const year = p.events[0]!.data.year;
      writes.push(
        store.appendToStream(tenant, `programme-${year}`, toNew(p.events), {
          expectedVersion: 'any',
        }),
      );
      appended += p.events.length;
    }
    for (let i = 0; i < casesPerTenant; i++) {
      const events = caseHistory(`s${seed}-c${i}`, specs[t * casesPerTenant + i]!, programmes);
      // Each case in a few appends, like commands arriving one after another.
      writes.push(
        (async () => {
          for (let at = 0; at < events.length; at += 3) {
            await store.appendToStream(
              tenant,
              `case-s${seed}-c${i}`,
              toNew(events.slice(at, at + 3)),
              {
                expectedVersion: 'any',
              },
            );
          }
        })(),
      );
      appended += events.length;
    }
  });
  await Promise.all(writes);
  return appended;
}

let ids = 0;
function toNew(events: readonly { type: string; data: unknown; personal?: unknown }[]) {
  return events.map((event) => ({
    eventId: `00000000-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
    type: event.type,
    schemaVersion: CURRENT_SCHEMA_VERSION[event.type as EventType],
    effectiveDate: '2024-01-01',
    data: event.data as never,
    personal: (event.personal ?? null) as never,
    metadata: { actor: 'test', correlationId: 'test' },
  }));
}

/** The whole read model of a schema, as comparable text. */
async function snapshot(db: SqlExecutor, schema: string): Promise<Record<string, string[]>> {
  const read = async (sql: string) => (await db.query<{ row: string }>(sql)).map((r) => r.row);
  return {
    monthly: await read(
      `SELECT concat_ws('|', tenant, metric, month, u25, over50, single_parent, refugee, gender, detail, value) AS row
       FROM ${schema}.monthly WHERE value <> 0 ORDER BY 1`,
    ),
    cases: await read(
      `SELECT concat_ws('|', tenant, case_id, facts::text, person_key) AS row FROM ${schema}.cases ORDER BY 1`,
    ),
    persons: await read(
      `SELECT concat_ws('|', person_key, contributions::text) AS row FROM ${schema}.persons ORDER BY 1`,
    ),
    programme: await read(
      `SELECT concat_ws('|', tenant, year, measure_id, planned_places, approved_on) AS row FROM ${schema}.programme_measures ORDER BY 1`,
    ),
    checkpoint: await read(
      `SELECT concat_ws('|', commit, prepare, events) AS row FROM ${schema}.checkpoint`,
    ),
  };
}

/** A database whose transactions fail at a random statement, like a process dying mid-batch. */
function crashing(
  db: SqlDatabase,
  chance: number,
  random: () => number,
): SqlDatabase & { crashes: number } {
  const wrapper = {
    engine: db.engine,
    crashes: 0,
    query: db.query.bind(db),
    exec: db.exec.bind(db),
    close: db.close.bind(db),
    transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) =>
      db.transaction((tx) =>
        work({
          query: async (statement, params) => {
            if (random() < chance) {
              wrapper.crashes += 1;
              throw new Error('simulated crash');
            }
            return tx.query(statement, params);
          },
          exec: tx.exec.bind(tx),
        }),
      ),
  };
  return wrapper;
}

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openPostgresEventStore({ connectionString: database.url, maxConnections: 12 });
  await appendHistories(['jc-runner-a', 'jc-runner-b', 'jc-runner-c'], 60, 1);
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
});

it('ends with the same read model however often it crashes mid-batch and restarts', async () => {
  const projection = new StatisticsProjection();
  await new ProjectionRunner(store, store.db, projection, {
    schema: 'clean',
    batchSize: 50,
  }).catchUp();

  // mulberry32: in exact 32-bit arithmetic (a float LCG loses its low bits and can fall into a
  // cycle of crashes that never ends).
  let seed = 7;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const flaky = crashing(store.db, 0.08, random);
  let restarts = 0;
  for (;;) {
    // A fresh runner each time: nothing survives a crash but what was committed.
    const runner = new ProjectionRunner(store, flaky, projection, {
      schema: 'crashy',
      batchSize: 1 + Math.floor(random() * 30),
      beforeCommit: () => {
        if (random() < 0.15) {
          flaky.crashes += 1;
          throw new Error('simulated crash just before commit');
        }
      },
    });
    try {
      await runner.catchUp();
      break;
    } catch {
      restarts += 1;
    }
  }
  expect(restarts).toBeGreaterThan(50);
  expect(await snapshot(store.db, 'crashy')).toEqual(await snapshot(store.db, 'clean'));
}, 300_000);

it('ends with the same read model when the projector process is killed again and again', async () => {
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: 'x'.repeat(40),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    CHECKPOINT_SIGNING_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    CI: 'true',
  };
  const cli = join(ROOT_DIR, 'node_modules', '.bin', 'teilhabe');
  await run(cli, ['projections', 'status'], { env }); // builds the CLI once, if needed
  await new ProjectionRunner(store, store.db, new StatisticsProjection(), {
    schema: 'stats_clean',
    batchSize: 500,
  }).catchUp();
  // More events, so that each run has work to be interrupted in.
  await appendHistories(['jc-runner-d'], 120, 2);
  await new ProjectionRunner(store, store.db, new StatisticsProjection(), {
    schema: 'stats_clean',
    batchSize: 500,
  }).catchUp();

  let kills = 0;
  for (let attempt = 0; attempt < 40; attempt++) {
    const child = spawn(cli, ['projections', 'catch-up'], { env, stdio: 'ignore' });
    const finished = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    const killAfter = 300 + ((attempt * 137) % 900);
    const outcome = await Promise.race([
      finished,
      new Promise<'kill'>((r) => setTimeout(() => r('kill'), killAfter)),
    ]);
    if (outcome === 'kill') {
      child.kill('SIGKILL');
      await finished;
      kills += 1;
      continue;
    }
    expect(outcome).toBe(0);
    if (kills >= 3) break;
  }
  expect(kills).toBeGreaterThanOrEqual(3);
  const final = await run(cli, ['projections', 'catch-up'], { env });
  expect(final.stderr).toContain('events applied');
  const live = await snapshot(store.db, 'stats');
  const clean = await snapshot(store.db, 'stats_clean');
  expect(live).toEqual(clean);
}, 600_000);

it('rebuilds into a shadow schema while a live runner keeps projecting, and swaps without losing an event', async () => {
  const projection = new StatisticsProjection();
  const live = new ProjectionRunner(store, store.db, projection, { schema: 'live', batchSize: 25 });
  await live.catchUp();
  const stop = new AbortController();
  const running = (async () => {
    // The live runner as the server runs it: on, and on again after the swap broke a batch.
    while (!stop.signal.aborted) await live.run(stop.signal).catch(() => undefined);
  })();
  const writing = appendHistories(['jc-rebuild-live'], 80, 3);
  // On a failure the live loop must stop too, or it spins on the closed pool and the run hangs.
  const report = await rebuildProjection(store, store.db, projection, {
    liveSchema: 'live',
    batchSize: 40,
  }).catch((error: unknown) => {
    stop.abort();
    throw error;
  });
  await writing;
  expect(report.swapped).toBe(true);
  // Same code, same events: the rebuilt read model equals the one it replaced.
  expect(report.differences.every((d) => d.onlyLive === 0 && d.onlyRebuilt === 0)).toBe(true);
  // The live runner goes on in the swapped-in tables until it has every event ...
  await new ProjectionRunner(store, store.db, projection, {
    schema: 'after',
    batchSize: 500,
  }).catchUp();
  const deadline = Date.now() + 60_000;
  let swapped = await snapshot(store.db, 'live');
  let reference = await snapshot(store.db, 'after');
  while (
    JSON.stringify(swapped.checkpoint) !== JSON.stringify(reference.checkpoint) &&
    Date.now() < deadline
  ) {
    await new Promise((r) => setTimeout(r, 100));
    swapped = await snapshot(store.db, 'live');
    reference = await snapshot(store.db, 'after');
  }
  stop.abort();
  await running;
  // ... and then equals a clean run over all of them.
  expect({ ...swapped, checkpoint: [] }).toEqual({ ...reference, checkpoint: [] });
  expect(swapped.checkpoint).toEqual(reference.checkpoint);
}, 300_000);
