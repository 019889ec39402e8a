/**
 * The command API's rules, specified request by request: given the events of a case (and of
 * its Jobcenter's programme), when a caseworker sends this request, then these new events or
 * this problem, and nothing written. In process, on the in-memory store (see api-specification).
 */
import { randomUUID } from 'node:crypto';
import { caseStreamId, programmeStreamId, type DomainEvent } from '#domain';
import {
  apiSpecification,
  existingStream,
  type SpecRequest,
} from '../testing/api-specification.js';
import {
  ENROLLED_ON,
  TODAY,
  clientEnrolled,
} from '../../../../libs/domain/src/testing/case-fixtures.js';

const JC = 'jc-kronach';
const spec = apiSpecification({ today: TODAY });
const caseworker = { tenant: JC, roles: 'caseworker' } as const;

/** A caseworker's POST, unless the specification names another caller. */
function post(path: string, body: unknown, as: SpecRequest['as'] = caseworker): SpecRequest {
  return { as, method: 'POST', path, body };
}

function aCase(...later: DomainEvent[]) {
  const caseId = randomUUID();
  const enrolled = { ...clientEnrolled, data: { ...clientEnrolled.data, caseId } };
  return { caseId, stream: existingStream(JC, caseStreamId(caseId), [enrolled, ...later]) };
}

const programme2024 = (approved: boolean) =>
  existingStream(JC, programmeStreamId(2024), [
    {
      type: 'MeasureOffered',
      data: {
        year: 2024,
        measureId: 'JT-2024-01',
        title: 'Berufssprachkurs',
        kind: 'vocational-training',
        plannedPlaces: 10,
        targetGroups: ['all'],
        offeredOn: '2023-11-20',
      },
    },
    ...(approved
      ? [{ type: 'ProgrammeApproved', data: { year: 2024, approvedOn: '2023-12-12' } } as const]
      : []),
  ]);

describe('enrolment', () => {
  it('records ClientEnrolled with the personal data apart and only the birth month in clear', async () => {
    const caseId = randomUUID();
    await spec
      .given()
      .when(
        post('/v1/cases', {
          caseId,
          client: {
            givenName: 'Olena',
            familyName: 'Kovalenko',
            dateOfBirth: '1990-04-17',
            gender: 'female',
          },
          enrolledOn: '2024-01-08',
          targetGroups: { refugeeUkraine: true },
        }),
      )
      .then([
        {
          type: 'ClientEnrolled',
          data: {
            caseId,
            enrolledOn: '2024-01-08',
            gender: 'female',
            birthMonth: '1990-04',
            targetGroups: { singleParent: false, refugeeUkraine: true },
            // The vault's keyed hash of name and date of birth (its secret is random here).
            // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- an asymmetric matcher
            personKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
          },
          personal: { givenName: 'Olena', familyName: 'Kovalenko', dateOfBirth: '1990-04-17' },
        },
      ]);
  });

  it('refuses a case id that is enrolled already (409)', async () => {
    const { caseId, stream } = aCase();
    await spec
      .given(stream)
      .when(
        post('/v1/cases', {
          caseId,
          client: { givenName: 'A', familyName: 'B', dateOfBirth: '1990-01-01', gender: 'male' },
          enrolledOn: '2024-01-08',
        }),
      )
      .thenProblem(409, 'case-already-enrolled');
  });

  it('refuses a body that breaks the field rules (400, every field named)', async () => {
    await spec
      .given()
      .when(
        post('/v1/cases', {
          client: { givenName: '', familyName: 'B', dateOfBirth: '1990-02-30', gender: 'x' },
          enrolledOn: '2024-01-08',
          extra: true,
        }),
      )
      .thenProblem(400, 'validation-failed', [
        'extra',
        'client.givenName',
        'client.dateOfBirth',
        'client.gender',
      ]);
  });
});

describe('employments and need', () => {
  it('records a job start', async () => {
    const { caseId, stream } = aCase();
    const response = await spec
      .given(stream)
      .when(
        post(`/v1/cases/${caseId}/employments`, {
          kind: 'insured',
          startedOn: '2024-06-01',
          subsidised: true,
          monthlyGrossIncome: 2450,
        }),
      )
      .response();
    expect(response.status).toBe(201);
    const employmentId = (response.body as { employmentId: string }).employmentId;
    expect(response.headers.etag).toBe('"2"');
    expect(response.newEvents.map((event) => [event.type, event.data, event.personal])).toEqual([
      [
        'EmploymentStarted',
        { employmentId, startedOn: '2024-06-01', kind: 'insured', subsidised: true },
        { monthlyGrossIncome: 2450 },
      ],
    ]);
  });

  it('refuses a job start before the enrolment (422, naming startedOn)', async () => {
    const { caseId, stream } = aCase();
    const problem = await spec
      .given(stream)
      .when(
        post(`/v1/cases/${caseId}/employments`, {
          kind: 'insured',
          startedOn: '2023-12-31',
          subsidised: false,
        }),
      )
      .thenProblem(422, 'date-before-enrolment', ['startedOn']);
    expect(problem.detail).toContain(ENROLLED_ON);
  });

  it('refuses an end of need in the future (422)', async () => {
    const { caseId, stream } = aCase();
    await spec
      .given(stream)
      .when(post(`/v1/cases/${caseId}/need-ended`, { endedOn: '2099-01-01', reason: 'moved' }))
      .thenProblem(422, 'date-in-future');
  });

  it('refuses to resume benefit receipt while need is still ongoing (409)', async () => {
    const { caseId, stream } = aCase();
    await spec
      .given(stream)
      .when(post(`/v1/cases/${caseId}/need-resumed`, { resumedOn: '2024-02-01' }))
      .thenProblem(409, 'need-still-ongoing');
  });

  it('records the end of need, and refuses any command once the case is closed', async () => {
    const { caseId, stream } = aCase();
    await spec
      .given(stream)
      .when(
        post(`/v1/cases/${caseId}/need-ended`, {
          endedOn: '2024-06-30',
          reason: 'employment-income',
        }),
      )
      .thenProblem(422, 'date-in-future');
    await spec
      .given(stream)
      .when(
        post(`/v1/cases/${caseId}/need-ended`, {
          endedOn: '2024-05-31',
          reason: 'employment-income',
        }),
      )
      .then([
        {
          type: 'NeedForAssistanceEnded',
          data: { endedOn: '2024-05-31', reason: 'employment-income' },
        },
      ]);
    const closed = aCase({ type: 'CaseClosed', data: { closedOn: '2024-03-01', reason: 'moved' } });
    await spec
      .given(closed.stream)
      .when(
        post(`/v1/cases/${closed.caseId}/cooperation-plan`, {
          agreedOn: '2024-03-02',
          goals: ['x'],
        }),
      )
      .thenProblem(409, 'case-closed');
  });
});

describe('closing a case', () => {
  it('refuses to close a case because need ended while need is still ongoing (409, naming reason)', async () => {
    const { caseId, stream } = aCase();
    await spec
      .given(stream)
      .when(post(`/v1/cases/${caseId}/close`, { closedOn: '2024-05-31', reason: 'need-ended' }))
      .thenProblem(409, 'need-still-ongoing', ['reason']);
  });
});

describe('measures from the programme', () => {
  it('assigns a measure of the approved programme, naming the programme version it relied on', async () => {
    const { caseId, stream } = aCase();
    const response = await spec
      .given(stream, programme2024(true))
      .when(
        post(`/v1/cases/${caseId}/measures`, { measureId: 'JT-2024-01', assignedOn: '2024-02-01' }),
      )
      .response();
    expect(response.status).toBe(201);
    const { assignmentId } = response.body as { assignmentId: string };
    expect(response.newEvents.map((event) => event.data)).toEqual([
      {
        assignmentId,
        measureId: 'JT-2024-01',
        programmeYear: 2024,
        programmeVersion: 2,
        assignedOn: '2024-02-01',
      },
    ]);
  });

  it('refuses a measure the programme does not offer (422) and one of a draft programme (409)', async () => {
    const { caseId, stream } = aCase();
    const assign = (measureId: string) =>
      post(`/v1/cases/${caseId}/measures`, { measureId, assignedOn: '2024-02-01' });
    await spec
      .given(stream, programme2024(true))
      .when(assign('NOT-OFFERED'))
      .thenProblem(422, 'measure-not-in-programme');
    await spec
      .given(stream, programme2024(false))
      .when(assign('JT-2024-01'))
      .thenProblem(409, 'programme-not-approved');
  });

  it('refuses to start a measure that was never assigned (409)', async () => {
    const { caseId, stream } = aCase();
    await spec
      .given(stream)
      .when(post(`/v1/cases/${caseId}/measures/${randomUUID()}/start`, { on: '2024-02-01' }))
      .thenProblem(409, 'measure-not-assigned');
  });
});

describe('optimistic concurrency and retries', () => {
  const plan = (caseId: string, headers: Record<string, string>, goals = ['A1 course']) =>
    ({
      ...post(`/v1/cases/${caseId}/cooperation-plan`, { agreedOn: '2024-01-20', goals }),
      headers,
    }) as const;

  it('acts on the version named in If-Match, and answers a stale one with 412 and the current version', async () => {
    const { caseId, stream } = aCase();
    await spec
      .given(stream)
      .when(plan(caseId, { 'if-match': '"1"' }))
      .then([
        {
          type: 'CooperationPlanAgreed',
          data: { agreedOn: '2024-01-20', goalCount: 1 },
          personal: { goals: ['A1 course'] },
        },
      ]);
    const stale = aCase({
      type: 'CooperationPlanAgreed',
      data: { agreedOn: '2024-01-15', goalCount: 1 },
      personal: { goals: ['B1'] },
    });
    const problem = await spec
      .given(stale.stream)
      .when(plan(stale.caseId, { 'if-match': '"1"' }))
      .thenProblem(412, 'stale-version');
    expect(problem.currentVersion).toBe(2);
    await spec
      .given(stale.stream)
      .when(plan(stale.caseId, { 'if-match': 'version 2' }))
      .thenProblem(400, 'validation-failed', ['header:If-Match']);
  });

  it('refuses an Idempotency-Key that is not a UUID (400)', async () => {
    const { caseId, stream } = aCase();
    await spec
      .given(stream)
      .when(plan(caseId, { 'idempotency-key': 'again' }))
      .thenProblem(400, 'validation-failed', ['header:Idempotency-Key']);
  });
});

describe('who may do what', () => {
  it("answers another Jobcenter's case like a missing one (404)", async () => {
    const { caseId, stream } = aCase();
    await spec
      .given(stream)
      .when(
        post(
          `/v1/cases/${caseId}/need-ended`,
          { endedOn: '2024-05-31', reason: 'moved' },
          { tenant: 'jc-coburg', roles: 'caseworker' },
        ),
      )
      .thenProblem(404, 'case-not-found');
  });

  it('refuses a planner recording the end of need, and the national view changing anything (403)', async () => {
    const { caseId, stream } = aCase();
    const body = { endedOn: '2024-05-31', reason: 'moved' };
    await spec
      .given(stream)
      .when(post(`/v1/cases/${caseId}/need-ended`, body, { tenant: JC, roles: 'planner' }))
      .thenProblem(403, 'forbidden');
    await spec
      .given(stream)
      .when(post(`/v1/cases/${caseId}/need-ended`, body, { tenant: '*', roles: 'analyst' }))
      .thenProblem(403, 'forbidden');
  });
});
