/**
 * `npm run bench:store`: the event store on PostgreSQL against raw `pg` on the same server, in
 * the same run, on the same rows. Prints each measurement and its ratio to raw.
 *
 *   single appends   one event per transaction, 16 concurrent writers, exact expected version
 *   batch appends    500 events per append (one transaction), 4 concurrent writers
 *   $all read        every event, in pages of 1000, in global order
 *
 * Raw is `INSERT INTO plain_table (...)` (single row / 500-row multi-insert) into a table with
 * the same columns and only a primary key, and `SELECT ... WHERE id > $1 ORDER BY id LIMIT 1000`.
 * Environment: BENCH_DATABASE_URL or DATABASE_URL (a server where databases may be created;
 * default postgres://postgres@127.0.0.1:5432/postgres), BENCH_EVENTS (single appends per round,
 * default 20000), BENCH_ROUNDS (default 3; the median round is reported).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { openPostgresEventStore, START, type AllPosition, type NewEvent } from '#event-store';

const serverUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const singleEvents = Number(process.env.BENCH_EVENTS ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const WRITERS = 16;
const BATCH = 500;
const BATCH_WRITERS = 4;
const PAGE = 1000;

const RAW_TABLE = `
  CREATE TABLE raw_events (
    id bigserial PRIMARY KEY, event_id uuid NOT NULL, tenant_id text NOT NULL,
    stream_id text NOT NULL, stream_version bigint NOT NULL, event_type text NOT NULL,
    schema_version integer NOT NULL, effective_date date NOT NULL, recorded_at timestamptz NOT NULL,
    data jsonb NOT NULL, personal jsonb, metadata jsonb NOT NULL, hash bytea NOT NULL)`;
const RAW_COLUMNS =
  'event_id, tenant_id, stream_id, stream_version, event_type, schema_version, effective_date, recorded_at, data, personal, metadata, hash';

function event(i: number): NewEvent {
  return {
    eventId: uuidv7(),
    type: 'EmploymentStarted',
    schemaVersion: 1,
    effectiveDate: '2024-05-02',
    data: {
      employmentId: randomUUID(),
      startedOn: '2024-05-02',
      kind: 'insured',
      subsidised: i % 3 === 0,
    },
    personal: { monthlyGrossIncome: 2400 + (i % 500) },
    metadata: { actor: 'caseworker:bench', correlationId: randomUUID(), causationId: randomUUID() },
  };
}

function rawValues(e: NewEvent, stream: string, version: number): unknown[] {
  return [
    e.eventId,
    'jc-bench',
    stream,
    version,
    e.type,
    e.schemaVersion,
    e.effectiveDate,
    new Date().toISOString(),
    JSON.stringify(e.data),
    JSON.stringify(e.personal),
    JSON.stringify(e.metadata),
    randomBytes(32),
  ];
}

function placeholders(rows: number, columns: number): string {
  return Array.from(
    { length: rows },
    (_, r) =>
      `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`,
  ).join(', ');
}

async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `teilhabe_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** Runs `count` jobs on `concurrency` workers; returns rows per second. */
async function rate(count: number, concurrency: number, job: (i: number) => Promise<number>) {
  let next = 0;
  let rows = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const done = await job(next++);
        rows += done; // not `rows += await ...`: that reads rows before the await and loses updates
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return rows / seconds;
}

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
    const singleSql = `INSERT INTO raw_events (${RAW_COLUMNS}) VALUES ${placeholders(1, 12)}`;
    const rawSingle = await rate(singleEvents, WRITERS, async (i) => {
      await pool.query(singleSql, rawValues(event(i), `case-${i % 2000}`, i));
      return 1;
    });
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
    const batchSql = `INSERT INTO raw_events (${RAW_COLUMNS}) VALUES ${placeholders(BATCH, 12)}`;
    const rawBatch = await rate(batches, BATCH_WRITERS, async (b) => {
      const values = Array.from({ length: BATCH }, (_, j) =>
        rawValues(event(j), `batch-${b}`, j + 1),
      ).flat();
      await pool.query(batchSql, values);
      return BATCH;
    });
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

async function timedRead(read: () => Promise<number>): Promise<number> {
  const started = process.hrtime.bigint();
  const rows = await read();
  return rows / (Number(process.hrtime.bigint() - started) / 1e9);
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
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
