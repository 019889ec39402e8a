/**
 * What auditors do over HTTP: read a case's full history with who did what and when, see the
 * case as it stood on a past day or as the system knew it at a past position (the same evolve
 * as the write side), and check the access log that records every read of personal data.
 */
import { signingKeyFor } from '#config';
import { parseSignedCheckpoint, signAllCheckpoints, verifyStreamChain } from '#event-store';
import { send, startApp, type RunningApp } from './support/app.js';
import { rawRequest } from './support/raw-http.js';

let running: RunningApp;
const T = 'jc-kronach';
let caseId: string;
let positionBeforeLateEntry: number;

beforeAll(async () => {
  running = await startApp();
  const anna = await running.token(T, 'caseworker', 'anna.schmidt');
  const enrolled = await send(running.url, 'POST', '/v1/cases', {
    token: anna,
    headers: { 'x-correlation-id': 'audit-story' },
    body: {
      client: {
        givenName: 'Jonas',
        familyName: 'Weber',
        dateOfBirth: '1979-02-28',
        gender: 'male',
      },
      enrolledOn: '2024-01-08',
    },
  });
  caseId = enrolled.body.caseId as string;
  const ended = await send(running.url, 'POST', `/v1/cases/${caseId}/need-ended`, {
    token: anna,
    body: { endedOn: '2024-06-30', reason: 'employment-income' },
  });
  positionBeforeLateEntry = ended.body.position as number;
  // A late entry: the job start of 1 June is recorded after the end of need.
  await send(running.url, 'POST', `/v1/cases/${caseId}/employments`, {
    token: await running.token(T, 'caseworker', 'ben.krause'),
    body: { kind: 'insured', startedOn: '2024-06-01', subsidised: false, monthlyGrossIncome: 2900 },
  });
});
afterAll(async () => {
  await running?.close();
});

const auditor = () => running.token(T, 'auditor', 'pruefdienst.lehmann');

it('lists every event with its metadata, in pages, for auditors with a reason only', async () => {
  const token = await auditor();
  const headers = { reason: 'Routineprüfung 2026/17' };
  const first = await send(running.url, 'GET', `/v1/audit/cases/${caseId}/events?limit=2`, {
    token,
    headers,
  });
  expect(first.status).toBe(200);
  const events = first.body.events as Record<string, unknown>[];
  expect(events.map((e) => [e.version, e.type, e.actor, e.effectiveDate])).toEqual([
    [1, 'ClientEnrolled', 'anna.schmidt', '2024-01-08'],
    [2, 'NeedForAssistanceEnded', 'anna.schmidt', '2024-06-30'],
  ]);
  // The person key is the service's own: the auditor sees the event without it.
  expect(events[0]!.data).not.toHaveProperty('personKey');
  expect(events[0]).toMatchObject({
    schemaVersion: 3,
    tenant: T,
    correlationId: 'audit-story',
    actorRoles: ['caseworker'],
    personal: { givenName: 'Jonas', familyName: 'Weber', dateOfBirth: '1979-02-28' },
  });
  expect(events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(first.body.nextFromVersion).toBe(3);
  const second = await send(running.url, 'GET', `/v1/audit/cases/${caseId}/events?fromVersion=3`, {
    token,
    headers,
  });
  expect(
    (second.body.events as { type: string; actor: string }[]).map((e) => [e.type, e.actor]),
  ).toEqual([['EmploymentStarted', 'ben.krause']]);
  expect(second.body.nextFromVersion).toBeNull();

  const noReason = await send(running.url, 'GET', `/v1/audit/cases/${caseId}/events`, { token });
  expect({ status: noReason.status, field: noReason.body.errors?.[0]?.field }).toEqual({
    status: 400,
    field: 'header:Reason',
  });
  const caseworker = await send(running.url, 'GET', `/v1/audit/cases/${caseId}/events`, {
    token: await running.token(T, 'caseworker'),
    headers,
  });
  expect(caseworker.status).toBe(403);
  const otherJobcenter = await send(running.url, 'GET', `/v1/audit/cases/${caseId}/events`, {
    token: await running.token('jc-coburg', 'auditor'),
    headers,
  });
  expect(otherJobcenter.status).toBe(404);
});

it('shows the case as it stood on a past day, and as the system knew it at a past position', async () => {
  const token = await auditor();
  const headers = { reason: 'Widerspruchsverfahren W-123' };
  const state = async (query: string) =>
    (await send(running.url, 'GET', `/v1/audit/cases/${caseId}/state?${query}`, { token, headers }))
      .body;

  // By effective date: in May neither the job nor the end of need had happened.
  expect(await state('asOf=2024-05-31')).toMatchObject({
    events: 1,
    state: { need: { ongoing: true }, employments: [] },
  });
  // On 15 June the job had started (recorded later, but it happened then).
  expect(await state('asOf=2024-06-15')).toMatchObject({
    events: 2,
    state: {
      need: { ongoing: true },
      employments: [{ kind: 'insured', startedOn: '2024-06-01', monthlyGrossIncome: 2900 }],
    },
  });
  // What the system knew before the late entry: need ended, no job yet.
  expect(await state(`atPosition=${positionBeforeLateEntry}`)).toMatchObject({
    events: 2,
    state: { need: { ongoing: false, endedOn: '2024-06-30' }, employments: [] },
  });
  // Before the enrolment there was no case.
  expect(await state('asOf=2023-12-31')).toMatchObject({ events: 0, state: null });

  const both = await send(
    running.url,
    'GET',
    `/v1/audit/cases/${caseId}/state?asOf=2024-05-31&atPosition=3`,
    { token, headers },
  );
  expect(both.status).toBe(400);
  const impossible = await send(
    running.url,
    'GET',
    `/v1/audit/cases/${caseId}/state?asOf=2024-02-30`,
    { token, headers },
  );
  expect(impossible.body.errors?.[0]).toMatchObject({ field: 'asOf', rule: 'isCalendarDate' });
});

it('records every read of personal data in the access log, which is itself hash-chained', async () => {
  const caseworker = await running.token(T, 'caseworker', 'carla.vogt');
  await send(running.url, 'GET', `/v1/cases/${caseId}`, { token: caseworker });
  const token = await auditor();
  await send(running.url, 'GET', `/v1/audit/cases/${caseId}/events`, {
    token,
    headers: { reason: 'Datenschutzprüfung' },
  });
  const month = new Date().toISOString().slice(0, 7);
  const log = await send(
    running.url,
    'GET',
    `/v1/audit/access-log?month=${month}&caseId=${caseId}`,
    { token },
  );
  const entries = log.body.entries as Record<string, unknown>[];
  expect(entries).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ actor: 'carla.vogt', purpose: 'case-view', reason: null, caseId }),
      expect.objectContaining({
        actor: 'pruefdienst.lehmann',
        purpose: 'audit-history',
        reason: 'Datenschutzprüfung',
      }),
      expect.objectContaining({ purpose: 'audit-state', reason: 'Widerspruchsverfahren W-123' }),
    ]),
  );
  const stream = await running.store.readStream(T, `access-log-${month}`);
  expect(stream.length).toBeGreaterThanOrEqual(entries.length);
  expect(verifyStreamChain(stream).ok).toBe(true);
  // The access log holds no personal data of the client.
  expect(JSON.stringify(stream)).not.toMatch(/Jonas|Weber|1979-02-28/);
});

it('verifies the Jobcenter over HTTP, lists the signed checkpoints, and names a tampered row', async () => {
  const token = await auditor();
  await running.allEvents(); // $all shows every committed row
  expect(
    await signAllCheckpoints(running.store, running.store.db, signingKeyFor(running.config)),
  ).toBeGreaterThan(0);
  const before = await send(running.url, 'GET', '/v1/audit/integrity', { token });
  expect(before.status).toBe(200);
  expect(before.body).toMatchObject({
    ok: true,
    tenant: T,
    checkpointsVerified: 1,
    problems: [],
    publicKey: expect.stringContaining('BEGIN PUBLIC KEY') as string,
  });
  const listed = await send(running.url, 'GET', '/v1/audit/integrity/checkpoints', { token });
  expect(listed.status).toBe(200);
  const checkpoints = listed.body.checkpoints as Record<string, unknown>[];
  expect(checkpoints).toHaveLength(1);
  expect(checkpoints[0]).toMatchObject({ tenant: T, events: before.body.events });
  expect(parseSignedCheckpoint(JSON.stringify(checkpoints[0]))).toEqual(checkpoints[0]);

  // Only auditors, and only their own Jobcenter.
  for (const role of ['caseworker', 'dpo', 'analyst'] as const) {
    const refused = await send(running.url, 'GET', '/v1/audit/integrity', {
      token: await running.token(T, role),
    });
    expect(refused.status).toBe(403);
  }
  const other = await send(running.url, 'GET', '/v1/audit/integrity/checkpoints', {
    token: await running.token('jc-bamberg', 'auditor'),
  });
  expect(other.body).toMatchObject({ checkpoints: [] });

  await running.store.db.query(
    `UPDATE event_store.events SET effective_date = '2024-06-02' WHERE stream_id = $1 AND event_type = 'EmploymentStarted'`,
    [`case-${caseId}`],
  );
  const after = await send(running.url, 'GET', '/v1/audit/integrity', { token });
  expect(after.body.ok).toBe(false);
  // The stored hash no longer matches the row (the signed digest covers the stored hashes).
  expect(after.body.problems).toEqual([
    expect.objectContaining({ kind: 'chain', streamId: `case-${caseId}`, version: 3 }),
  ]);
});

it('answers every audit read and the case view with Cache-Control: no-store, so no cache keeps them', async () => {
  const token = await auditor();
  const headers = { reason: 'Datenschutzprüfung' };
  const month = new Date().toISOString().slice(0, 7);
  const reads = [
    { path: `/v1/cases/${caseId}`, status: 200, token: await running.token(T, 'caseworker') },
    { path: `/v1/audit/cases/${caseId}/events`, status: 200, token, headers },
    { path: `/v1/audit/cases/${caseId}/state?asOf=2024-06-15`, status: 200, token, headers },
    { path: `/v1/audit/access-log?month=${month}`, status: 200, token },
    { path: '/v1/audit/integrity', status: 200, token },
    { path: '/v1/audit/integrity/checkpoints', status: 200, token },
    // Refused for its missing Reason: the refusal is not kept either.
    { path: `/v1/audit/cases/${caseId}/events`, status: 400, token },
  ];
  const answers = [];
  for (const { path, status: _, ...options } of reads) {
    const answer = await send(running.url, 'GET', path, options);
    const directives = (answer.headers.get('cache-control') ?? '').split(',').map((d) => d.trim());
    answers.push({ path, status: answer.status, noStore: directives.includes('no-store') });
  }
  expect(answers).toEqual(reads.map(({ path, status }) => ({ path, status, noStore: true })));
});

it('stores the Reason as the auditor typed it: UTF-8 bytes, RFC 8187, or ISO-8859-1 bytes', async () => {
  const token = await auditor();
  const month = new Date().toISOString().slice(0, 7);
  const sent = [
    { reason: 'Prüfung 2026', wire: Buffer.from('Prüfung 2026', 'utf8') },
    { reason: 'Проверка 2026', wire: Buffer.from('Проверка 2026', 'utf8') },
    {
      reason: 'Перевірка № 7',
      wire: Buffer.from(`UTF-8''${encodeURIComponent('Перевірка № 7')}`),
    },
    { reason: 'Stichprobe für Ärzte', wire: Buffer.from('Stichprobe für Ärzte', 'latin1') },
  ];
  const read = (reason: Buffer) =>
    rawRequest(running.url, 'GET', `/v1/audit/cases/${caseId}/events?limit=1`, {
      authorization: `Bearer ${token}`,
      reason,
    });
  const statuses = [];
  for (const { wire } of sent) statuses.push((await read(wire)).status);
  expect(statuses).toEqual(sent.map(() => 200));

  const log = await send(
    running.url,
    'GET',
    `/v1/audit/access-log?month=${month}&caseId=${caseId}`,
    {
      token,
    },
  );
  const reasons = (log.body.entries as { reason: string | null }[]).map((e) => e.reason);
  expect(reasons).toEqual(expect.arrayContaining(sent.map((s) => s.reason)));
  // Nothing stored as its Latin-1 misreading ("PrÃ¼fung").
  const misread = sent.map((s) => Buffer.from(s.reason, 'utf8').toString('latin1'));
  expect(reasons.filter((r) => r !== null && misread.includes(r))).toEqual([]);

  // A value that claims RFC 8187 but is no UTF-8 is refused, naming the rule.
  const broken = await read(Buffer.from("UTF-8''Pr%FCfung"));
  expect({ status: broken.status, errors: broken.body.errors }).toEqual({
    status: 400,
    errors: [expect.objectContaining({ field: 'header:Reason', rule: 'rfc8187' })],
  });
});
