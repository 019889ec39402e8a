// Reads off the primary: a private primary and a hot standby under a real server. With the
// standby's WAL replay paused the figures stand still and `minPosition` waits; once replay
// resumes the write is there. What is checked: docs/operations.md.
import pg from 'pg';
import { send, startApp, type RunningApp } from './support/app.js';
import { startPrivateCluster, type PrivateCluster } from './support/private-postgres.mjs';
import { until } from './support/until.js';

const A = 'jc-replica';
const NAME = 'teilhabe_replica';
let primary: PrivateCluster | undefined;
let replica: PrivateCluster | undefined;
let running: RunningApp;
let onPrimary: pg.Client;
let onReplica: pg.Client;
const cases: string[] = [];

beforeAll(async () => {
  const started = Date.now();
  primary = await startPrivateCluster();
  const url = await primary.createDatabase(NAME);
  replica = await startPrivateCluster({ replicaOf: { port: primary.port } });
  const setup = Date.now() - started;
  running = await startApp({
    database: { url, name: NAME, drop: () => Promise.resolve() },
    env: { READ_DATABASE_URL: replica.urlFor(NAME) },
  });
  onPrimary = new pg.Client({ connectionString: url });
  onReplica = new pg.Client({ connectionString: replica.urlFor(NAME) });
  await Promise.all([onPrimary.connect(), onReplica.connect()]);
  for (let i = 0; i < 4; i++) cases.push(await enrol(i));
  console.log(
    `[read-replica] primary and replica ready in ${setup} ms, server up ${Date.now() - started} ms`,
  );
}, 180_000);
afterAll(async () => {
  await onReplica?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
  await Promise.all([onPrimary?.end(), onReplica?.end()].map((p) => p?.catch(() => undefined)));
  await running?.close();
  await replica?.destroy();
  await primary?.destroy();
}, 60_000);

async function enrol(i: number): Promise<string> {
  const response = await send(running.url, 'POST', '/v1/cases', {
    token: await running.token(A, 'caseworker'),
    body: {
      client: { givenName: `R${i}`, familyName: 'S', dateOfBirth: '1988-03-03', gender: 'male' },
      enrolledOn: '2024-01-08',
      targetGroups: { refugeeUkraine: false },
    },
  });
  expect(response.status).toBe(201);
  return response.body.caseId as string;
}

async function integrations(token: string, minPosition?: number) {
  const query = `month=2024-06${minPosition === undefined ? '' : `&minPosition=${minPosition}`}`;
  return send(running.url, 'GET', `/v1/statistics/integration-quota?${query}`, { token });
}

/** The statistics checkpoint of the read model in one database. */
async function checkpointOn(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ prepare: string }>(
    "SELECT prepare FROM stats.checkpoint WHERE projection = 'statistics'",
  );
  return Number(rows[0]?.prepare ?? 0);
}

it('is a real streaming replica, and the server reads from it', async () => {
  const { rows } = await onReplica.query<{ recovery: boolean }>(
    'SELECT pg_is_in_recovery() AS recovery',
  );
  expect(rows[0]!.recovery).toBe(true);
  const caseworker = await running.token(A, 'caseworker');
  expect((await integrations(caseworker)).status).toBe(200);
  // The server's read pool is connected to the replica, not to the primary.
  const readers = async (client: pg.Client) =>
    Number(
      (
        await client.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'teilhabe-read'",
        )
      ).rows[0]!.n,
    );
  expect(await readers(onReplica)).toBeGreaterThan(0);
  expect(await readers(onPrimary)).toBe(0);
});

it('serves statistics from the replica, with read-your-writes through minPosition', async () => {
  const caseworker = await running.token(A, 'caseworker');
  const before = await integrations(caseworker);
  expect(before.status).toBe(200);

  await onReplica.query('SELECT pg_wal_replay_pause()');
  let resumed = false;
  try {
    // Commands still land on the primary while the replica stands still.
    const started = await send(running.url, 'POST', `/v1/cases/${cases[0]}/employments`, {
      token: caseworker,
      body: { kind: 'insured', startedOn: '2024-06-03', subsidised: false },
    });
    expect(started.status).toBe(201);
    const position = started.body.position as number;
    await until('the primary to project the job start', async () => {
      return (await checkpointOn(onPrimary)) >= position;
    });
    expect(await checkpointOn(onReplica)).toBeLessThan(position);

    // Without minPosition: the replica's figure, which does not have the job start yet.
    const stale = await integrations(caseworker);
    expect(stale.status).toBe(200);
    expect(stale.body.numerator).toBe(before.body.numerator);
    expect(stale.body.position).toBeLessThan(position);

    // With minPosition: waits for the replica, and says so after the bounded wait.
    const waited = Date.now();
    const behind = await integrations(caseworker, position);
    expect(behind.status).toBe(503);
    expect(behind.body.type).toMatch(/read-model-behind$/);
    expect(Date.now() - waited).toBeGreaterThanOrEqual(4_500);

    // Replay resumes while a query waits: it answers with the write included.
    const asking = integrations(caseworker, position);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const resumedAt = Date.now();
    await onReplica.query('SELECT pg_wal_replay_resume()');
    resumed = true;
    const after = await asking;
    expect(after.status).toBe(200);
    expect(after.body.numerator).toBe((before.body.numerator as number) + 1);
    expect(after.body.position).toBeGreaterThanOrEqual(position);
    console.log(
      `[read-replica] after replay resumed, the waiting query answered in ${Date.now() - resumedAt} ms`,
    );
  } finally {
    if (!resumed) await onReplica.query('SELECT pg_wal_replay_resume()');
  }
}, 60_000);

it('serves audit reads from the replica', async () => {
  const auditor = await running.token(A, 'auditor');
  const verify = () => send(running.url, 'GET', '/v1/audit/integrity', { token: auditor });
  await until('the replica to catch up', async () => {
    const [p, r] = await Promise.all([
      onPrimary.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events'),
      onReplica.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events'),
    ]);
    return p.rows[0]!.n === r.rows[0]!.n;
  });
  const caughtUp = await verify();
  expect(caughtUp.status).toBe(200);
  expect(caughtUp.body.ok).toBe(true);

  await onReplica.query('SELECT pg_wal_replay_pause()');
  try {
    await enrol(99); // on the primary: one more event of this Jobcenter
    const paused = await verify();
    expect(paused.status).toBe(200);
    expect(paused.body.ok).toBe(true);
    expect(paused.body.events).toBe(caughtUp.body.events); // the replica's view
    const log = await send(running.url, 'GET', '/v1/audit/access-log?month=2026-11', {
      token: auditor,
    });
    expect(log.status).toBe(200);
  } finally {
    await onReplica.query('SELECT pg_wal_replay_resume()');
  }
  await until('the replica to show the new event', async () => {
    const now = await verify();
    return now.body.events === (caughtUp.body.events as number) + 1;
  });
}, 60_000);
