// `npm run soak -- --minutes N [--users U]`: caseworkers and an analyst against a server of its
// own on a fresh database, for N minutes: errors, latency per kind of request, and the memory
// trend over the second half. Figures: docs/benchmarks.md.
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { issueToken, secretFromText } from '#security';
import { fmt, progress, quantile, withDatabase } from './support.js';
import { serverSecrets, startServer, stopServer } from './server-process.js';

class UsageError extends Error {}

function options(): { minutes: number; users: number } {
  const { values } = parseArgs({
    options: { minutes: { type: 'string', default: '5' }, users: { type: 'string', default: '8' } },
  });
  const minutes = Number(values.minutes);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60)
    throw new UsageError(
      `--minutes must be a number above 0 and at most 1440 (got "${values.minutes}")`,
    );
  const users = Number(values.users);
  if (!Number.isInteger(users) || users < 1 || users > 256)
    throw new UsageError(`--users must be a whole number from 1 to 256 (got "${values.users}")`);
  return { minutes, users };
}

interface Sample {
  readonly at: number;
  readonly rss: number;
  readonly heap: number;
}

async function memory(url: string): Promise<Sample> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return {
    at: Date.now(),
    rss: value('teilhabe_process_resident_memory_bytes') / 2 ** 20,
    heap: value('teilhabe_nodejs_heap_size_used_bytes') / 2 ** 20,
  };
}

/** Least-squares slope of y over minutes. */
function slopePerMinute(samples: readonly Sample[], y: (s: Sample) => number): number {
  const xs = samples.map((s) => s.at / 60_000);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = samples.reduce((a, s) => a + y(s), 0) / samples.length;
  let num = 0;
  let den = 0;
  samples.forEach((s, i) => {
    num += (xs[i]! - mx) * (y(s) - my);
    den += (xs[i]! - mx) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

async function main(): Promise<void> {
  const { minutes, users } = options();
  const secrets = serverSecrets();
  await withDatabase(async (databaseUrl) => {
    const server = await startServer(databaseUrl, secrets);
    const secret = secretFromText(secrets.AUTH_SECRET!);
    const latencies = new Map<string, number[]>();
    const errors = new Map<string, number>();
    let requests = 0;
    const request = async (kind: string, token: string, path: string, body?: unknown) => {
      const started = performance.now();
      const response = await fetch(`${server.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).catch((error: Error) => error);
      const elapsed = performance.now() - started;
      requests += 1;
      if (response instanceof Error || !response.ok) {
        const key = `${kind}: ${response instanceof Error ? response.message : response.status}`;
        errors.set(key, (errors.get(key) ?? 0) + 1);
        if (!(response instanceof Error)) await response.arrayBuffer();
        return undefined;
      }
      (latencies.get(kind) ?? latencies.set(kind, []).get(kind)!).push(elapsed);
      return (await response.json()) as Record<string, unknown>;
    };

    const until = Date.now() + minutes * 60_000;
    const samples: Sample[] = [];
    const sampling = (async () => {
      while (Date.now() < until) {
        samples.push(await memory(server.url));
        const last = samples.at(-1)!;
        progress(
          `${Math.round((until - Date.now()) / 1000)} s left: ${fmt(requests)} requests, ` +
            `${[...errors.values()].reduce((a, b) => a + b, 0)} errors, rss ${last.rss.toFixed(0)} MB, heap ${last.heap.toFixed(0)} MB`,
        );
        await sleep(Math.min(10_000, Math.max(0, until - Date.now())));
      }
    })();
    const caseworker = async (u: number) => {
      const tenant = `jc-soak-${u % 4}`;
      const token = await issueToken({
        secret,
        tenant,
        roles: ['caseworker'],
        subject: `soak-${u}`,
      });
      while (Date.now() < until) {
        const enrolled = await request('enrol', token, '/v1/cases', {
          client: {
            givenName: 'Soak',
            familyName: `User-${u}`,
            dateOfBirth: '1988-02-11',
            gender: 'male',
          },
          enrolledOn: '2026-02-02',
        });
        const caseId = enrolled?.caseId as string | undefined;
        if (!caseId) continue;
        await request('read case', token, `/v1/cases/${caseId}`);
        await request('command', token, `/v1/cases/${caseId}/cooperation-plan`, {
          agreedOn: '2026-02-09',
          goals: ['Bewerbungen'],
        });
        await request('command', token, `/v1/cases/${caseId}/employments`, {
          kind: 'insured',
          startedOn: '2026-04-01',
          subsidised: false,
        });
        await request('read case', token, `/v1/cases/${caseId}`);
        await request('command', token, `/v1/cases/${caseId}/need-ended`, {
          endedOn: '2026-04-30',
          reason: 'employment-income',
        });
      }
    };
    const analyst = async () => {
      const token = await issueToken({
        secret,
        tenant: '*',
        roles: ['analyst'],
        subject: 'soak-analyst',
      });
      while (Date.now() < until) {
        await request(
          'statistics',
          token,
          '/v1/statistics/integration-quota?jobcenter=*&month=2026-04',
        );
        await request(
          'statistics',
          token,
          '/v1/statistics/need-ended/series?jobcenter=jc-soak-1&from=2026-01&to=2026-06',
        );
        await sleep(200);
      }
    };
    await Promise.all([
      ...Array.from({ length: users }, (_, u) => caseworker(u)),
      analyst(),
      sampling,
    ]);
    samples.push(await memory(server.url));
    await stopServer(server.child);

    const total = [...errors.values()].reduce((a, b) => a + b, 0);
    console.log('');
    console.log(`teilhabe soak — ${minutes} min, ${users} caseworkers and 1 analyst on loopback`);
    console.log(
      `requests: ${fmt(requests)} (${fmt(requests / (minutes * 60))}/s), errors: ${total} (target 0)`,
    );
    for (const [key, count] of errors) console.log(`  ${key}: ${count}`);
    console.log('');
    console.log('| request | count | p50 ms | p95 ms | p99 ms | max ms |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [kind, values] of latencies)
      console.log(
        `| ${kind} | ${fmt(values.length)} | ${quantile(values, 0.5).toFixed(1)} | ${quantile(values, 0.95).toFixed(1)} | ${quantile(values, 0.99).toFixed(1)} | ${Math.max(...values).toFixed(1)} |`,
      );
    const warm = samples.slice(Math.floor(samples.length / 2));
    console.log('');
    console.log(
      `memory: rss ${samples[0]!.rss.toFixed(0)} → ${samples.at(-1)!.rss.toFixed(0)} MB, heap ${samples[0]!.heap.toFixed(0)} → ${samples.at(-1)!.heap.toFixed(0)} MB; ` +
        (warm.length >= 3
          ? `second half: rss ${slopePerMinute(warm, (s) => s.rss).toFixed(2)} MB/min, heap ${slopePerMinute(warm, (s) => s.heap).toFixed(2)} MB/min (target: flat)`
          : 'too short a run for a trend (use --minutes 2 or more)'),
    );
    if (total > 0) process.exitCode = 1;
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `soak: ${error.message}` : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
