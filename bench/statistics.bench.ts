// `npm run bench:statistics`: the statistics API of a running server against, in the same run,
// one raw SQL query that counts the same integrations straight from the events table.
// Settings and figures: docs/benchmarks.md.
import pg from 'pg';
import { issueToken, secretFromText } from '#security';

const url = process.env.BENCH_URL ?? 'http://localhost:3000';
const databaseUrl = process.env.DATABASE_URL;
const secret = process.env.AUTH_SECRET;
const repeat = Number(process.env.BENCH_REPEAT ?? 40);
const now = new Date();
const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
const month = process.env.BENCH_MONTH ?? previous.toISOString().slice(0, 7);

async function time(run: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)]!,
    p95: samples[Math.floor(samples.length * 0.95)]!,
  };
}

async function main(): Promise<void> {
  if (!databaseUrl || !secret)
    throw new Error('set DATABASE_URL and AUTH_SECRET of the running server');
  const token = await issueToken({
    secret: secretFromText(secret),
    tenant: '*',
    roles: ['analyst'],
    subject: 'bench',
  });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ tenant_id: string; n: string }>(
    'SELECT tenant_id, count(*) AS n FROM event_store.events GROUP BY 1 ORDER BY 2 DESC LIMIT 1',
  );
  const jobcenter = rows[0]?.tenant_id;
  const [{ events, tenants }] = (
    await client.query<{ events: string; tenants: string }>(
      'SELECT count(*) AS events, count(DISTINCT tenant_id) AS tenants FROM event_store.events',
    )
  ).rows as [{ events: string; tenants: string }];
  if (!jobcenter) throw new Error('no events: run `npx teilhabe demo` first');
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  };
  // The same integration count, straight from the events (no at-most-one-per-month rule, no
  // need check: a lower bound of the work a scan would do).
  const from = `${Number(month.slice(0, 4)) - 1}-${month.slice(5, 7)}-01`;
  const raw = (tenant: string | null) =>
    client.query(
      `SELECT count(DISTINCT (stream_id, date_trunc('month', effective_date)))
       FROM event_store.events
       WHERE event_type = 'EmploymentStarted' AND data->>'kind' IN ('insured', 'vocational-training', 'self-employed')
         AND effective_date >= $1::date AND effective_date < ($1::date + interval '12 months')
         AND ($2::text IS NULL OR tenant_id = $2)`,
      [from, tenant],
    );

  console.log(
    `teilhabe bench:statistics — ${url}, ${events} events in ${tenants} Jobcenters, month ${month}, ${repeat} requests each`,
  );
  console.log('');
  console.log(
    '| query | HTTP answer from the read model, median (p95) | raw SQL, numerator only, from the events, median | raw / read model |',
  );
  console.log('|---|---:|---:|---:|');
  const lines: [string, () => Promise<unknown>, (() => Promise<unknown>) | undefined][] = [
    [
      `K2 of one Jobcenter (${jobcenter})`,
      () => get(`/v1/statistics/integration-quota?jobcenter=${jobcenter}&month=${month}`),
      () => raw(jobcenter),
    ],
    [
      'K2 of one Jobcenter, refugees, women',
      () =>
        get(
          `/v1/statistics/integration-quota?jobcenter=${jobcenter}&month=${month}&targetGroup=refugee-ukraine&gender=female`,
        ),
      undefined,
    ],
    [
      'K2 national (jobcenter=*)',
      () => get(`/v1/statistics/integration-quota?jobcenter=*&month=${month}`),
      () => raw(null),
    ],
    [
      'K3 national',
      () => get(`/v1/statistics/long-term-recipients?jobcenter=*&month=${month}`),
      undefined,
    ],
    [
      'measure occupancy of one Jobcenter',
      () => get(`/v1/statistics/measure-occupancy?jobcenter=${jobcenter}&month=${month}`),
      undefined,
    ],
    [
      `ranking of all ${tenants} Jobcenters by K2`,
      () => get(`/v1/statistics/ranking?indicator=integration-quota&month=${month}`),
      () => raw(null),
    ],
  ];
  for (const [label, query, baseline] of lines) {
    const ours = await time(query);
    const rawTime = baseline ? await time(baseline) : undefined;
    console.log(
      `| ${label} | ${ours.median.toFixed(1)} ms (${ours.p95.toFixed(1)}) | ${rawTime ? `${rawTime.median.toFixed(1)} ms` : '—'} | ${rawTime ? `${(rawTime.median / ours.median).toFixed(1)}×` : '—'} |`,
    );
  }
  await client.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
