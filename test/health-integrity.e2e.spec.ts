/**
 * /health says when the store's own integrity check fails (docs/operations.md, "Verifying a
 * store"): events recorded through the API, then rows changed by SQL behind the server's back.
 */
import { send, startApp, type RunningApp } from './support/app.js';
import { until } from './support/until.js';

const A = 'jc-kronach';
let running: RunningApp;
let caseId: string;

beforeAll(async () => {
  running = await startApp();
  const token = await running.token(A, 'caseworker');
  const enrolled = await send(running.url, 'POST', '/v1/cases', {
    token,
    body: {
      client: { givenName: 'Ida', familyName: 'Kern', dateOfBirth: '1980-02-02', gender: 'female' },
      enrolledOn: '2024-01-08',
    },
  });
  expect(enrolled.status).toBe(201);
  caseId = enrolled.body.caseId as string;
  for (const [kind, startedOn] of [
    ['marginal', '2024-02-01'],
    ['insured', '2024-03-01'],
  ]) {
    const started = await send(running.url, 'POST', `/v1/cases/${caseId}/employments`, {
      token,
      body: { kind, startedOn, subsidised: false },
    });
    expect(started.status).toBe(201);
  }
}, 60_000);
afterAll(async () => {
  await running?.close();
});

/** /health once the cached check has expired and seen the store as it is now. */
async function healthUntil(status: number) {
  return until(
    `/health answering ${status}`,
    async () => {
      const health = await send(running.url, 'GET', '/health');
      return health.status === status ? health : undefined;
    },
    15_000,
    250,
  );
}

it('answers 200 for an untouched store, 503 corrupt once a recent event’s data is changed', async () => {
  expect((await send(running.url, 'GET', '/health')).body).toEqual({
    status: 'ok',
    eventStore: { engine: 'postgres', status: 'up' },
  });
  const stream = `case-${caseId}`;
  const [original] = await running.store.db.query<{ data: object }>(
    `SELECT data FROM event_store.events WHERE stream_id = $1 AND stream_version = 3`,
    [stream],
  );
  await running.store.db.query(
    `UPDATE event_store.events SET data = data || '{"subsidised": true}'
     WHERE stream_id = $1 AND stream_version = 3`,
    [stream],
  );
  const corrupt = await healthUntil(503);
  expect(corrupt.body).toMatchObject({
    status: 'error',
    eventStore: {
      engine: 'postgres',
      status: 'corrupt',
      problems: [{ kind: 'chain', tenant: A, version: 3, detail: 'hash does not match content' }],
    },
  });
  expect(corrupt.body.eventStore).toMatchObject({
    detail: expect.stringContaining('audit verify') as unknown,
  });
  // Undone, the store is healthy again: the check looks at the rows, not at a remembered verdict.
  await running.store.db.query(
    `UPDATE event_store.events SET data = $2::jsonb WHERE stream_id = $1 AND stream_version = 3`,
    [stream, JSON.stringify(original!.data)],
  );
  await healthUntil(200);
});

it('answers 503 corrupt when an event in the middle of a recent stream is deleted', async () => {
  await running.store.db.query(
    `DELETE FROM event_store.events WHERE stream_id = $1 AND stream_version = 2`,
    [`case-${caseId}`],
  );
  const corrupt = await healthUntil(503);
  expect(corrupt.body.eventStore).toMatchObject({
    status: 'corrupt',
    problems: expect.arrayContaining([
      expect.objectContaining({ kind: 'gap', tenant: A, version: 3 }),
    ]) as unknown,
  });
  expect(running.logs()).toContain('event store integrity check failed');
});
