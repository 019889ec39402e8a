// `npm run bench`: the whole system against raw PostgreSQL and a peer event store (Emmett), every
// figure measured in the same run on the same server, printed as one table. What each step
// measures, its settings and the latest figures: docs/benchmarks.md.
import autocannon from 'autocannon';
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { germanCalendarDay } from '#domain';
import { openPostgresEventStore } from '#event-store';
import { Keyring, PersonalDataVault } from '#privacy';
import { StatisticsProjection, rebuildProjection } from '#projections';
import { issueToken, secretFromText } from '#security';
import { importLegacy, readLegacyFile } from '#cases';
import { writeLegacyDemo } from '../apps/cli/src/commands/legacy-demo.js';
import { peerComparison } from './peer-emmett.js';
import { serverSecrets, startServer, stopServer } from './server-process.js';
import {
  RAW_COLUMNS,
  RAW_TABLE,
  fmt,
  progress,
  quantile,
  rawBatchInserts,
  rawSingleInserts,
  serverUrl,
  timedRead,
  withDatabase,
} from './support.js';

const JOBCENTERS = Number(process.env.BENCH_JOBCENTERS ?? 404);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const PEER_EVENTS = Number(process.env.BENCH_PEER_EVENTS ?? 10_000);
const CONNECTIONS = 16;

interface Row {
  readonly measurement: string;
  readonly baseline: string;
  readonly ours: string;
  readonly ratio: string;
  readonly target: string;
}
const rows: Row[] = [];
const row = (
  measurement: string,
  baseline: string,
  ours: string,
  ratio: string,
  target: string,
): void => {
  rows.push({ measurement, baseline, ours, ratio, target });
};
const ratioText = (ours: number, base: number) => `${(ours / base).toFixed(2)}×`;
const ms = (value: number) => value.toFixed(1);

/** 16 connections, each going through whole cases; every command's latency is recorded. */
async function commandLoad(url: string, secret: string, tenants: readonly string[]) {
  const tokens = await Promise.all(
    Array.from({ length: CONNECTIONS }, (_, i) =>
      issueToken({
        secret: secretFromText(secret),
        tenant: tenants[i % tenants.length]!,
        roles: ['caseworker'],
        subject: `bench-caseworker-${i}`,
      }),
    ),
  );
  const latencies: number[] = [];
  type Context = { caseId?: string; sent?: number; token?: string };
  const json = (path: (c: Context) => string, body: unknown) => ({
    method: 'POST' as const,
    setupRequest: (request: autocannon.Request, context: Context) => {
      context.token ??= tokens[Math.floor(Math.random() * tokens.length)]!;
      context.sent = performance.now();
      return {
        ...request,
        path: path(context),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${context.token}` },
        body: JSON.stringify(body),
      };
    },
    onResponse: (status: number, body: string, context: Context) => {
      latencies.push(performance.now() - context.sent!);
      if (status === 201 && body.includes('"caseId"'))
        context.caseId = (JSON.parse(body) as { caseId: string }).caseId;
    },
  });
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      json(() => '/v1/cases', {
        client: {
          givenName: 'Bench',
          familyName: 'Mark',
          dateOfBirth: '1990-04-17',
          gender: 'female',
        },
        enrolledOn: '2026-01-05',
        targetGroups: { singleParent: true },
      }),
      json((c) => `/v1/cases/${c.caseId}/cooperation-plan`, {
        agreedOn: '2026-01-12',
        goals: ['Deutschkurs'],
      }),
      json((c) => `/v1/cases/${c.caseId}/employments`, {
        kind: 'insured',
        startedOn: '2026-03-02',
        subsidised: false,
        monthlyGrossIncome: 2600,
      }),
      json((c) => `/v1/cases/${c.caseId}/need-ended`, {
        endedOn: '2026-03-31',
        reason: 'employment-income',
      }),
    ],
  });
  return {
    perSecond: result.requests.average,
    total: result.requests.total,
    non2xx: result.non2xx + result.errors + result.timeouts,
    latencies,
  };
}

async function queryLatencies(url: string, secret: string, tenants: readonly string[]) {
  const token = await issueToken({
    secret: secretFromText(secret),
    tenant: '*',
    roles: ['analyst'],
    subject: 'bench-analyst',
  });
  const today = germanCalendarDay(new Date());
  const month = `${today.slice(0, 4)}-${String(Number(today.slice(5, 7)) - 1 || 12).padStart(2, '0')}`;
  const from = `${Number(month.slice(0, 4)) - 1}-${month.slice(5, 7)}`;
  const queries: [string, (jc: string) => string][] = [
    [
      'K2, one Jobcenter',
      (jc) => `/v1/statistics/integration-quota?jobcenter=${jc}&month=${month}`,
    ],
    ['K2, national', () => `/v1/statistics/integration-quota?jobcenter=*&month=${month}`],
    [
      'K2, one Jobcenter, refugees, women',
      (jc) =>
        `/v1/statistics/integration-quota?jobcenter=${jc}&month=${month}&targetGroup=refugee-ukraine&gender=female`,
    ],
    ['K3, national', () => `/v1/statistics/long-term-recipients?jobcenter=*&month=${month}`],
    [
      'need ended, 12-month series of one Jobcenter',
      (jc) => `/v1/statistics/need-ended/series?jobcenter=${jc}&from=${from}&to=${month}`,
    ],
    [
      `ranking of all ${tenants.length} Jobcenters by K2`,
      () => `/v1/statistics/ranking?indicator=integration-quota&month=${month}`,
    ],
  ];
  const samples: number[] = [];
  const byKind = new Map<string, number[]>();
  let failures = 0;
  for (let i = 0; i < QUERIES; i++) {
    const [kind, query] = queries[i % queries.length]!;
    const path = query(tenants[(i * 7) % tenants.length]!);
    const started = performance.now();
    const response = await fetch(`${url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    samples.push(performance.now() - started);
    (byKind.get(kind) ?? byKind.set(kind, []).get(kind)!).push(samples.at(-1)!);
    if (!response.ok) failures += 1;
  }
  for (const [kind, values] of byKind)
    progress(`${kind}: p50 ${ms(quantile(values, 0.5))} ms, p95 ${ms(quantile(values, 0.95))} ms`);
  return { samples, failures };
}

async function main(): Promise<void> {
  const started = Date.now();
  const file =
    process.env.BENCH_KEEP_FILE ?? join(tmpdir(), `teilhabe-bench-${process.pid}.ndjson`);
  console.log(
    `teilhabe bench — PostgreSQL at ${new URL(serverUrl).host}, ${availableParallelism()} cores, ` +
      `${JOBCENTERS} Jobcenters × ${CLIENTS} clients, ${new Date().toISOString().slice(0, 10)}`,
  );
  const secrets = serverSecrets();
  await withDatabase(async (url) => {
    const admin = new pg.Pool({ connectionString: url, max: CONNECTIONS + 2 });
    admin.on('error', () => undefined);
    const [{ server_version: version }] = (await admin.query('SHOW server_version')).rows as [
      { server_version: string },
    ];
    console.log(`server: PostgreSQL ${version}`);

    // 1. The national data set, through the domain.
    if (!existsSync(file)) {
      progress(`writing the legacy export to ${file}`);
      await writeLegacyDemo(file, {
        url: '',
        jobcenters: JOBCENTERS,
        clients: CLIENTS,
        seed: 1,
        from: '2023-01',
        concurrency: 1,
      });
    }
    const store = await openPostgresEventStore({ connectionString: url, maxConnections: 8 });
    await store.migrate();
    const vault = new PersonalDataVault(
      store.db,
      new Keyring(Buffer.from(secrets.ENCRYPTION_KEY!, 'base64')),
    );
    await vault.migrate();
    progress('importing through the domain (both passes: check, then write)');
    let importSeconds = 0;
    const report = await (async () => {
      const t0 = performance.now();
      const result = await importLegacy(
        store,
        vault,
        (pass) => readLegacyFile(file, pass === 'check'),
        {
          today: germanCalendarDay(new Date()),
          actor: 'import:bench',
          onProgress: (phase, done) => {
            if (done % 100_000 === 0) progress(`${phase}: ${fmt(done)}`);
          },
        },
      );
      importSeconds = (performance.now() - t0) / 1000;
      return result;
    })();
    const importRate = report.events / importSeconds;
    progress(
      `imported ${fmt(report.cases)} cases, ${fmt(report.events)} events in ${importSeconds.toFixed(0)} s`,
    );
    await admin.query(RAW_TABLE);
    const rawBatch = await rawBatchInserts(admin, report.events, 500, 4);
    progress(`raw batch inserts: ${fmt(rawBatch)} rows/s`);
    row(
      `bulk import through the domain (${fmt(report.cases)} cases, ${fmt(report.events)} events) ÷ raw 500-row inserts`,
      `${fmt(rawBatch)} rows/s`,
      `${fmt(importRate)} events/s (${importSeconds.toFixed(0)} s)`,
      ratioText(importRate, rawBatch),
      '≥ 0.7×',
    );

    // 2. Full rebuild of every statistic; raw: the same table read in order.
    await admin.query('VACUUM ANALYZE event_store.events');
    const rawRead = await timedRead(async () => {
      let after = ['0', '0'];
      let total = 0;
      for (;;) {
        const { rows: page } = await admin.query<{ tx: string; global_position: string }>(
          `SELECT transaction_id::text AS tx, global_position, ${RAW_COLUMNS}
           FROM event_store.events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
           ORDER BY transaction_id, global_position LIMIT 1000`,
          after,
        );
        if (page.length === 0) return total;
        total += page.length;
        const last = page[page.length - 1]!;
        after = [last.tx, last.global_position];
      }
    });
    progress(`raw sequential read: ${fmt(rawRead)} rows/s`);
    const t1 = performance.now();
    const rebuilt = await rebuildProjection(store, store.db, new StatisticsProjection(), {
      liveSchema: 'stats',
    });
    const rebuildSeconds = (performance.now() - t1) / 1000;
    const catchUp = rebuilt.events / rebuildSeconds;
    progress(`rebuild: ${fmt(rebuilt.events)} events in ${rebuildSeconds.toFixed(0)} s`);
    row(
      'projection catch-up into all statistics (full rebuild) ÷ raw sequential read',
      `${fmt(rawRead)} rows/s`,
      `${fmt(catchUp)} events/s`,
      ratioText(catchUp, rawRead),
      '≥ 0.3×',
    );
    row(
      `full projection rebuild of the national data set (${fmt(rebuilt.events)} events)`,
      '—',
      `${(rebuildSeconds / 60).toFixed(1)} min`,
      '—',
      '—',
    );
    await store.close();

    // 3 and 4. The server on that data set.
    const tenants = (
      await admin.query<{ tenant_id: string }>(
        "SELECT DISTINCT tenant_id FROM event_store.events WHERE stream_id LIKE 'programme-%'",
      )
    ).rows.map((r) => r.tenant_id);
    const server = await startServer(url, secrets);
    try {
      progress(`HTTP command load for ${SECONDS} s on ${CONNECTIONS} connections`);
      const load = await commandLoad(server.url, secrets.AUTH_SECRET!, tenants);
      await admin.query('TRUNCATE raw_events');
      const rawSingle = await rawSingleInserts(admin, Math.max(20_000, load.total), CONNECTIONS);
      row(
        `HTTP commands (autocannon, ${CONNECTIONS} connections, enrol/plan/job/need-ended; ${load.non2xx} not 2xx) ÷ raw single-row inserts, ${CONNECTIONS} connections`,
        `${fmt(rawSingle)} rows/s`,
        `${fmt(load.perSecond)} commands/s`,
        ratioText(load.perSecond, rawSingle),
        '≥ 0.5×',
      );
      row(
        'command latency at national scale, p50 / p95 / p99',
        '—',
        `${ms(quantile(load.latencies, 0.5))} / ${ms(quantile(load.latencies, 0.95))} / ${ms(quantile(load.latencies, 0.99))} ms`,
        '—',
        '—',
      );
      progress(`${QUERIES} statistics queries`);
      const queries = await queryLatencies(server.url, secrets.AUTH_SECRET!, tenants);
      row(
        `statistics query latency at national scale, p50 / p95 / p99 (${QUERIES} queries, ${queries.failures} failed)`,
        '—',
        `${ms(quantile(queries.samples, 0.5))} / ${ms(quantile(queries.samples, 0.95))} / ${ms(quantile(queries.samples, 0.99))} ms`,
        '—',
        'p95 < 50 ms',
      );
    } finally {
      await stopServer(server.child);
      await admin.end();
    }
  });
  if (!process.env.BENCH_KEEP_FILE) rmSync(file, { force: true });

  // 5. The peer.
  progress(`Emmett comparison (${PEER_EVENTS} events)`);
  const peer = await peerComparison(PEER_EVENTS);
  row(
    `appends, 1 event each, ${CONNECTIONS} writers: teilhabe ÷ Emmett 0.42`,
    `${fmt(peer.appends.peer)} events/s`,
    `${fmt(peer.appends.ours)} events/s`,
    ratioText(peer.appends.ours, peer.appends.peer),
    '> 1×',
  );
  row(
    'reads of whole streams: teilhabe ÷ Emmett 0.42',
    `${fmt(peer.reads.peer)} events/s`,
    `${fmt(peer.reads.ours)} events/s`,
    ratioText(peer.reads.ours, peer.reads.peer),
    '> 1×',
  );
  row(
    `events a catch-up consumer never delivered, ${fmt(peer.undelivered.appended)} appended by ${CONNECTIONS} concurrent writers`,
    `Emmett: ${fmt(peer.undelivered.peer)} (${((100 * peer.undelivered.peer) / peer.undelivered.appended).toFixed(1)} %)`,
    `teilhabe: ${fmt(peer.undelivered.ours)}`,
    '—',
    '0',
  );

  console.log('');
  console.log('| measurement | baseline (raw PostgreSQL or peer) | teilhabe | ratio | target |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(`| ${r.measurement} | ${r.baseline} | ${r.ours} | ${r.ratio} | ${r.target} |`);
  console.log('');
  console.log(`(${((Date.now() - started) / 60_000).toFixed(1)} min in all)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
