/**
 * Two server replicas on one PostgreSQL database sign integrity checkpoints every second, but
 * only one of them at a time: the leader of `checkpoint-signer`. When the leader's lock session
 * dies the other one takes over and keeps signing, without a clash between the two.
 */
import pg from 'pg';
import { send, startApp, type RunningApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { until } from './support/until.js';

const A = 'jc-signer';
let database: TestDatabase;
let admin: pg.Client;
const apps: RunningApp[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  for (let i = 0; i < 2; i++) {
    apps.push(await startApp({ database, env: { CHECKPOINT_INTERVAL_SECONDS: '1' } }));
  }
}, 60_000);
afterAll(async () => {
  for (const app of apps) await app.close();
  await admin?.end();
  await database?.drop();
});

/** The replica's teilhabe_checkpoint_signer_leader: 'leader' or 'standby'. */
async function signerState(app: RunningApp): Promise<string | undefined> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const value = /^teilhabe_checkpoint_signer_leader (\d)/m.exec(text)?.[1];
  return value === undefined ? undefined : value === '1' ? 'leader' : 'standby';
}

async function signed(): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    'SELECT count(*) AS n FROM event_store.checkpoints WHERE tenant_id = $1',
    [A],
  );
  return Number(rows[0]!.n);
}

async function enrol(app: RunningApp): Promise<void> {
  const response = await send(app.url, 'POST', '/v1/cases', {
    token: await app.token(A, 'caseworker'),
    body: {
      client: { givenName: 'S', familyName: 'T', dateOfBirth: '1990-01-01', gender: 'female' },
      enrolledOn: '2024-01-08',
      targetGroups: { refugeeUkraine: false },
    },
  });
  expect(response.status).toBe(201);
}

it('signs in one replica only, and the other takes over when the leader dies', async () => {
  let states: (string | undefined)[] = [];
  await until('one leader and one standby', async () => {
    states = await Promise.all(apps.map(signerState));
    return [...states].sort().join() === 'leader,standby';
  });
  const leader = apps[states.indexOf('leader')]!;
  const standby = apps.find((app) => app !== leader)!;

  await enrol(standby);
  await until('a signed checkpoint', async () => (await signed()) >= 1);

  // The leader's lock session dies (as when its process or connection does).
  const { rows } = await admin.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE application_name = 'teilhabe-leader:checkpoint-signer' AND datname = current_database()",
  );
  const before = await signed();
  const killedAt = Date.now();
  // The standby's session is one of them, too: end the one that holds the lock.
  const { rows: holders } = await admin.query<{ pid: number }>(
    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = ANY($1::int[])",
    [rows.map((r) => r.pid)],
  );
  expect(holders).toHaveLength(1);
  await admin.query('SELECT pg_terminate_backend($1)', [holders[0]!.pid]);
  await until('the standby to lead', async () => (await signerState(standby)) === 'leader', 10_000);
  console.log(`[checkpoint-signer] standby leads ${Date.now() - killedAt} ms after the kill`);

  await enrol(leader);
  await until('the new leader to sign', async () => (await signed()) > before);
  // The old leader stands by again; no replica failed to sign (two signers would clash on seq).
  await until('the old leader to stand by', async () => (await signerState(leader)) === 'standby');
  for (const app of apps) expect(app.logs()).not.toContain('signing checkpoints failed');
  const verified = await send(standby.url, 'GET', '/v1/audit/integrity', {
    token: await standby.token(A, 'auditor'),
  });
  expect(verified.body).toMatchObject({ ok: true, checkpointsVerified: await signed() });
}, 60_000);
