// `npm run bench:store`: the event store on PostgreSQL against raw `pg` on the same server, in the
// same run, on the same rows (single appends, batch appends, the $all read). Workloads, settings
// and figures: docs/benchmarks.md.
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { openPostgresEventStore, START, type AllPosition } from '#event-store';
import {
  RAW_COLUMNS,
  RAW_TABLE,
  benchEvent as event,
  fmt,
  median,
  progress,
  rawBatchInserts,
  rawSingleInserts,
  serverUrl,
  timedRead,
  rate,
  withDatabase,
} from './support.js';

const singleEvents = Number(process.env.BENCH_EVENTS ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const WRITERS = 16;
const BATCH = 500;
const BATCH_WRITERS = 4;
const PAGE = 1000;

interface Round {
  rawSingle: number;
  storeSingle: number;
  rawBatch: number;
  storeBatch: number;
  rawRead: number;
  storeRead: number;
}

async function round(url: string): Promise<Round> {
  const pool = new pg.Pool({ connectionString: url, max: WRITERS + 2 });
  pool.on('error', () => undefined);
  await pool.query('DROP TABLE IF EXISTS raw_events');
  await pool.query(RAW_TABLE);
  const store = await openPostgresEventStore({
    connectionString: url,
    maxConnections: WRITERS + 2,
  });
  await store.db.exec('TRUNCATE event_store.events');
  try {
    // Single appends: each writer owns its streams, like caseworkers on different cases.
    const rawSingle = await rawSingleInserts(pool, singleEvents, WRITERS);
    const versions = new Map<string, number>();
    const storeSingle = await rate(singleEvents, WRITERS, async (i) => {
      const stream = `case-${i % 2000}`;
      // Jobs with the same stream never overlap: i and i+2000 are 2000 jobs apart on 16 workers.
      const expected = versions.get(stream) ?? 0;
      const result = await store.appendToStream('jc-bench', stream, [event(i)], {
        expectedVersion: expected,
      });
      versions.set(stream, result.nextExpectedVersion);
      return 1;
    });
    progress(`single appends: raw ${fmt(rawSingle)}/s, store ${fmt(storeSingle)}/s`);

    const batches = Math.max(4, Math.round(singleEvents / BATCH));
    const rawBatch = await rawBatchInserts(pool, batches * BATCH, BATCH, BATCH_WRITERS);
    const storeBatch = await rate(batches, BATCH_WRITERS, async (b) => {
      const events = Array.from({ length: BATCH }, (_, j) => event(j));
      await store.appendToStream('jc-bench', `batch-${b}`, events, {
        expectedVersion: 'no-stream',
      });
      return BATCH;
    });
    progress(`batch appends: raw ${fmt(rawBatch)}/s, store ${fmt(storeBatch)}/s`);

    await pool.query('VACUUM ANALYZE raw_events');
    await store.db.exec('VACUUM ANALYZE event_store.events');
    const rawRead = await timedRead(async () => {
      let after = 0;
      let total = 0;
      for (;;) {
        const { rows } = await pool.query<{ id: string }>(
          `SELECT id, ${RAW_COLUMNS} FROM raw_events WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
          [after],
        );
        if (rows.length === 0) return total;
        total += rows.length;
        after = Number(rows[rows.length - 1]!.id);
      }
    });
    const storeRead = await timedRead(async () => {
      let from: AllPosition = START;
      let total = 0;
      for (;;) {
        const page = await store.readAll({ from, maxCount: PAGE });
        if (page.events.length === 0) return total;
        total += page.events.length;
        from = page.next;
      }
    });
    progress(`$all read: raw ${fmt(rawRead)}/s, store ${fmt(storeRead)}/s`);
    return { rawSingle, storeSingle, rawBatch, storeBatch, rawRead, storeRead };
  } finally {
    await store.close();
    await pool.end();
  }
}

async function main(): Promise<void> {
  console.log(
    `teilhabe bench:store — PostgreSQL at ${new URL(serverUrl).host}, ${availableParallelism()} cores, ` +
      `${singleEvents} single appends per round, ${rounds} rounds (median ratio reported)`,
  );
  const results: Round[] = [];
  await withDatabase(async (url) => {
    const server = new pg.Client({ connectionString: url });
    await server.connect();
    const { rows } = await server.query<{ server_version: string }>('SHOW server_version');
    await server.end();
    console.log(`server: PostgreSQL ${rows[0]?.server_version}`);
    for (let r = 1; r <= rounds; r++) {
      progress(`round ${r}/${rounds}`);
      results.push(await round(url));
    }
  });
  const lines: [string, keyof Round, keyof Round, number][] = [
    ['single appends (1 event/tx, 16 writers)', 'storeSingle', 'rawSingle', 0.8],
    ['batch appends (500 events/tx, 4 writers)', 'storeBatch', 'rawBatch', 0.7],
    ['$all read (pages of 1000)', 'storeRead', 'rawRead', 0.5],
  ];
  console.log('');
  console.log('| measurement | raw pg rows/s | teilhabe rows/s | ratio | target |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [label, ours, raw, target] of lines) {
    const ratios = results.map((r) => r[ours] / r[raw]);
    const m = median(ratios);
    const at = ratios.indexOf(m);
    console.log(
      `| ${label} | ${fmt(results[at]![raw])} | ${fmt(results[at]![ours])} | ${m.toFixed(2)}× | ≥ ${target}× |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
