/**
 * What the benchmarks share: a throwaway database per run, the raw `pg` baselines on a plain
 * table with the events' columns, timing helpers and the output format.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import pg from 'pg';
import type { NewEvent } from '#event-store';

export const serverUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

export const RAW_TABLE = `
  CREATE TABLE raw_events (
    id bigserial PRIMARY KEY, event_id uuid NOT NULL, tenant_id text NOT NULL,
    stream_id text NOT NULL, stream_version bigint NOT NULL, event_type text NOT NULL,
    schema_version integer NOT NULL, effective_date date NOT NULL, recorded_at timestamptz NOT NULL,
    data jsonb NOT NULL, personal jsonb, metadata jsonb NOT NULL, hash bytea NOT NULL)`;
export const RAW_COLUMNS =
  'event_id, tenant_id, stream_id, stream_version, event_type, schema_version, effective_date, recorded_at, data, personal, metadata, hash';

/** A typical event (an employment start with its personal part), ~300 bytes of JSON. */
export function benchEvent(i: number): NewEvent {
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

export function rawValues(e: NewEvent, stream: string, version: number): unknown[] {
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

export function placeholders(rows: number, columns: number): string {
  return Array.from(
    { length: rows },
    (_, r) =>
      `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`,
  ).join(', ');
}

/** A fresh database for `work`, dropped afterwards. */
export async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
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
export async function rate(
  count: number,
  concurrency: number,
  job: (i: number) => Promise<number>,
): Promise<number> {
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

/** Rows per second of a read that returns how many rows it read. */
export async function timedRead(read: () => Promise<number>): Promise<number> {
  const started = process.hrtime.bigint();
  const rows = await read();
  return rows / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Raw single-row inserts, one per transaction, on `writers` connections: rows per second. */
export async function rawSingleInserts(pool: pg.Pool, count: number, writers: number) {
  const sql = `INSERT INTO raw_events (${RAW_COLUMNS}) VALUES ${placeholders(1, 12)}`;
  return rate(count, writers, async (i) => {
    await pool.query(sql, rawValues(benchEvent(i), `case-${i % 2000}`, i));
    return 1;
  });
}

/** Raw multi-row inserts of `batch` rows per statement on `writers` connections: rows per second. */
export async function rawBatchInserts(pool: pg.Pool, rows: number, batch: number, writers: number) {
  const sql = `INSERT INTO raw_events (${RAW_COLUMNS}) VALUES ${placeholders(batch, 12)}`;
  return rate(Math.max(writers, Math.round(rows / batch)), writers, async (b) => {
    const values = Array.from({ length: batch }, (_, j) =>
      rawValues(benchEvent(j), `batch-${b}`, j + 1),
    ).flat();
    await pool.query(sql, values);
    return batch;
  });
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The q-quantile (0..1) of samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
