/**
 * Erasure when retention ends (crypto-shredding): afterwards no API answer, stored event or log
 * line reveals the client's personal data, every hash chain still verifies, and every statistic
 * is what it was.
 */
import { verifyStreamChain } from '#event-store';
import { approvedProgramme, send, startApp, type RunningApp } from './support/app.js';

let running: RunningApp;
const T = 'jc-kronach';
const PERSONAL = ['Olena', 'Kovalenko', '1990-04-17', 'Pflegehelferin', '2450'];

beforeAll(async () => {
  running = await startApp();
  await approvedProgramme(running, T, 2024, ['JT-2024-01']);
});
afterAll(async () => {
  await running?.close();
});

async function story(): Promise<string> {
  const token = await running.token(T, 'caseworker');
  const enrolled = await send(running.url, 'POST', '/v1/cases', {
    token,
    body: {
      client: {
        givenName: 'Olena',
        familyName: 'Kovalenko',
        dateOfBirth: '1990-04-17',
        gender: 'female',
      },
      enrolledOn: '2024-01-08',
      targetGroups: { refugeeUkraine: true },
    },
  });
  const caseId = enrolled.body.caseId as string;
  const steps: [string, object][] = [
    ['cooperation-plan', { agreedOn: '2024-01-15', goals: ['Pflegehelferin werden'] }],
    [
      'employments',
      { kind: 'insured', startedOn: '2024-06-01', subsidised: false, monthlyGrossIncome: 2450 },
    ],
    ['need-ended', { endedOn: '2024-06-30', reason: 'employment-income' }],
    ['close', { closedOn: '2024-07-31', reason: 'need-ended' }],
  ];
  for (const [path, body] of steps) {
    const response = await send(running.url, 'POST', `/v1/cases/${caseId}/${path}`, {
      token,
      body,
    });
    expect(response.status).toBeLessThan(300);
  }
  return caseId;
}

async function figures(position: number) {
  const token = await running.token(T, 'caseworker');
  return Promise.all(
    ['stock', 'integration-quota', 'need-covering-integrations', 'need-ended'].map(
      async (indicator) => {
        const answer = await send(
          running.url,
          'GET',
          `/v1/statistics/${indicator}?month=2024-09&minPosition=${position}`,
          { token },
        );
        return {
          indicator,
          numerator: answer.body.numerator,
          denominator: answer.body.denominator,
        };
      },
    ),
  );
}

it('makes the personal data unreadable everywhere, while hashes and statistics stand', async () => {
  const caseId = await story();
  const caseworker = await running.token(T, 'caseworker');
  const before = await send(running.url, 'GET', `/v1/cases/${caseId}`, { token: caseworker });
  expect(before.body).toMatchObject({ client: { givenName: 'Olena' }, personalDataErased: false });
  const last = (await running.store.readStream(T, `case-${caseId}`)).at(-1)!;
  const statisticsBefore = await figures(last.position);

  const erased = await send(running.url, 'POST', `/v1/cases/${caseId}/erasure`, {
    token: await running.token(T, 'dpo', 'dpo.meier'),
    body: {},
  });
  expect(erased.status).toBe(200);

  const after = await send(running.url, 'GET', `/v1/cases/${caseId}`, { token: caseworker });
  expect(after.body).toMatchObject({
    client: {
      givenName: null,
      familyName: null,
      dateOfBirth: null,
      gender: 'female',
      birthMonth: '1990-04',
    },
    cooperationPlan: { agreedOn: '2024-01-15', goals: null },
    personalDataErased: true,
    status: 'closed',
  });
  expect(JSON.stringify(after.body)).not.toMatch(new RegExp(PERSONAL.join('|')));

  // The store still holds every event (sealed), and every link of the chain still verifies.
  const stream = await running.store.readStream(T, `case-${caseId}`);
  expect(stream.map((e) => e.type).at(-1)).toBe('PersonalDataErased');
  expect(stream[stream.length - 1]!.metadata.actor).toBe('dpo.meier');
  expect(verifyStreamChain(stream)).toMatchObject({ ok: true, events: stream.length });
  expect(JSON.stringify(stream)).not.toMatch(new RegExp(PERSONAL.join('|')));

  // The key is gone from the database: nothing there could open the data again.
  const [key] = await running.store.db.query<{ wrapped: unknown; erased_at: unknown }>(
    'SELECT wrapped, erased_at FROM privacy.case_keys WHERE case_id = $1',
    [caseId],
  );
  expect(key).toMatchObject({ wrapped: null });
  expect(key?.erased_at).not.toBeNull();

  // Every statistic is what it was.
  expect(await figures(stream.at(-1)!.position)).toEqual(statisticsBefore);

  // And no log line ever held the personal data.
  expect(running.logs()).not.toMatch(new RegExp(PERSONAL.join('|')));
});

it('erases only closed cases, once, and only for the data protection officer', async () => {
  const caseId = await story();
  const dpo = await running.token(T, 'dpo');
  const caseworker = await send(running.url, 'POST', `/v1/cases/${caseId}/erasure`, {
    token: await running.token(T, ['caseworker', 'team-lead']),
    body: {},
  });
  expect(caseworker.status).toBe(403);
  expect(
    (await send(running.url, 'POST', `/v1/cases/${caseId}/erasure`, { token: dpo, body: {} }))
      .status,
  ).toBe(200);
  const again = await send(running.url, 'POST', `/v1/cases/${caseId}/erasure`, {
    token: dpo,
    body: {},
  });
  expect({ status: again.status, code: again.body.code }).toEqual({
    status: 409,
    code: 'personal-data-already-erased',
  });

  const open = await send(running.url, 'POST', '/v1/cases', {
    token: await running.token(T, 'caseworker'),
    body: {
      client: { givenName: 'A', familyName: 'B', dateOfBirth: '1980-01-01', gender: 'male' },
      enrolledOn: '2024-02-01',
    },
  });
  const refused = await send(
    running.url,
    'POST',
    `/v1/cases/${open.body.caseId as string}/erasure`,
    { token: dpo, body: {} },
  );
  expect({ status: refused.status, code: refused.body.code }).toEqual({
    status: 409,
    code: 'case-not-closed',
  });
  const unknownField = await send(running.url, 'POST', `/v1/cases/${caseId}/erasure`, {
    token: dpo,
    body: { force: true },
  });
  expect(unknownField.status).toBe(400);
});
