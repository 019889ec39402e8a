/**
 * The command API's promises, each shown failing the way it should: authentication, roles,
 * tenant isolation (including guessed case ids), domain rules as 409/422, If-Match, racing
 * writers, Idempotency-Key (also under concurrency), correlation ids and rate limits.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { approvedProgramme, send, startApp, TEST_SECRET, type RunningApp } from './support/app.js';

let running: RunningApp;
const A = 'jc-kronach';
const B = 'jc-coburg';

beforeAll(async () => {
  running = await startApp();
  await approvedProgramme(running, A, 2024, ['JT-2024-01']);
});
afterAll(async () => {
  await running?.close();
});

const enrolment = (overrides: Record<string, unknown> = {}) => ({
  client: { givenName: 'Mila', familyName: 'Bauer', dateOfBirth: '1985-09-30', gender: 'female' },
  enrolledOn: '2024-01-08',
  targetGroups: { singleParent: true },
  ...overrides,
});

async function enrol(tenant = A, body: object = enrolment()): Promise<string> {
  const token = await running.token(tenant, 'caseworker');
  const response = await send(running.url, 'POST', '/v1/cases', { token, body });
  expect(response.status).toBe(201);
  return response.body.caseId as string;
}

async function eventCount(): Promise<number> {
  return (await running.allEvents()).length;
}

function expectProblem(
  response: Awaited<ReturnType<typeof send>>,
  status: number,
  code: string,
): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body.type).toBe(`urn:teilhabe:problem:${code}`);
}

describe('authentication and roles', () => {
  it('refuses a request without a token, with a bad signature, expired, or with bad claims', async () => {
    const noToken = await send(running.url, 'POST', '/v1/cases', { body: enrolment() });
    expectProblem(noToken, 401, 'unauthenticated');
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer realm="teilhabe"');

    const otherKey = await new SignJWT({ tenant: A, roles: ['caseworker'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    const expired = await new SignJWT({ tenant: A, roles: ['caseworker'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('anna')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(TEST_SECRET));
    const badRoles = await new SignJWT({ tenant: A, roles: ['root'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('anna')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_SECRET));
    const noTenant = await new SignJWT({ roles: ['caseworker'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('anna')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_SECRET));
    const before = await eventCount();
    for (const [token, detail] of [
      [otherKey, /not valid/],
      [expired, /expired/],
      [badRoles, /roles/],
      [noTenant, /tenant/],
      ['not.a.jwt', /not valid/],
    ] as const) {
      const response = await send(running.url, 'POST', '/v1/cases', { token, body: enrolment() });
      expectProblem(response, 401, 'unauthenticated');
      expect(response.body.detail).toMatch(detail);
    }
    expect(await eventCount()).toBe(before);
  });

  it('refuses a token that lives over 12 h or was issued in the future, and takes the scheme in any case', async () => {
    const now = Math.floor(Date.now() / 1000);
    const signed = (iat: number, exp: number) =>
      new SignJWT({ tenant: A, roles: ['caseworker'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('anna')
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(TEST_SECRET));
    const before = await eventCount();
    for (const [token, detail] of [
      [await signed(now, now + 12 * 3600 + 60), /lives longer/],
      [await signed(now - 30 * 24 * 3600, now + 600), /lives longer/],
      [await signed(now + 600, now + 3600), /issued in the future/],
    ] as const) {
      const response = await send(running.url, 'POST', '/v1/cases', { token, body: enrolment() });
      expectProblem(response, 401, 'unauthenticated');
      expect(response.body.detail).toMatch(detail);
    }
    expect(await eventCount()).toBe(before);

    // RFC 9110 §11.1: the auth scheme is case-insensitive.
    const token = await running.token(A, 'caseworker');
    const statuses = [];
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const response = await send(running.url, 'POST', '/v1/cases', {
        headers: { authorization: `${scheme} ${token}` },
        body: enrolment(),
      });
      statuses.push({ scheme, status: response.status });
    }
    expect(statuses).toEqual(
      ['Bearer', 'bearer', 'BEARER', 'bEaReR'].map((scheme) => ({ scheme, status: 201 })),
    );
    const basic = await send(running.url, 'POST', '/v1/cases', {
      headers: { authorization: `Basic ${token}` },
      body: enrolment(),
    });
    expectProblem(basic, 401, 'unauthenticated');
  });

  it('lets each role do only its own work', async () => {
    const caseId = await enrol();
    const as = async (roles: Parameters<RunningApp['token']>[1], tenant = A) =>
      running.token(tenant, roles);
    const before = await eventCount();
    const planner = await send(running.url, 'POST', '/v1/cases', {
      token: await as('planner'),
      body: enrolment(),
    });
    expectProblem(planner, 403, 'forbidden');
    expect(planner.body.requiredRoles).toEqual(['caseworker', 'team-lead']);
    for (const role of ['analyst', 'auditor', 'dpo'] as const) {
      expectProblem(
        await send(running.url, 'GET', `/v1/cases/${caseId}`, { token: await as(role) }),
        403,
        'forbidden',
      );
    }
    expectProblem(
      await send(running.url, 'POST', '/v1/programmes/2025/measures', {
        token: await as('caseworker'),
        body: {
          measureId: 'X',
          title: 'X',
          kind: 'coaching',
          plannedPlaces: 1,
          targetGroups: ['all'],
        },
      }),
      403,
      'forbidden',
    );
    // Reassigning a case is the team lead's.
    expectProblem(
      await send(running.url, 'POST', `/v1/cases/${caseId}/caseworker`, {
        token: await as('caseworker'),
        body: { caseworkerId: 'ben', assignedOn: '2024-01-09' },
      }),
      403,
      'forbidden',
    );
    const national = await send(running.url, 'GET', `/v1/cases/${caseId}`, {
      token: await as('analyst', '*'),
    });
    expectProblem(national, 403, 'forbidden');
    expect(await eventCount()).toBe(before);
    const lead = await send(running.url, 'POST', `/v1/cases/${caseId}/caseworker`, {
      token: await as('team-lead'),
      body: { caseworkerId: 'ben', assignedOn: '2024-01-09' },
    });
    expect(lead.status).toBe(200);
  });
});

describe('tenant isolation', () => {
  it("never shows or changes another Jobcenter's case, not even by guessing its id", async () => {
    const caseId = await enrol(A);
    const other = await running.token(B, ['caseworker', 'team-lead']);
    const before = await eventCount();
    expectProblem(
      await send(running.url, 'GET', `/v1/cases/${caseId}`, { token: other }),
      404,
      'case-not-found',
    );
    for (const [path, body] of [
      ['cooperation-plan', { agreedOn: '2024-02-01', goals: ['x'] }],
      ['need-ended', { endedOn: '2024-02-01', reason: 'moved' }],
      ['employments', { kind: 'insured', startedOn: '2024-02-01', subsidised: false }],
      ['close', { closedOn: '2024-02-01', reason: 'moved' }],
    ] as const) {
      expectProblem(
        await send(running.url, 'POST', `/v1/cases/${caseId}/${path}`, { token: other, body }),
        404,
        'case-not-found',
      );
    }
    // Guessing: a hundred random ids answer exactly like the real one.
    for (let i = 0; i < 100; i++) {
      const guess = await send(running.url, 'GET', `/v1/cases/${randomUUID()}`, { token: other });
      expectProblem(guess, 404, 'case-not-found');
    }
    expect(await eventCount()).toBe(before);
    const mine = await send(running.url, 'GET', `/v1/cases/${caseId}`, {
      token: await running.token(A, 'caseworker'),
    });
    expect(mine.body).toMatchObject({ caseId, version: 1 });
  });
});

describe('domain rules', () => {
  it('answers a conflict with the state as 409 and an impossible command as 422, writing nothing', async () => {
    const caseId = await enrol();
    const token = await running.token(A, 'caseworker');
    const before = await eventCount();
    const early = await send(running.url, 'POST', `/v1/cases/${caseId}/employments`, {
      token,
      body: { kind: 'insured', startedOn: '2023-12-31', subsidised: false },
    });
    expectProblem(early, 422, 'date-before-enrolment');
    expect(early.body.errors).toEqual([
      expect.objectContaining({ field: 'startedOn', rule: 'date-before-enrolment' }),
    ]);
    expectProblem(
      await send(running.url, 'POST', `/v1/cases/${caseId}/need-ended`, {
        token,
        body: { endedOn: '2099-01-01', reason: 'moved' },
      }),
      422,
      'date-in-future',
    );
    expectProblem(
      await send(running.url, 'POST', `/v1/cases/${caseId}/need-resumed`, {
        token,
        body: { resumedOn: '2024-02-01' },
      }),
      409,
      'need-still-ongoing',
    );
    expectProblem(
      await send(running.url, 'POST', `/v1/cases/${caseId}/measures`, {
        token,
        body: { measureId: 'NOT-OFFERED', assignedOn: '2024-02-01' },
      }),
      422,
      'measure-not-in-programme',
    );
    // The 2025 programme is still a draft: the advisory board has not approved it.
    const planner = await running.token(A, 'planner');
    const offered = await send(running.url, 'POST', '/v1/programmes/2025/measures', {
      token: planner,
      body: {
        measureId: 'D-2025',
        title: 'Draft',
        kind: 'coaching',
        plannedPlaces: 5,
        targetGroups: ['all'],
      },
    });
    expect(offered.status).toBe(201);
    const afterOffer = await eventCount();
    expect(afterOffer).toBe(before + 1);
    expectProblem(
      await send(running.url, 'POST', `/v1/cases/${caseId}/measures`, {
        token,
        body: { measureId: 'D-2025', assignedOn: '2025-02-01' },
      }),
      409,
      'programme-not-approved',
    );
    expect(await eventCount()).toBe(afterOffer);
    expectProblem(
      await send(running.url, 'POST', `/v1/cases/${caseId}/measures/${randomUUID()}/start`, {
        token,
        body: { on: '2024-02-01' },
      }),
      409,
      'measure-not-assigned',
    );
    expectProblem(
      await send(running.url, 'POST', '/v1/cases', { token, body: enrolment({ caseId }) }),
      409,
      'case-already-enrolled',
    );
    expect(await eventCount()).toBe(afterOffer);

    expect(
      (
        await send(running.url, 'POST', `/v1/cases/${caseId}/close`, {
          token,
          body: { closedOn: '2024-03-01', reason: 'moved' },
        })
      ).status,
    ).toBe(200);
    expectProblem(
      await send(running.url, 'POST', `/v1/cases/${caseId}/cooperation-plan`, {
        token,
        body: { agreedOn: '2024-03-02', goals: ['x'] },
      }),
      409,
      'case-closed',
    );
  });
});

describe('optimistic concurrency', () => {
  it('answers a stale If-Match with 412 and the current version, writing nothing', async () => {
    const caseId = await enrol();
    const token = await running.token(A, 'caseworker');
    const body = { agreedOn: '2024-01-20', goals: ['A1 course'] };
    const first = await send(running.url, 'POST', `/v1/cases/${caseId}/cooperation-plan`, {
      token,
      body,
      headers: { 'if-match': '"1"' },
    });
    expect(first.status).toBe(200);
    const stale = await send(running.url, 'POST', `/v1/cases/${caseId}/cooperation-plan`, {
      token,
      body,
      headers: { 'if-match': '"1"' },
    });
    expectProblem(stale, 412, 'stale-version');
    expect(stale.headers.get('etag')).toBe('"2"');
    expect(stale.body.currentVersion).toBe(2);
    const malformed = await send(running.url, 'POST', `/v1/cases/${caseId}/cooperation-plan`, {
      token,
      body,
      headers: { 'if-match': 'version 2' },
    });
    expectProblem(malformed, 400, 'validation-failed');
    expect(malformed.body.errors?.[0]?.field).toBe('header:If-Match');
  });

  it('never lets a weak ETag match in If-Match (RFC 9110 §13.1.1: strong comparison), writing nothing', async () => {
    const caseId = await enrol();
    const token = await running.token(A, 'caseworker');
    const body = { agreedOn: '2024-01-20', goals: ['A1 course'] };
    const before = await eventCount();
    // The current version, weakly tagged: it would match by weak comparison, never by strong.
    for (const tag of ['W/"1"', ' W/"1" ']) {
      const weak = await send(running.url, 'POST', `/v1/cases/${caseId}/cooperation-plan`, {
        token,
        body,
        headers: { 'if-match': tag },
      });
      expectProblem(weak, 412, 'weak-entity-tag');
      expect(weak.body.errors).toEqual([
        expect.objectContaining({ field: 'header:If-Match', rule: 'strongEntityTag' }),
      ]);
    }
    expect(await eventCount()).toBe(before);
    const strong = await send(running.url, 'POST', `/v1/cases/${caseId}/cooperation-plan`, {
      token,
      body,
      headers: { 'if-match': '"1"' },
    });
    expect(strong.status).toBe(200);
  });

  it('lets exactly one of many racing writers win; the others get 409 and nothing is lost or doubled', async () => {
    const caseId = await enrol();
    const token = await running.token(A, 'caseworker');
    const racers = await Promise.all(
      Array.from({ length: 12 }, () =>
        send(running.url, 'POST', `/v1/cases/${caseId}/need-ended`, {
          token,
          body: { endedOn: '2024-04-30', reason: 'employment-income' },
        }),
      ),
    );
    const won = racers.filter((r) => r.status === 200);
    const lost = racers.filter((r) => r.status !== 200);
    expect(won).toHaveLength(1);
    for (const r of lost) {
      expect(r.status).toBe(409);
      expect(['concurrent-modification', 'need-not-ongoing']).toContain(r.body.code);
    }
    const stream = await running.store.readStream(A, `case-${caseId}`);
    expect(stream.map((e) => e.type)).toEqual(['ClientEnrolled', 'NeedForAssistanceEnded']);
  });

  it('with the same If-Match, one racer wins and every other one is refused as stale', async () => {
    const caseId = await enrol();
    const token = await running.token(A, 'caseworker');
    const racers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        send(running.url, 'POST', `/v1/cases/${caseId}/employments`, {
          token,
          headers: { 'if-match': '"1"' },
          body: {
            kind: 'marginal',
            startedOn: `2024-02-${String(i + 1).padStart(2, '0')}`,
            subsidised: false,
          },
        }),
      ),
    );
    expect(racers.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of racers.filter((r) => r.status !== 201)) {
      expect([409, 412]).toContain(r.status);
    }
    expect((await running.store.readStream(A, `case-${caseId}`)).length).toBe(2);
  });
});

describe('Idempotency-Key', () => {
  it('answers a retry with the first result and records nothing again; a reused key for another body is refused', async () => {
    const token = await running.token(A, 'caseworker');
    const key = randomUUID();
    const first = await send(running.url, 'POST', '/v1/cases', {
      token,
      body: enrolment(),
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    const before = await eventCount();
    const retry = await send(running.url, 'POST', '/v1/cases', {
      token,
      body: enrolment(),
      headers: { 'idempotency-key': key },
    });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await eventCount()).toBe(before);
    const reused = await send(running.url, 'POST', '/v1/cases', {
      token,
      body: enrolment({ enrolledOn: '2024-01-09' }),
      headers: { 'idempotency-key': key },
    });
    expectProblem(reused, 422, 'idempotency-key-reused');
    expect(await eventCount()).toBe(before);
    const badKey = await send(running.url, 'POST', '/v1/cases', {
      token,
      body: enrolment(),
      headers: { 'idempotency-key': 'abc' },
    });
    expectProblem(badKey, 400, 'validation-failed');
    expect(badKey.body.errors?.[0]?.field).toBe('header:Idempotency-Key');
  });

  it('records a command once when its retries arrive at the same time', async () => {
    const token = await running.token(A, 'caseworker');
    const key = randomUUID();
    const enrolments = await Promise.all(
      Array.from({ length: 10 }, () =>
        send(running.url, 'POST', '/v1/cases', {
          token,
          body: enrolment(),
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    expect(enrolments.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(enrolments.map((r) => JSON.stringify(r.body))).size).toBe(1);
    const caseId = enrolments[0]!.body.caseId as string;

    const employmentKey = randomUUID();
    const starts = await Promise.all(
      Array.from({ length: 10 }, () =>
        send(running.url, 'POST', `/v1/cases/${caseId}/employments`, {
          token,
          headers: { 'idempotency-key': employmentKey },
          body: { kind: 'insured', startedOn: '2024-03-01', subsidised: true },
        }),
      ),
    );
    expect(starts.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(starts.map((r) => r.body.employmentId)).size).toBe(1);
    const stream = await running.store.readStream(A, `case-${caseId}`);
    expect(stream.map((e) => e.type)).toEqual(['ClientEnrolled', 'EmploymentStarted']);
  });

  it('answers a retry with the first result even when its If-Match is stale by now', async () => {
    const caseId = await enrol();
    const token = await running.token(A, 'caseworker');
    const request = {
      token,
      headers: { 'idempotency-key': randomUUID(), 'if-match': '"1"' },
      body: { endedOn: '2024-05-31', reason: 'other-income' },
    };
    const first = await send(running.url, 'POST', `/v1/cases/${caseId}/need-ended`, request);
    const retry = await send(running.url, 'POST', `/v1/cases/${caseId}/need-ended`, request);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
  });
});

describe('request hygiene', () => {
  it('echoes a given correlation id, makes one otherwise, and refuses a malformed one', async () => {
    const token = await running.token(A, 'caseworker');
    const given = await send(running.url, 'POST', '/v1/cases', {
      token,
      body: enrolment(),
      headers: { 'x-correlation-id': 'frontend-4711' },
    });
    expect(given.headers.get('x-correlation-id')).toBe('frontend-4711');
    const [event] = await running.store.readStream(A, `case-${given.body.caseId as string}`);
    expect(event?.metadata.correlationId).toBe('frontend-4711');
    const made = await send(running.url, 'GET', '/health');
    expect(made.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await send(running.url, 'GET', '/health', {
      headers: { 'x-correlation-id': 'has spaces' },
    });
    expectProblem(bad, 400, 'validation-failed');
    expect(bad.body.errors?.[0]?.field).toBe('header:X-Correlation-Id');
  });

  it('takes a case id in any case on every route, and refuses the nil UUID', async () => {
    const chosen = randomUUID();
    const upper = chosen.toUpperCase();
    const mixed = [...chosen].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');
    const caseworker = await running.token(A, 'caseworker');
    const enrolled = await send(running.url, 'POST', '/v1/cases', {
      token: caseworker,
      body: enrolment({ caseId: upper }),
    });
    expect(enrolled.body.caseId).toBe(chosen);
    const auditor = { token: await running.token(A, 'auditor'), headers: { reason: 'Stichprobe' } };
    const answers = [];
    for (const [method, path, options] of [
      ['GET', `/v1/cases/${upper}`, { token: caseworker }],
      [
        'POST',
        `/v1/cases/${mixed}/need-ended`,
        { token: caseworker, body: { endedOn: '2024-03-31', reason: 'moved' } },
      ],
      ['GET', `/v1/audit/cases/${upper}/events`, auditor],
      ['GET', `/v1/audit/cases/${mixed}/state?asOf=2024-12-31`, auditor],
      [
        'POST',
        `/v1/cases/${upper}/close`,
        { token: caseworker, body: { closedOn: '2024-04-30', reason: 'moved' } },
      ],
      ['POST', `/v1/cases/${mixed}/erasure`, { token: await running.token(A, 'dpo') }],
    ] as const) {
      const answer = await send(running.url, method, path, options);
      answers.push({ path, status: answer.status, caseId: answer.body.caseId });
    }
    expect(answers).toEqual(answers.map(({ path }) => ({ path, status: 200, caseId: chosen })));
    // One stream, under the id in lower case.
    const stream = await running.store.readStream(A, `case-${chosen}`);
    expect(stream.map((e) => e.type)).toEqual([
      'ClientEnrolled',
      'NeedForAssistanceEnded',
      'CaseClosed',
      'PersonalDataErased',
    ]);

    const nil = '00000000-0000-0000-0000-000000000000';
    const before = await eventCount();
    const enrolNil = await send(running.url, 'POST', '/v1/cases', {
      token: caseworker,
      body: enrolment({ caseId: nil }),
    });
    expectProblem(enrolNil, 400, 'validation-failed');
    expect(enrolNil.body.errors).toEqual([
      expect.objectContaining({ field: 'caseId', rule: 'notNilUuid' }),
    ]);
    const readNil = await send(running.url, 'GET', `/v1/cases/${nil}`, { token: caseworker });
    expectProblem(readNil, 400, 'validation-failed');
    expect(readNil.body.errors).toEqual([
      expect.objectContaining({ field: 'path:caseId', rule: 'notNilUuid' }),
    ]);
    expect(await eventCount()).toBe(before);
  });

  it('refuses the wrong content type, malformed JSON and oversized bodies before anything else', async () => {
    const token = await running.token(A, 'caseworker');
    const before = await eventCount();
    expectProblem(
      await send(running.url, 'POST', '/v1/cases', {
        token,
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      'unsupported-media-type',
    );
    expectProblem(
      await send(running.url, 'POST', '/v1/cases', { token, body: '{"client": ' }),
      400,
      'malformed-json',
    );
    const huge = enrolment({ padding: 'x'.repeat(70 * 1024) });
    expectProblem(
      await send(running.url, 'POST', '/v1/cases', { token, body: huge }),
      413,
      'payload-too-large',
    );
    expect(await eventCount()).toBe(before);
  });

  it('sets security headers and serves OpenAPI, health and metrics without a token', async () => {
    const health = await send(running.url, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
    const docs = await send(running.url, 'GET', '/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths as object)).toEqual(
      expect.arrayContaining(['/v1/cases', '/v1/cases/{caseId}', '/v1/programmes/{year}/approval']),
    );
    const ui = await fetch(`${running.url}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toContain('teilhabe_http_request_duration_seconds_bucket');
    expect(metrics).toMatch(
      /teilhabe_event_store_append_duration_seconds_count\{outcome="appended"\} [1-9]/,
    );
    expect(metrics).toMatch(/teilhabe_command_conflicts_total\{kind="precondition-failed"\} [1-9]/);
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a caller exceeds the limit, and still serves others', async () => {
    const limited = await startApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const token = await limited.token(A, 'caseworker', 'busy-user');
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof send>> | undefined;
      for (let i = 0; i < 7; i++) {
        last = await send(limited.url, 'GET', `/v1/cases/${randomUUID()}`, { token });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
      expectProblem(last!, 429, 'too-many-requests');
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      const someoneElse = await send(limited.url, 'GET', `/v1/cases/${randomUUID()}`, {
        token: await limited.token(A, 'caseworker', 'other-user'),
      });
      expect(someoneElse.status).toBe(404);
    } finally {
      await limited.close();
    }
  });
});
