// The statistics through a Kafka consumer group against a real broker and PostgreSQL: three
// workers, one SIGKILLed mid-transaction, must equal the polling runner and the naive reference,
// and replayed duplicates change nothing. What is checked and measured: docs/kafka.md.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import fc from 'fast-check';
import kafkajs from 'kafkajs';
import {
  CURRENT_SCHEMA_VERSION,
  effectiveDateOf,
  type CaseEvent,
  type ProgrammeEvent,
} from '#domain';
import {
  openPostgresEventStore,
  type AllPosition,
  type NewEvent,
  type SqlEventStore,
} from '#event-store';
import { RelayCheckpoints, partitionOfTenant, startRelay } from '#messaging';
import {
  INDICATOR_NAMES,
  ProjectionRunner,
  StatisticsProjection,
  StatisticsQueries,
  formatMonth,
  parseMonth,
} from '#projections';
import {
  caseHistory,
  caseSpec,
  programmeHistory,
} from '../libs/projections/src/statistics/testing/histories.js';
import {
  ReferenceStatistics,
  yearMonth,
  type ReferenceCase,
  type ReferenceProgramme,
} from '../libs/projections/src/statistics/testing/reference.js';
import { findKafka } from './support/kafka-broker.mjs';
import { CLI_BIN, ROOT_DIR } from './support/paths.js';
import { readModelRows } from './support/read-model.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const run = promisify(execFile);
const { Kafka, logLevel } = kafkajs;

const PARTITIONS = 12;
const JOBCENTERS = 30;
const CASES_PER_JOBCENTER = 60;
const SINGLE = 'stats_single';
const SCALED = 'stats_kafka';
const FIRST = parseMonth('2021-01')!;
const LAST = parseMonth('2026-06')!;
const CLI_MAIN = join(ROOT_DIR, 'dist', 'apps', 'cli', 'src', 'main.js');

let database: TestDatabase;
let store: SqlEventStore;
let brokers: string[];
let admin: kafkajs.Admin;
const topic = `teilhabe.events.scale-${randomUUID().slice(0, 8)}`;
const group = `teilhabe-scale-${randomUUID().slice(0, 8)}`;
const groups = [group];
const tenants = Array.from({ length: JOBCENTERS }, (_, i) => `jc-scale-${i + 1}`);
const cases: ReferenceCase[] = [];
const programmes: ReferenceProgramme[] = [];
let appended = 0;

beforeAll(async () => {
  brokers = (await findKafka()).brokers;
  database = await createTestDatabase();
  store = await openPostgresEventStore({ connectionString: database.url });
  admin = new Kafka({ clientId: 'test-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  // The workers run as processes of the compiled CLI: build it once (the launcher does, if stale).
  await run(CLI_BIN, ['--help'], {
    env: { ...process.env, CI: 'true' },
  });
  await appendHistories();
  await relayEverything();
}, 600_000);

afterAll(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL');
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin?.deleteGroups(groups).catch(() => undefined);
  await admin?.disconnect();
  await store?.close();
  await database?.drop();
});

/** Histories of every Jobcenter through the real deciders, appended interleaved as commands would. */
async function appendHistories(): Promise<void> {
  const specs = fc.sample(caseSpec, { seed: 4711, numRuns: JOBCENTERS * CASES_PER_JOBCENTER });
  const streams: { tenant: string; streamId: string; events: (CaseEvent | ProgrammeEvent)[] }[] =
    [];
  tenants.forEach((tenant, t) => {
    const own = programmeHistory(tenant);
    programmes.push(...own);
    for (const p of own) {
      streams.push({
        tenant,
        streamId: `programme-${p.events[0]!.data.year}`,
        events: [...p.events],
      });
    }
    for (let i = 0; i < CASES_PER_JOBCENTER; i++) {
      const caseId = randomUUID();
      const events = caseHistory(caseId, specs[t * CASES_PER_JOBCENTER + i]!, own);
      cases.push({ tenant, events });
      streams.push({ tenant, streamId: `case-${caseId}`, events: [...events] });
    }
  });
  // Round by round, a few events of every stream at a time: Jobcenters interleave in $all.
  for (let round = 0; streams.some((s) => s.events.length > 0); round++) {
    const writes = streams
      .filter((s) => s.events.length > 0)
      .map((s) => {
        const events = s.events.splice(0, 1 + (round % 3));
        appended += events.length;
        return store.appendToStream(s.tenant, s.streamId, events.map(toNewEvent), {
          expectedVersion: 'any',
        });
      });
    for (let at = 0; at < writes.length; at += 64) await Promise.all(writes.slice(at, at + 64));
  }
}

function toNewEvent(event: CaseEvent | ProgrammeEvent): NewEvent {
  return {
    eventId: randomUUID(),
    type: event.type,
    schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
    effectiveDate: effectiveDateOf(event),
    data: event.data as never,
    personal: ('personal' in event ? event.personal : null) as never,
    metadata: { actor: 'test', correlationId: randomUUID() },
  };
}

async function storeEnd(): Promise<AllPosition> {
  let from: AllPosition | undefined;
  for (;;) {
    const page = await store.readAll({ ...(from ? { from } : {}), maxCount: 10_000 });
    if (page.events.length === 0) return from!;
    from = page.next;
  }
}

/** Runs the relay (in this process) until everything in the store is in the topic. */
async function relayEverything(): Promise<void> {
  const relay = await startRelay({
    databaseUrl: database.url,
    brokers,
    topic,
    partitions: PARTITIONS,
    clientId: 'test-relay',
    batchSize: 1000,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
  });
  try {
    const end = await storeEnd();
    const checkpoints = new RelayCheckpoints(store.db);
    const deadline = Date.now() + 180_000;
    for (;;) {
      const at = await checkpoints.load(topic);
      if (at.commit === end.commit && at.prepare === end.prepare) break;
      if (Date.now() > deadline) throw new Error(`the relay did not reach ${JSON.stringify(end)}`);
      await sleep(200);
    }
  } finally {
    await relay.stop();
  }
}

async function topicEnd(): Promise<Map<number, bigint>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
}

async function storedOffsets(schema: string, groupId: string): Promise<Map<number, bigint>> {
  const rows = await store.db.query<{ partition: number; next_offset: string }>(
    `SELECT partition, next_offset FROM ${schema}.kafka_offsets WHERE group_id = $1`,
    [groupId],
  );
  return new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)]));
}

async function waitUntilConsumed(schema: string, groupId: string, timeoutMs: number) {
  const end = await topicEnd();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stored = await storedOffsets(schema, groupId).catch(() => new Map<number, bigint>());
    if ([...end].every(([p, high]) => (stored.get(p) ?? 0n) === high)) return Date.now();
    if (Date.now() > deadline) {
      throw new Error(
        `not consumed in time: stored ${JSON.stringify([...stored].map(([p, o]) => [p, String(o)]))}, end ${JSON.stringify([...end].map(([p, o]) => [p, String(o)]))}`,
      );
    }
    await sleep(100);
  }
}

interface LogLine {
  readonly time: number;
  readonly msg: string;
  readonly partitions?: number[];
  readonly partition?: number;
  readonly events?: number;
  readonly duplicates?: number;
}

interface Worker {
  readonly name: string;
  readonly child: ChildProcess;
  readonly lines: LogLine[];
  readonly exited: Promise<number | null>;
}
const workers: Worker[] = [];

/** A `teilhabe projections consume` process; its JSON log lines are collected. */
function startWorker(name: string, groupId: string, schema: string, batchSize: number): Worker {
  const child = spawn(
    process.execPath,
    [
      CLI_MAIN,
      'projections',
      'consume',
      '--group',
      groupId,
      '--schema',
      schema,
      '--batch-size',
      String(batchSize),
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_TOPIC: topic,
        KAFKA_CLIENT_ID: name,
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        PROJECTOR_CONCURRENCY: '2',
        PORT: '0',
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: LogLine[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      // not a log line
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(`[${name}] ${stderr}\n`);
      resolve(code);
    }),
  );
  const worker = { name, child, lines, exited };
  workers.push(worker);
  return worker;
}

function lastAssignment(worker: Worker, before = Infinity): number[] {
  return (
    worker.lines.filter((l) => l.msg === 'partitions assigned' && l.time <= before).at(-1)
      ?.partitions ?? []
  );
}

async function waitFor(what: string, test: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * Freezes the worker, looks whether it holds a transaction that has written something, and if so
 * kills it there; otherwise lets it run a moment and tries again. Returns that transaction's id.
 */
async function killMidTransaction(worker: Worker): Promise<string> {
  const pid = worker.child.pid!;
  for (let attempt = 0; attempt < 400; attempt++) {
    process.kill(pid, 'SIGSTOP');
    const [open] = await store.db.query<{ xid: string }>(
      `SELECT backend_xid::text AS xid FROM pg_stat_activity
       WHERE application_name = $1 AND datname = $2 AND backend_xid IS NOT NULL`,
      [`teilhabe-projector-${worker.name}`, database.name],
    );
    if (open) {
      process.kill(pid, 'SIGKILL');
      return open.xid;
    }
    process.kill(pid, 'SIGCONT');
    await sleep(15 + (attempt % 7) * 5);
  }
  throw new Error(`${worker.name} was never caught inside a transaction`);
}

async function transactionStatus(xid: string): Promise<string> {
  const [row] = await store.db.query<{ status: string }>(
    `SELECT pg_xact_status((((pg_current_xact_id()::text::bigint >> 32) << 32) + $1::bigint)::text::xid8) AS status`,
    [xid],
  );
  return row!.status;
}

/** Every indicator in every month, for each Jobcenter and for all together. */
async function allFigures(schema: string): Promise<Map<string, unknown>> {
  const queries = new StatisticsQueries(store.db, schema);
  const out = new Map<string, unknown>();
  for (const indicator of INDICATOR_NAMES) {
    for (let month = FIRST; month <= LAST; month++) {
      const query = { indicator, month, group: 'all', gender: 'all' } as const;
      for (const [tenant, cells] of await queries.compute(query))
        out.set(`${indicator}|${formatMonth(month)}|${tenant}`, cells.cell);
      for (const [, cells] of await queries.compute(query, true))
        out.set(`${indicator}|${formatMonth(month)}|*`, cells.cell);
    }
  }
  return out;
}

function eventsPerSecond(worker: Worker, from = 0, to = Infinity) {
  const chunks = worker.lines.filter(
    (l) => l.msg === 'chunk committed' && l.time >= from && l.time <= to,
  );
  const events = chunks.reduce((sum, l) => sum + (l.events ?? 0), 0);
  const seconds = chunks.length > 1 ? (chunks.at(-1)!.time - chunks[0]!.time) / 1000 : 0;
  return { events, seconds, perSecond: seconds > 0 ? Math.round(events / seconds) : 0 };
}

let single: Awaited<ReturnType<typeof readModelRows>>;
let singleFigures: Map<string, unknown>;

it('three instances share the partitions, one is killed mid-transaction, the figures are exact', async () => {
  // One Jobcenter, one partition: every Jobcenter's messages are on the partition its name hashes to.
  const byPartition = new Map<number, number>();
  for (const tenant of tenants) {
    const p = partitionOfTenant(tenant, PARTITIONS);
    byPartition.set(p, (byPartition.get(p) ?? 0) + 1);
  }
  expect(byPartition.size).toBeGreaterThanOrEqual(8); // the test needs work on most partitions
  const end = await topicEnd();
  expect([...end.values()].reduce((a, b) => a + b, 0n)).toBe(BigInt(appended));

  // (a) The single polling runner over the event store.
  const started = Date.now();
  const runner = new ProjectionRunner(store, store.db, new StatisticsProjection(), {
    schema: SINGLE,
    batchSize: 500,
  });
  expect(await runner.catchUp()).toBe(appended);
  const runnerSeconds = (Date.now() - started) / 1000;

  // (b) Three workers in one group.
  const names = ['worker-a', 'worker-b', 'worker-c'];
  const three = names.map((name) => startWorker(name, group, SCALED, 40));
  await waitFor(
    'three workers sharing all partitions',
    () => {
      const owned = three.map((w) => lastAssignment(w));
      return owned.every((o) => o.length > 0) && new Set(owned.flat()).size === PARTITIONS;
    },
    120_000,
  );
  // The victim: the one with the most left to do, once a fifth of the topic is projected.
  const total = [...end.values()].reduce((a, b) => a + b, 0n);
  await waitFor(
    'a fifth of the topic projected',
    async () => {
      const stored = await storedOffsets(SCALED, group).catch(() => new Map<number, bigint>());
      return [...stored.values()].reduce((a, b) => a + b, 0n) * 5n >= total;
    },
    120_000,
  );
  const stored = await storedOffsets(SCALED, group);
  const left = (w: Worker) =>
    lastAssignment(w).reduce((sum, p) => sum + (end.get(p)! - (stored.get(p) ?? 0n)), 0n);
  const victim = [...three].sort((a, b) => Number(left(b) - left(a)))[0]!;
  const survivors = three.filter((w) => w !== victim);
  const orphaned = lastAssignment(victim);
  expect(left(victim)).toBeGreaterThan(0n);

  const xid = await killMidTransaction(victim);
  const killedAt = Date.now();
  await victim.exited;
  const offsetsAtKill = await storedOffsets(SCALED, group);
  await waitFor(
    'the killed transaction to end',
    async () => (await transactionStatus(xid)) !== 'in progress',
    30_000,
  );
  expect(await transactionStatus(xid)).toBe('aborted'); // it really died mid-transaction

  // The survivors take over: own all partitions, and continue the orphaned ones.
  await waitFor(
    'the survivors to own every partition',
    () =>
      new Set(
        survivors.flatMap((w) => (lastAssignment(w)[0] !== undefined ? lastAssignment(w) : [])),
      ).size === PARTITIONS &&
      survivors.every((w) =>
        w.lines.some((l) => l.msg === 'partitions assigned' && l.time > killedAt),
      ),
    120_000,
  );
  const rebalancedAt = Math.max(
    ...survivors.map(
      (w) => w.lines.find((l) => l.msg === 'partitions assigned' && l.time > killedAt)!.time,
    ),
  );
  const doneAt = await waitUntilConsumed(SCALED, group, 300_000);
  const resumedAt = Math.min(
    ...survivors.flatMap((w) =>
      w.lines
        .filter(
          (l) =>
            l.msg === 'chunk committed' &&
            l.time > killedAt &&
            orphaned.includes(l.partition!) &&
            (l.events ?? 0) > 0,
        )
        .map((l) => l.time),
    ),
  );
  const orphanedLeft = orphaned.filter((p) => (offsetsAtKill.get(p) ?? 0n) < end.get(p)!);
  expect(orphanedLeft.length).toBeGreaterThan(0); // there was something to take over
  expect(Number.isFinite(resumedAt)).toBe(true);

  // A clean shutdown on SIGTERM.
  for (const w of survivors) w.child.kill('SIGTERM');
  expect(await Promise.all(survivors.map((w) => w.exited))).toEqual([0, 0]);

  // Row for row, and every figure, as the single runner has them.
  single = await readModelRows(store.db, SINGLE);
  expect(single.cases.length).toBe(cases.filter((c) => c.events.length > 0).length);
  expect(await readModelRows(store.db, SCALED)).toEqual(single);
  singleFigures = await allFigures(SINGLE);
  const scaledFigures = await allFigures(SCALED);
  // Every indicator in every month nationally (a Jobcenter appears once it has figures).
  expect([...scaledFigures.keys()].filter((k) => k.endsWith('|*'))).toHaveLength(
    INDICATOR_NAMES.length * (LAST - FIRST + 1),
  );
  expect(scaledFigures.size).toBeGreaterThan(INDICATOR_NAMES.length * (LAST - FIRST + 1) * 20);
  expect(scaledFigures).toEqual(singleFigures);

  // And as the naive reference recomputes them: nationally in every month, and for Jobcenters.
  const reference = new ReferenceStatistics(cases, programmes);
  const scaledQueries = new StatisticsQueries(store.db, SCALED);
  let nonZero = 0;
  for (const indicator of INDICATOR_NAMES) {
    for (let month = FIRST; month <= LAST; month++) {
      for (const where of ['*', tenants[0]!, tenants[JOBCENTERS - 1]!]) {
        if (where !== '*' && (month - FIRST) % 5 !== 0) continue; // the naive reference is slow
        const [figure] = (
          await scaledQueries.compute(
            {
              indicator,
              month,
              group: 'all',
              gender: 'all',
              ...(where === '*' ? {} : { tenant: where }),
            },
            where === '*',
          )
        ).values();
        const { numerator, denominator, value } = figure!.cell;
        const expected = reference.value(
          indicator,
          where,
          yearMonth(formatMonth(month)),
          'all',
          'all',
        );
        if (expected.numerator > 0) nonZero += 1;
        expect({
          indicator,
          month: formatMonth(month),
          where,
          numerator,
          denominator,
          value,
        }).toEqual({
          indicator,
          month: formatMonth(month),
          where,
          // The headline figure (the reference's breakdowns are compared in its own spec).
          numerator: expected.numerator,
          denominator: expected.denominator,
          value: expected.value,
        });
      }
    }
  }
  expect(nonZero).toBeGreaterThan(INDICATOR_NAMES.length * 20);

  const firstChunk = Math.min(
    ...three.map((w) => w.lines.find((l) => l.msg === 'chunk committed')?.time ?? Infinity),
  );
  const rates = three.map((w) => ({ name: w.name, ...eventsPerSecond(w, 0, killedAt) }));
  console.log(
    `[projector-scale] ${appended} events, ${JOBCENTERS} Jobcenters, ${PARTITIONS} partitions, ` +
      `40 messages per transaction, 2 cores shared with broker and PostgreSQL\n` +
      `  polling runner (one process, from the event store): ${Math.round(appended / runnerSeconds)} events/s\n` +
      `  before the kill, per instance: ${rates.map((r) => `${r.name} ${r.perSecond} events/s (${r.events} events)`).join(', ')}\n` +
      `  all three instances together: ${Math.round(appended / ((doneAt - firstChunk) / 1000))} events/s end to end (kill and handover included)\n` +
      `  killed ${victim.name} holding partitions ${orphaned.join(',')} in transaction ${xid} (aborted); ` +
      `survivors owned every partition ${rebalancedAt - killedAt} ms later (session timeout 6000 ms), ` +
      `first orphaned chunk committed ${resumedAt - killedAt} ms after the kill`,
  );
}, 600_000);

it('a duplicate suffix from the relay changes nothing; one instance alone builds the same', async () => {
  expect(single).toBeDefined(); // needs the first test's read models
  // As after a relay crash: its checkpoint set back to the middle, it publishes the rest again.
  let middle: AllPosition | undefined;
  let read = 0;
  while (read < appended / 2) {
    const page = await store.readAll({ ...(middle ? { from: middle } : {}), maxCount: 1000 });
    read += page.events.length;
    middle = page.next;
  }
  await store.db.query(
    'UPDATE messaging.relay_checkpoints SET commit = $2, prepare = $3 WHERE name = $1',
    [topic, middle!.commit, middle!.prepare],
  );
  await relayEverything();
  const end = await topicEnd();
  const resent = Number([...end.values()].reduce((a, b) => a + b, 0n)) - appended;
  expect(resent).toBe(appended - read);

  // The group that built the read model reads the duplicates: nothing changes.
  const again = startWorker('worker-again', group, SCALED, 200);
  await waitUntilConsumed(SCALED, group, 300_000);
  again.child.kill('SIGTERM');
  expect(await again.exited).toBe(0);
  expect(await readModelRows(store.db, SCALED)).toEqual(single);
  const [counted] = await store.db.query<{ duplicates: string }>(
    `SELECT sum(duplicates)::text AS duplicates FROM ${SCALED}.kafka_offsets WHERE group_id = $1`,
    [group],
  );
  expect(Number(counted!.duplicates)).toBe(resent);

  // One instance alone, a new group and schema, from the first offset (duplicates included).
  const alone = `${group}-alone`;
  groups.push(alone);
  const one = startWorker('worker-alone', alone, 'stats_kafka_alone', 500);
  await waitUntilConsumed('stats_kafka_alone', alone, 300_000);
  one.child.kill('SIGTERM');
  expect(await one.exited).toBe(0);
  expect(await readModelRows(store.db, 'stats_kafka_alone')).toEqual(single);
  expect(await allFigures('stats_kafka_alone')).toEqual(singleFigures);
  const rate = eventsPerSecond(one);

  // Three instances at the same settings, a third group: what each does when they share.
  const shared = `${group}-three`;
  groups.push(shared);
  const startedAt = Date.now();
  const three = ['worker-x', 'worker-y', 'worker-z'].map((name) =>
    startWorker(name, shared, 'stats_kafka_three', 500),
  );
  const doneAt = await waitUntilConsumed('stats_kafka_three', shared, 300_000);
  for (const w of three) w.child.kill('SIGTERM');
  expect(await Promise.all(three.map((w) => w.exited))).toEqual([0, 0, 0]);
  expect(await readModelRows(store.db, 'stats_kafka_three')).toEqual(single);
  const rates = three.map((w) => ({ name: w.name, ...eventsPerSecond(w) }));
  console.log(
    `[projector-scale] duplicates: ${resent} messages published twice, all dropped\n` +
      `  one instance alone (500 per transaction, 2 partitions at once): ${rate.perSecond} events/s (${rate.events} events in ${rate.seconds.toFixed(1)} s)\n` +
      `  three instances, same settings: ${rates.map((r) => `${r.name} ${r.perSecond} events/s (${r.events} events)`).join(', ')}; ` +
      `together ${Math.round(appended / ((doneAt - startedAt) / 1000))} events/s from process start to the last offset`,
  );
}, 600_000);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
