/**
 * A realistic case, end to end over HTTP on real PostgreSQL, through the typed client: a
 * Ukrainian refugee and single parent is enrolled, agrees a cooperation plan, completes a
 * measure of the approved programme, starts insured employment, and her need ends.
 */
import { randomUUID } from 'node:crypto';
import { verifyStreamChain } from '#event-store';
import { isSealed } from '#privacy';
import { approvedProgramme, startApp, type RunningApp } from './support/app.js';

let running: RunningApp;
const TENANT = 'jc-kronach';

beforeAll(async () => {
  running = await startApp();
  await approvedProgramme(running, TENANT, 2024, ['JT-2024-01']);
});
afterAll(async () => {
  await running?.close();
});

it('records a whole case and answers with its state, versions and positions', async () => {
  const anna = await running.client(TENANT, 'caseworker', 'anna.schmidt');
  const correlationId = `story-${randomUUID()}`;

  const enrolled = await anna.POST('/v1/cases', {
    headers: { 'X-Correlation-Id': correlationId },
    body: {
      client: {
        givenName: 'Olena',
        familyName: 'Kovalenko',
        dateOfBirth: '1990-04-17',
        gender: 'female',
      },
      enrolledOn: '2024-01-08',
      targetGroups: { singleParent: true, refugeeUkraine: true },
    },
  });
  expect(enrolled.response.status).toBe(201);
  expect(enrolled.response.headers.get('x-correlation-id')).toBe(correlationId);
  const caseId = enrolled.data!.caseId;
  expect(enrolled.data).toMatchObject({ version: 1 });
  expect(enrolled.response.headers.get('etag')).toBe('"1"');
  const path = { caseId };

  const plan = await anna.POST('/v1/cases/{caseId}/cooperation-plan', {
    params: { path },
    body: { agreedOn: '2024-01-15', goals: ['German course B1', 'Work as a nursing assistant'] },
  });
  expect(plan.data).toMatchObject({ caseId, version: 2 });

  const assigned = await anna.POST('/v1/cases/{caseId}/measures', {
    params: { path },
    body: { measureId: 'JT-2024-01', assignedOn: '2024-02-01' },
  });
  expect(assigned.response.status).toBe(201);
  const assignmentId = assigned.data!.assignmentId;

  const started = await anna.POST('/v1/cases/{caseId}/measures/{assignmentId}/start', {
    params: { path: { caseId, assignmentId } },
    body: { on: '2024-02-05' },
  });
  expect(started.data).toMatchObject({ version: 4 });
  const completed = await anna.POST('/v1/cases/{caseId}/measures/{assignmentId}/complete', {
    params: { path: { caseId, assignmentId } },
    headers: { 'If-Match': '"4"' },
    body: { on: '2024-05-31' },
  });
  expect(completed.data).toMatchObject({ version: 5 });

  const employment = await anna.POST('/v1/cases/{caseId}/employments', {
    params: { path },
    body: { kind: 'insured', startedOn: '2024-06-01', subsidised: false, monthlyGrossIncome: 2450 },
  });
  expect(employment.response.status).toBe(201);
  expect(employment.data?.employmentId).toMatch(/^[0-9a-f-]{36}$/);

  const needEnded = await anna.POST('/v1/cases/{caseId}/need-ended', {
    params: { path },
    body: { endedOn: '2024-06-30', reason: 'employment-income' },
  });
  expect(needEnded.data).toMatchObject({ caseId, version: 7 });
  expect(needEnded.data!.position).toBeGreaterThan(employment.data!.position);

  const read = await anna.GET('/v1/cases/{caseId}', { params: { path } });
  expect(read.response.headers.get('etag')).toBe('"7"');
  expect(read.data).toMatchObject({
    caseId,
    status: 'active',
    version: 7,
    enrolledOn: '2024-01-08',
    client: {
      givenName: 'Olena',
      familyName: 'Kovalenko',
      dateOfBirth: '1990-04-17',
      gender: 'female',
      birthMonth: '1990-04',
    },
    targetGroups: { singleParent: true, refugeeUkraine: true },
    cooperationPlan: {
      agreedOn: '2024-01-15',
      goals: ['German course B1', 'Work as a nursing assistant'],
    },
    need: { ongoing: false, endedOn: '2024-06-30', reason: 'employment-income' },
    measures: [
      {
        assignmentId,
        measureId: 'JT-2024-01',
        programmeYear: 2024,
        assignedOn: '2024-02-01',
        startedOn: '2024-02-05',
        completedOn: '2024-05-31',
      },
    ],
    employments: [
      {
        employmentId: employment.data!.employmentId,
        kind: 'insured',
        startedOn: '2024-06-01',
        subsidised: false,
        monthlyGrossIncome: 2450,
      },
    ],
  });

  const notModified = await fetch(`${running.url}/v1/cases/${caseId}`, {
    headers: {
      authorization: `Bearer ${await running.token(TENANT, 'caseworker')}`,
      'if-none-match': '"7"',
    },
  });
  expect(notModified.status).toBe(304);

  // What the store holds: the events in order, each with who, why, and the hash chain intact.
  const stream = await running.store.readStream(TENANT, `case-${caseId}`);
  expect(stream.map((e) => e.type)).toEqual([
    'ClientEnrolled',
    'CooperationPlanAgreed',
    'MeasureAssigned',
    'MeasureStarted',
    'MeasureCompleted',
    'EmploymentStarted',
    'NeedForAssistanceEnded',
  ]);
  expect(stream[0]!.metadata).toMatchObject({
    actor: 'anna.schmidt',
    correlationId,
    actorRoles: ['caseworker'],
  });
  expect(stream[0]!.data).toMatchObject({ birthMonth: '1990-04', gender: 'female' });
  expect(JSON.stringify(stream[0]!.data)).not.toContain('Olena');
  // Personal data is stored sealed with the case's own key: nothing of it in clear.
  expect(isSealed(stream[0]!.personal)).toBe(true);
  expect(JSON.stringify(stream)).not.toMatch(/Olena|Kovalenko|1990-04-17|nursing|2450/);
  expect(stream[2]!.data).toMatchObject({
    measureId: 'JT-2024-01',
    programmeYear: 2024,
    programmeVersion: 2,
  });
  expect(stream.map((e) => e.effectiveDate)).toEqual([
    '2024-01-08',
    '2024-01-15',
    '2024-02-01',
    '2024-02-05',
    '2024-05-31',
    '2024-06-01',
    '2024-06-30',
  ]);
  expect(verifyStreamChain(stream).ok).toBe(true);

  // No personal data in the logs, though the server logged every request.
  const logs = running.logs();
  expect(logs).toContain(caseId);
  for (const personal of ['Olena', 'Kovalenko', '1990-04-17', 'nursing', '2450']) {
    expect(logs).not.toContain(personal);
  }
}, 60_000);
