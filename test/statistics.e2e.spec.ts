/**
 * The statistics as a dashboard uses them, end to end on real PostgreSQL: a recorded job start
 * shows in the figures (read-your-writes and the live stream), who may see which Jobcenter,
 * suppression for analysts, provisional months, the ranking, and figures that do not change
 * when the server restarts.
 */
import { randomUUID } from 'node:crypto';
import { germanCalendarDay } from '#domain';
import { approvedProgramme, send, startApp, type RunningApp } from './support/app.js';
import { openEventStream } from './support/sse.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const A = 'jc-kronach';
const B = 'jc-coburg';
let database: TestDatabase;
let running: RunningApp;
const cases: string[] = [];

let enrolled = 0;
/** A client of their own each time: the same name and date of birth would be one person. */
async function enrol(tenant: string, refugee: boolean, enrolledOn = '2024-01-08'): Promise<string> {
  enrolled += 1;
  const response = await send(running.url, 'POST', '/v1/cases', {
    token: await running.token(tenant, 'caseworker'),
    body: {
      client: {
        givenName: `S${enrolled}`,
        familyName: 'T',
        dateOfBirth: '1988-03-03',
        gender: 'female',
      },
      enrolledOn,
      targetGroups: { refugeeUkraine: refugee },
    },
  });
  expect(response.status).toBe(201);
  return response.body.caseId as string;
}

async function figure(token: string, indicator: string, query: string) {
  return send(running.url, 'GET', `/v1/statistics/${indicator}?${query}`, { token });
}

beforeAll(async () => {
  database = await createTestDatabase();
  running = await startApp({ database });
  await approvedProgramme(running, A, 2024, ['JT-2024-01']);
  for (let i = 0; i < 6; i++) cases.push(await enrol(A, i < 2)); // two refugees, four others
  for (let i = 0; i < 3; i++) await enrol(B, false);
}, 60_000);
afterAll(async () => {
  await running?.close();
  await database?.drop();
});

it('includes a job start in the figures as soon as the command returns, with minPosition', async () => {
  const caseworker = await running.token(A, 'caseworker');
  const before = await figure(caseworker, 'integration-quota', 'month=2024-06');
  const started = await send(running.url, 'POST', `/v1/cases/${cases[2]}/employments`, {
    token: caseworker,
    body: { kind: 'insured', startedOn: '2024-06-03', subsidised: false },
  });
  expect(started.status).toBe(201);
  const after = await figure(
    caseworker,
    'integration-quota',
    `month=2024-06&minPosition=${started.body.position as number}`,
  );
  expect(after.status).toBe(200);
  expect(after.body.numerator).toBe((before.body.numerator as number) + 1);
  expect(after.body.position).toBeGreaterThanOrEqual(started.body.position as number);
  // Stock on the 12 reference days before June 2024 (15 Jun 2023 - 15 May 2024): 6 clients on
  // 15 Jan - 15 May (enrolled 8 Jan), none before: 30 / 12 = 2.5.
  expect(after.body).toMatchObject({
    jobcenter: A,
    month: '2024-06',
    denominator: 2.5,
    suppressed: false,
    provisional: false,
  });
});

it('pushes a change over the live stream when a command changes a figure', async () => {
  const token = await running.token(A, 'analyst');
  const stream = await openEventStream(`${running.url}/v1/statistics/stream?access_token=${token}`);
  expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  await stream.nextEvent('ready');
  const sent = Date.now();
  const started = await send(running.url, 'POST', `/v1/cases/${cases[3]}/employments`, {
    token: await running.token(A, 'caseworker'),
    body: { kind: 'vocational-training', startedOn: '2024-07-01', subsidised: false },
  });
  const change = await stream.nextEvent('statistics-changed');
  const latency = Date.now() - sent;
  stream.close();
  expect(change).toMatchObject({ jobcenters: [A] });
  expect(change.position).toBeGreaterThanOrEqual(started.body.position as number);
  process.stderr.write(`[statistics] job start to live update: ${latency} ms\n`);
});

it('shows a caseworker and a team lead their own Jobcenter only, and no planner at all', async () => {
  const caseworker = await running.token(A, 'caseworker');
  const other = await figure(caseworker, 'stock', `jobcenter=${B}&month=2024-06`);
  expect({ status: other.status, code: other.body.code }).toEqual({
    status: 403,
    code: 'forbidden-jobcenter',
  });
  const planner = await figure(await running.token(A, 'planner'), 'stock', 'month=2024-06');
  expect(planner.status).toBe(403);
  const unauthenticated = await send(running.url, 'GET', '/v1/statistics/stock');
  expect(unauthenticated.status).toBe(401);
});

it('suppresses counts of 1 and 2 for analysts, never for the Jobcenter’s own caseworkers', async () => {
  const refugees = 'month=2024-06&targetGroup=refugee-ukraine';
  const analyst = await figure(await running.token(A, 'analyst'), 'stock', refugees);
  expect(analyst.body).toMatchObject({ numerator: null, value: null, suppressed: true });
  const caseworker = await figure(await running.token(A, 'caseworker'), 'stock', refugees);
  expect(caseworker.body).toMatchObject({ numerator: 2, suppressed: false });
  // 6 in all, 2 refugees: the 4 others would reveal them by subtraction only if small; 4 is not.
  const all = await figure(await running.token(A, 'analyst'), 'stock', 'month=2024-06');
  expect(all.body).toMatchObject({ numerator: 6, suppressed: false });
});

it('gives national analysts every Jobcenter, the nation as a whole, and the ranking', async () => {
  const national = await running.token('*', 'analyst');
  const nation = await figure(national, 'stock', 'jobcenter=*&month=2024-06');
  expect(nation.body).toMatchObject({ jobcenter: '*', numerator: 9 });
  const coburg = await figure(national, 'stock', `jobcenter=${B}&month=2024-06`);
  expect(coburg.body).toMatchObject({ jobcenter: B, numerator: 3 });
  const ranking = await send(
    running.url,
    'GET',
    '/v1/statistics/ranking?indicator=stock&month=2024-06',
    { token: national },
  );
  expect(ranking.status).toBe(200);
  expect(ranking.body).toMatchObject({ indicator: 'stock', better: 'lower' });
  const entries = ranking.body.jobcenters as { jobcenter: string; rank: number; value: number }[];
  expect(entries.map((e) => [e.jobcenter, e.rank, e.value])).toEqual([
    [B, 1, 3],
    [A, 2, 6],
  ]);
});

it('marks a month provisional until its whole three-month waiting period has passed', async () => {
  const token = await running.token(A, 'caseworker');
  // The server's month is the Jobcenter's (Europe/Berlin), not UTC's.
  const [year, month] = germanCalendarDay(new Date()).split('-').map(Number) as [number, number];
  const monthsBack = (n: number) => {
    const at = new Date(Date.UTC(year, month - 1 - n, 1));
    return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  // Today is within the third month after monthsBack(3): its waiting period has not passed.
  for (const back of [0, 3])
    expect((await figure(token, 'stock', `month=${monthsBack(back)}`)).body.provisional).toBe(true);
  expect((await figure(token, 'stock', `month=${monthsBack(4)}`)).body.provisional).toBe(false);
  expect((await figure(token, 'stock', 'month=2024-06')).body.provisional).toBe(false);
});

it('answers a series month by month, each month exactly as the single-month query', async () => {
  const token = await running.token(A, 'analyst');
  const series = await send(
    running.url,
    'GET',
    '/v1/statistics/stock/series?from=2023-11&to=2024-04&targetGroup=refugee-ukraine',
    { token },
  );
  expect(series.status).toBe(200);
  const items = series.body.items as { month: string }[];
  expect(items.map((i) => i.month)).toEqual([
    '2023-11',
    '2023-12',
    '2024-01',
    '2024-02',
    '2024-03',
    '2024-04',
  ]);
  for (const item of items) {
    const single = await figure(token, 'stock', `month=${item.month}&targetGroup=refugee-ukraine`);
    expect(item).toEqual(single.body);
  }
  // Suppressed for an analyst: two refugees are a small count, shown as null, never 0.
  expect(items.at(-1)).toMatchObject({ suppressed: true, numerator: null });
  expect(items[0]).toMatchObject({ suppressed: false, numerator: 0 });
});

it('refuses bad queries, naming the parameter', async () => {
  const token = await running.token(A, 'analyst');
  const cases: [string, string][] = [
    ['/v1/statistics/integration-quota?month=2024-13', 'month'],
    ['/v1/statistics/integration-quota?targetGroup=children', 'targetGroup'],
    ['/v1/statistics/integration-quota?gender=x', 'gender'],
    ['/v1/statistics/integration-quota?colour=red', 'colour'],
    ['/v1/statistics/integration-quota?minPosition=-1', 'minPosition'],
    ['/v1/statistics/integration-quota?minPosition=999999999', 'query:minPosition'],
    ['/v1/statistics/happiness', 'path:indicator'],
    ['/v1/statistics/ranking?indicator=happiness', 'indicator'],
    ['/v1/statistics/stock/series?from=2024-01', 'to'],
    ['/v1/statistics/stock/series?from=2024-01&to=2024-1', 'to'],
    ['/v1/statistics/stock/series?from=2024-06&to=2024-05', 'query:to'],
    ['/v1/statistics/stock/series?from=2024-01&to=2027-01', 'query:to'],
    ['/v1/statistics/happiness/series?from=2024-01&to=2024-02', 'path:indicator'],
  ];
  for (const [path, field] of cases) {
    const response = await send(running.url, 'GET', path, { token });
    expect({
      path,
      status: response.status,
      fields: response.body.errors?.map((e) => e.field),
    }).toEqual({
      path,
      status: 400,
      fields: [field],
    });
  }
});

it('gives the same figures after a restart', async () => {
  const token = await running.token(A, 'caseworker');
  const read = async () =>
    Promise.all(
      ['stock', 'integration-quota', 'need-covering-integrations', 'measure-occupancy'].map(
        async (indicator) => {
          const response = await figure(token, indicator, `jobcenter=${A}&month=2024-07`);
          const answer: Record<string, unknown> = { ...response.body, position: undefined };
          return answer;
        },
      ),
    );
  const before = await read();
  await running.close();
  running = await startApp({ database });
  const after = await read();
  expect(after).toEqual(before);
  // And it goes on projecting after the restart.
  const started = await send(running.url, 'POST', `/v1/cases/${cases[4]}/employments`, {
    token: await running.token(A, 'caseworker'),
    body: { kind: 'self-employed', startedOn: '2024-07-02', subsidised: false },
    headers: { 'idempotency-key': randomUUID() },
  });
  const later = await figure(
    token,
    'integration-quota',
    `jobcenter=${A}&month=2024-07&minPosition=${started.body.position as number}`,
  );
  expect(before[1]!.numerator).toBe(2);
  expect(later.body.numerator).toBe(3);
}, 60_000);
