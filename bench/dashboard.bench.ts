// `npm run bench:dashboard`: how fast the dashboard shows its figures in Debian's Chromium against
// a running server with data, beside its API requests sent directly and a raw SQL baseline.
// Views, settings and figures: docs/benchmarks.md.
import pg from 'pg';
import { chromium } from 'playwright-core';
import { issueToken, secretFromText } from '#security';

const url = process.env.BENCH_URL ?? 'http://localhost:3000';
const databaseUrl = process.env.DATABASE_URL;
const secret = process.env.AUTH_SECRET;
const repeat = Number(process.env.BENCH_REPEAT ?? 10);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function main(): Promise<void> {
  if (!databaseUrl || !secret)
    throw new Error('set DATABASE_URL and AUTH_SECRET of the running server');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const [stats] = (
    await client.query<{ events: string; tenants: string; top: string }>(
      `SELECT count(*) AS events, count(DISTINCT tenant_id) AS tenants,
              (SELECT tenant_id FROM event_store.events GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS top
       FROM event_store.events`,
    )
  ).rows;
  if (!stats?.top) throw new Error('no events: run `npx teilhabe demo` first');
  const token = (tenant: string) =>
    issueToken({ secret: secretFromText(secret), tenant, roles: ['analyst'], subject: 'bench' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const month = new Date().toISOString().slice(0, 7);
  console.log(
    `teilhabe bench:dashboard — ${url}, ${stats.events} events in ${stats.tenants} Jobcenters, ${repeat} loads each`,
  );
  const rows: string[] = [];
  for (const [label, tenant] of [
    ['national analyst (*), ranking of all', '*'],
    [`analyst of ${stats.top}`, stats.top],
  ] as const) {
    const jwt = await token(tenant);
    const query = tenant === '*' ? `?jobcenter=${stats.top}&month=${month}` : `?month=${month}`;
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // Loaded: every panel has its figures (the page marks #panels aria-busy=false and counts
      // each completed load in data-generation), the same signal the browser tests wait for.
      const ready = () =>
        page.waitForFunction(
          () => {
            const doc = (
              globalThis as unknown as {
                document: {
                  getElementById(id: string): {
                    getAttribute(n: string): string | null;
                    dataset: Record<string, string>;
                  } | null;
                };
              }
            ).document;
            const panels = doc.getElementById('panels');
            return (
              panels?.getAttribute('aria-busy') === 'false' &&
              Number(panels.dataset.generation ?? 0) > 0
            );
          },
          undefined,
          { timeout: 60_000, polling: 10 },
        );
      cold.push(
        await timed(async () => {
          await page.goto(`${url}/dashboard${query}#token=${jwt}`);
          await ready();
        }),
      );
      warm.push(
        await timed(async () => {
          await page.reload();
          await ready();
        }),
      );
      await context.close();
    }
    // The API requests the page makes, sent directly and one after another.
    const headers = { authorization: `Bearer ${jwt}` };
    const jc = tenant === '*' ? stats.top : tenant;
    const from = `${Number(month.slice(0, 4)) - 2}-${month.slice(5, 7)}`;
    const api: number[] = [];
    for (let i = 0; i < repeat; i++) {
      api.push(
        await timed(() =>
          Promise.all(
            [
              `/v1/statistics/integration-quota/series?jobcenter=${jc}&from=${from}&to=${month}`,
              `/v1/statistics/ranking?indicator=integration-quota&month=${month}`,
              `/v1/statistics/long-term-recipients?jobcenter=${jc}&month=${month}`,
              `/v1/statistics/measure-occupancy?jobcenter=${jc}&month=${month}`,
            ].map((path) => fetch(`${url}${path}`, { headers }).then((r) => r.json())),
          ),
        ),
      );
    }
    rows.push(
      `| ${label} | ${median(cold).toFixed(0)} ms | ${median(warm).toFixed(0)} ms | ${median(api).toFixed(0)} ms |`,
    );
  }
  const yearAgo = `${Number(month.slice(0, 4)) - 1}-${month.slice(5, 7)}-01`;
  const raw: number[] = [];
  for (let i = 0; i < repeat; i++) {
    raw.push(
      await timed(() =>
        client.query(
          `SELECT tenant_id, count(DISTINCT (stream_id, date_trunc('month', effective_date)))
           FROM event_store.events
           WHERE event_type = 'EmploymentStarted' AND data->>'kind' IN ('insured', 'vocational-training', 'self-employed')
             AND effective_date >= $1::date GROUP BY 1`,
          [yearAgo],
        ),
      ),
    );
  }
  await browser.close();
  await client.end();
  console.log(
    '| view | page until figures, cold (median) | warm reload | its API requests, direct |',
  );
  console.log('| --- | ---: | ---: | ---: |');
  for (const row of rows) console.log(row);
  console.log(
    `raw SQL baseline (integrations per Jobcenter, numerator only, from the events): ${median(raw).toFixed(1)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
