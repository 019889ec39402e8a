import {
  approvedProgramme2024,
  caseCommand,
  clientEnrolled,
  ENROLLED_ON,
  PERSON_KEY,
  measureAssigned,
  TODAY,
} from '../testing/case-fixtures.js';
import { given as givenDecider } from '../testing/given-when-then.js';
import { caseDecider, evolveCase, initialCaseState } from './case.decider.js';
import { type CaseCommand } from './commands.js';
import { type CaseEvent } from './events.js';
import { foldEvents } from '../kernel/index.js';

const given = (history: readonly CaseEvent[]) => givenDecider(caseDecider, history);

const enrolClient = (
  overrides: Partial<Extract<CaseCommand, { type: 'EnrolClient' }>['data']> = {},
) =>
  caseCommand('EnrolClient', {
    caseId: 'c-1',
    enrolledOn: ENROLLED_ON,
    personKey: PERSON_KEY,
    client: {
      givenName: 'Olena',
      familyName: 'Beispiel',
      dateOfBirth: '1990-04-23',
      gender: 'female',
    },
    targetGroups: { singleParent: true, refugeeUkraine: false },
    ...overrides,
  });

const withDateOfBirth = (dateOfBirth: string, enrolledOn = ENROLLED_ON) =>
  enrolClient({
    enrolledOn,
    client: { givenName: 'Olena', familyName: 'Beispiel', dateOfBirth, gender: 'female' },
  });

/** One command of every type after enrolment, with its effective date field set to `date`. */
const datedCommands: ReadonlyArray<readonly [field: string, make: (date: string) => CaseCommand]> =
  [
    ['assignedOn', (d) => caseCommand('AssignCaseworker', { caseworkerId: 'cw-7', assignedOn: d })],
    ['agreedOn', (d) => caseCommand('AgreeCooperationPlan', { agreedOn: d, goals: ['B1 course'] })],
    [
      'assignedOn',
      (d) =>
        caseCommand('AssignMeasure', {
          assignmentId: 'a-9',
          measureId: 'm-coaching',
          assignedOn: d,
          programme: approvedProgramme2024,
        }),
    ],
    ['startedOn', (d) => caseCommand('StartMeasure', { assignmentId: 'a-1', startedOn: d })],
    ['completedOn', (d) => caseCommand('CompleteMeasure', { assignmentId: 'a-1', completedOn: d })],
    [
      'abortedOn',
      (d) => caseCommand('AbortMeasure', { assignmentId: 'a-1', abortedOn: d, reason: 'illness' }),
    ],
    [
      'startedOn',
      (d) =>
        caseCommand('StartEmployment', {
          employmentId: 'e-9',
          startedOn: d,
          kind: 'insured',
          subsidised: false,
        }),
    ],
    ['endedOn', (d) => caseCommand('EndEmployment', { employmentId: 'e-1', endedOn: d })],
    ['endedOn', (d) => caseCommand('EndNeedForAssistance', { endedOn: d, reason: 'moved' })],
    ['resumedOn', (d) => caseCommand('ResumeBenefitReceipt', { resumedOn: d })],
    ['closedOn', (d) => caseCommand('CloseCase', { closedOn: d, reason: 'moved' })],
  ];

const employmentStarted = (employmentId = 'e-1', startedOn = '2024-03-01'): CaseEvent => ({
  type: 'EmploymentStarted',
  data: { employmentId, startedOn, kind: 'insured', subsidised: false },
});
const measureStarted = (assignmentId = 'a-1', startedOn = '2024-02-12'): CaseEvent => ({
  type: 'MeasureStarted',
  data: { assignmentId, startedOn },
});
const needEnded = (endedOn = '2024-04-01'): CaseEvent => ({
  type: 'NeedForAssistanceEnded',
  data: { endedOn, reason: 'employment-income' },
});
const benefitResumed = (resumedOn = '2024-05-01'): CaseEvent => ({
  type: 'BenefitReceiptResumed',
  data: { resumedOn },
});
const caseClosed: CaseEvent = {
  type: 'CaseClosed',
  data: { closedOn: '2024-05-31', reason: 'moved' },
};

describe('Case: lifecycle', () => {
  it('refuses a person key the application could not have derived (kept in clear, so never a name)', () => {
    for (const personKey of ['', 'too-short', 'Olena Beispiel 1990-04-23', 'x'.repeat(129)]) {
      given([])
        .when(enrolClient({ personKey }))
        .thenFails('invalid-person-key', { kind: 'unprocessable', field: 'personKey' });
    }
  });

  it('enrols a client, deriving the birth month and keeping identity apart as personal data', () => {
    given([])
      .when(enrolClient())
      .then([
        {
          type: 'ClientEnrolled',
          data: {
            caseId: 'c-1',
            enrolledOn: ENROLLED_ON,
            gender: 'female',
            birthMonth: '1990-04',
            targetGroups: { singleParent: true, refugeeUkraine: false },
            personKey: PERSON_KEY,
          },
          personal: { givenName: 'Olena', familyName: 'Beispiel', dateOfBirth: '1990-04-23' },
        },
      ]);
  });

  it('case-already-enrolled: a case is enrolled once', () => {
    given([clientEnrolled])
      .when(enrolClient())
      .thenFails('case-already-enrolled', { kind: 'conflict' });
  });

  it('case-not-enrolled: nothing happens before enrolment', () => {
    for (const [, make] of datedCommands) {
      given([]).when(make('2024-03-01')).thenFails('case-not-enrolled', { kind: 'conflict' });
    }
  });

  it('case-closed: nothing happens to a closed case, not even a second enrolment', () => {
    for (const [, make] of datedCommands) {
      given([clientEnrolled, caseClosed])
        .when(make('2024-06-01'))
        .thenFails('case-closed', { kind: 'conflict' });
    }
    given([clientEnrolled, caseClosed]).when(enrolClient()).thenFails('case-already-enrolled');
  });

  it('rejects a malformed metadata.today as a caller bug, not as a rule violation', () => {
    const command = { ...enrolClient(), metadata: { today: '15.06.2024' } };
    expect(() => caseDecider.decide(command, initialCaseState())).toThrow(/metadata\.today/);
  });
});

describe('Case: effective dates', () => {
  it('invalid-date: every effective date must be a calendar day, named by its field', () => {
    given([])
      .when(enrolClient({ enrolledOn: '2024-02-30' }))
      .thenFails('invalid-date', {
        kind: 'unprocessable',
        field: 'enrolledOn',
      });
    for (const [field, make] of datedCommands) {
      given([clientEnrolled]).when(make('2024-02-30')).thenFails('invalid-date', { field });
    }
  });

  it('date-in-future: nothing is recorded as happened after today', () => {
    given([])
      .when(enrolClient({ enrolledOn: '2024-06-16' }))
      .thenFails('date-in-future', {
        kind: 'unprocessable',
        field: 'enrolledOn',
      });
    for (const [field, make] of datedCommands) {
      given([clientEnrolled]).when(make('2024-06-16')).thenFails('date-in-future', { field });
    }
  });

  it('accepts today itself as an effective date', () => {
    given([clientEnrolled])
      .when(caseCommand('AssignCaseworker', { caseworkerId: 'cw-7', assignedOn: TODAY }))
      .then([{ type: 'CaseworkerAssigned', data: { caseworkerId: 'cw-7', assignedOn: TODAY } }]);
  });

  it('date-before-enrolment: nothing happens in the case before the client was enrolled', () => {
    for (const [field, make] of datedCommands) {
      given([clientEnrolled]).when(make('2024-01-09')).thenFails('date-before-enrolment', {
        kind: 'unprocessable',
        field,
      });
    }
  });

  it('accepts a late entry dated before things already recorded', () => {
    given([clientEnrolled, employmentStarted('e-1', '2024-06-10')])
      .when(caseCommand('AgreeCooperationPlan', { agreedOn: '2024-02-01', goals: ['B1 course'] }))
      .then([
        {
          type: 'CooperationPlanAgreed',
          data: { agreedOn: '2024-02-01', goalCount: 1 },
          personal: { goals: ['B1 course'] },
        },
      ]);
  });

  it('invalid-date: the date of birth must be a calendar day', () => {
    given([])
      .when(withDateOfBirth('1990-02-30'))
      .thenFails('invalid-date', { field: 'client.dateOfBirth' });
  });

  it('client-age-out-of-range: clients are aged 15 to 67 on the enrolment date', () => {
    const expected = { kind: 'unprocessable', field: 'client.dateOfBirth' } as const;
    given([]).when(withDateOfBirth('2009-01-11')).thenFails('client-age-out-of-range', expected);
    given([]).when(withDateOfBirth('1956-01-10')).thenFails('client-age-out-of-range', expected);
  });

  it('accepts clients aged exactly 15 and still 67 on the enrolment date', () => {
    expect(caseDecider.decide(withDateOfBirth('2009-01-10'), initialCaseState())).toHaveLength(1);
    expect(caseDecider.decide(withDateOfBirth('1956-01-11'), initialCaseState())).toHaveLength(1);
  });
});

describe('Case: caseworker and Kooperationsplan', () => {
  it('assigns a caseworker', () => {
    given([clientEnrolled])
      .when(caseCommand('AssignCaseworker', { caseworkerId: 'cw-7', assignedOn: '2024-01-11' }))
      .then([
        { type: 'CaseworkerAssigned', data: { caseworkerId: 'cw-7', assignedOn: '2024-01-11' } },
      ]);
  });

  it('agrees a Kooperationsplan: the goal count in clear, the goals as personal free text', () => {
    given([clientEnrolled])
      .when(
        caseCommand('AgreeCooperationPlan', {
          agreedOn: '2024-01-20',
          goals: ['German B1', 'Apply as nursing assistant'],
        }),
      )
      .then([
        {
          type: 'CooperationPlanAgreed',
          data: { agreedOn: '2024-01-20', goalCount: 2 },
          personal: { goals: ['German B1', 'Apply as nursing assistant'] },
        },
      ]);
  });

  it('invalid-goals: a Kooperationsplan has at least one goal and no blank goal', () => {
    for (const goals of [[], ['German B1', '  ']]) {
      given([clientEnrolled])
        .when(caseCommand('AgreeCooperationPlan', { agreedOn: '2024-01-20', goals }))
        .thenFails('invalid-goals', { kind: 'unprocessable', field: 'goals' });
    }
  });
});

describe('Case: Eingliederungsmaßnahmen', () => {
  const assignMeasure = (
    overrides: Partial<Extract<CaseCommand, { type: 'AssignMeasure' }>['data']> = {},
  ) =>
    caseCommand('AssignMeasure', {
      assignmentId: 'a-1',
      measureId: 'm-coaching',
      assignedOn: '2024-02-01',
      programme: approvedProgramme2024,
      ...overrides,
    });

  it('assigns a measure of the approved programme, recording its year and stream version', () => {
    given([clientEnrolled])
      .when(assignMeasure())
      .then([
        {
          type: 'MeasureAssigned',
          data: {
            assignmentId: 'a-1',
            measureId: 'm-coaching',
            programmeYear: 2024,
            programmeVersion: 3,
            assignedOn: '2024-02-01',
          },
        },
      ]);
  });

  it('assignment-exists: an assignment id is unique in the case', () => {
    given([clientEnrolled, measureAssigned('a-1')])
      .when(assignMeasure({ measureId: 'm-training' }))
      .thenFails('assignment-exists', { kind: 'conflict', field: 'assignmentId' });
  });

  it('measure-not-in-programme: only measures of the programme of that year can be assigned', () => {
    given([clientEnrolled])
      .when(assignMeasure({ measureId: 'm-unknown' }))
      .thenFails('measure-not-in-programme', { kind: 'unprocessable', field: 'measureId' });
    given([clientEnrolled])
      .when(assignMeasure({ programme: { year: null, measures: {}, version: 0 } }))
      .thenFails('measure-not-in-programme');
  });

  it('measure-not-in-programme: inherited object keys are not measures', () => {
    given([clientEnrolled])
      .when(assignMeasure({ measureId: 'constructor' }))
      .thenFails('measure-not-in-programme');
  });

  it('programme-not-approved: the Arbeitsmarktprogramm must be approved by the örtlicher Beirat', () => {
    const { approvedOn: _approvedOn, ...draft } = approvedProgramme2024;
    given([clientEnrolled])
      .when(assignMeasure({ programme: { ...draft, version: 2 } }))
      .thenFails('programme-not-approved', { kind: 'conflict' });
  });

  it('programme-year-mismatch: the programme must be the one of the year of assignedOn', () => {
    given([clientEnrolled])
      .when(assignMeasure({ programme: { ...approvedProgramme2024, year: 2023 } }))
      .thenFails('programme-year-mismatch', { kind: 'unprocessable', field: 'programme' });
  });

  it('starts an assigned measure', () => {
    given([clientEnrolled, measureAssigned('a-1', '2024-02-01')])
      .when(caseCommand('StartMeasure', { assignmentId: 'a-1', startedOn: '2024-02-01' }))
      .then([{ type: 'MeasureStarted', data: { assignmentId: 'a-1', startedOn: '2024-02-01' } }]);
  });

  it('measure-not-assigned: start, complete and abort need a known assignment', () => {
    const history = [clientEnrolled, measureAssigned('a-1')];
    const commands = [
      caseCommand('StartMeasure', { assignmentId: 'a-2', startedOn: '2024-03-01' }),
      caseCommand('CompleteMeasure', { assignmentId: 'a-2', completedOn: '2024-03-01' }),
      caseCommand('AbortMeasure', {
        assignmentId: 'a-2',
        abortedOn: '2024-03-01',
        reason: 'other',
      }),
      caseCommand('StartMeasure', { assignmentId: 'toString', startedOn: '2024-03-01' }),
    ];
    for (const command of commands) {
      given(history)
        .when(command)
        .thenFails('measure-not-assigned', { kind: 'conflict', field: 'assignmentId' });
    }
  });

  it('measure-already-started: a measure starts once', () => {
    given([clientEnrolled, measureAssigned('a-1'), measureStarted('a-1')])
      .when(caseCommand('StartMeasure', { assignmentId: 'a-1', startedOn: '2024-03-01' }))
      .thenFails('measure-already-started', { kind: 'conflict' });
  });

  it('date-before-assignment: a measure neither starts nor is aborted before it was assigned', () => {
    const history = [clientEnrolled, measureAssigned('a-1', '2024-02-01')];
    given(history)
      .when(caseCommand('StartMeasure', { assignmentId: 'a-1', startedOn: '2024-01-31' }))
      .thenFails('date-before-assignment', { kind: 'unprocessable', field: 'startedOn' });
    given(history)
      .when(
        caseCommand('AbortMeasure', {
          assignmentId: 'a-1',
          abortedOn: '2024-01-31',
          reason: 'other',
        }),
      )
      .thenFails('date-before-assignment', { field: 'abortedOn' });
  });

  it('completes a started measure', () => {
    given([clientEnrolled, measureAssigned('a-1'), measureStarted('a-1', '2024-02-12')])
      .when(caseCommand('CompleteMeasure', { assignmentId: 'a-1', completedOn: '2024-02-12' }))
      .then([
        { type: 'MeasureCompleted', data: { assignmentId: 'a-1', completedOn: '2024-02-12' } },
      ]);
  });

  it('measure-not-started: only a started measure can be completed', () => {
    given([clientEnrolled, measureAssigned('a-1')])
      .when(caseCommand('CompleteMeasure', { assignmentId: 'a-1', completedOn: '2024-03-01' }))
      .thenFails('measure-not-started', { kind: 'conflict' });
  });

  it('end-before-start: a measure is not completed before it started', () => {
    given([clientEnrolled, measureAssigned('a-1'), measureStarted('a-1', '2024-02-12')])
      .when(caseCommand('CompleteMeasure', { assignmentId: 'a-1', completedOn: '2024-02-11' }))
      .thenFails('end-before-start', { kind: 'unprocessable', field: 'completedOn' });
  });

  it('end-before-start: a started measure is not aborted before its start', () => {
    given([clientEnrolled, measureAssigned('a-1'), measureStarted('a-1', '2024-02-12')])
      .when(
        caseCommand('AbortMeasure', {
          assignmentId: 'a-1',
          abortedOn: '2024-02-11',
          reason: 'other',
        }),
      )
      .thenFails('end-before-start', { field: 'abortedOn' });
  });

  it('aborts a measure before it started, or after', () => {
    given([clientEnrolled, measureAssigned('a-1')])
      .when(
        caseCommand('AbortMeasure', {
          assignmentId: 'a-1',
          abortedOn: '2024-02-05',
          reason: 'illness',
        }),
      )
      .then([
        {
          type: 'MeasureAborted',
          data: { assignmentId: 'a-1', abortedOn: '2024-02-05', reason: 'illness' },
        },
      ]);
    given([clientEnrolled, measureAssigned('a-1'), measureStarted('a-1')])
      .when(
        caseCommand('AbortMeasure', {
          assignmentId: 'a-1',
          abortedOn: '2024-03-01',
          reason: 'employment',
        }),
      )
      .then([
        {
          type: 'MeasureAborted',
          data: { assignmentId: 'a-1', abortedOn: '2024-03-01', reason: 'employment' },
        },
      ]);
  });

  it('measure-already-ended: a completed or aborted measure cannot start, complete or abort again', () => {
    const completed: CaseEvent = {
      type: 'MeasureCompleted',
      data: { assignmentId: 'a-1', completedOn: '2024-03-01' },
    };
    const aborted: CaseEvent = {
      type: 'MeasureAborted',
      data: { assignmentId: 'a-1', abortedOn: '2024-03-01', reason: 'illness' },
    };
    const histories = [
      [clientEnrolled, measureAssigned('a-1'), measureStarted('a-1'), completed],
      [clientEnrolled, measureAssigned('a-1'), aborted],
    ];
    const commands = [
      caseCommand('StartMeasure', { assignmentId: 'a-1', startedOn: '2024-03-02' }),
      caseCommand('CompleteMeasure', { assignmentId: 'a-1', completedOn: '2024-03-02' }),
      caseCommand('AbortMeasure', {
        assignmentId: 'a-1',
        abortedOn: '2024-03-02',
        reason: 'other',
      }),
    ];
    for (const history of histories) {
      for (const command of commands) {
        given(history).when(command).thenFails('measure-already-ended', { kind: 'conflict' });
      }
    }
  });
});

describe('Case: employment', () => {
  const startEmployment = (monthlyGrossIncome?: number) =>
    caseCommand('StartEmployment', {
      employmentId: 'e-1',
      startedOn: '2024-03-01',
      kind: 'insured',
      subsidised: true,
      ...(monthlyGrossIncome === undefined ? {} : { monthlyGrossIncome }),
    });

  it('starts an employment, the income only as personal data', () => {
    given([clientEnrolled])
      .when(startEmployment(2450))
      .then([
        {
          type: 'EmploymentStarted',
          data: { employmentId: 'e-1', startedOn: '2024-03-01', kind: 'insured', subsidised: true },
          personal: { monthlyGrossIncome: 2450 },
        },
      ]);
  });

  it('starts an employment without personal data when the income is unknown', () => {
    given([clientEnrolled])
      .when(startEmployment())
      .then([
        {
          type: 'EmploymentStarted',
          data: { employmentId: 'e-1', startedOn: '2024-03-01', kind: 'insured', subsidised: true },
        },
      ]);
  });

  it('invalid-income: the monthly gross income is a non-negative amount', () => {
    for (const income of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      given([clientEnrolled])
        .when(startEmployment(income))
        .thenFails('invalid-income', { kind: 'unprocessable', field: 'monthlyGrossIncome' });
    }
  });

  it('employment-exists: an employment id is unique in the case', () => {
    given([clientEnrolled, employmentStarted('e-1')])
      .when(startEmployment())
      .thenFails('employment-exists', { kind: 'conflict', field: 'employmentId' });
  });

  it('ends an employment', () => {
    given([clientEnrolled, employmentStarted('e-1', '2024-03-01')])
      .when(caseCommand('EndEmployment', { employmentId: 'e-1', endedOn: '2024-03-01' }))
      .then([{ type: 'EmploymentEnded', data: { employmentId: 'e-1', endedOn: '2024-03-01' } }]);
  });

  it('employment-not-found: only a recorded employment can end', () => {
    given([clientEnrolled, employmentStarted('e-1')])
      .when(caseCommand('EndEmployment', { employmentId: 'e-2', endedOn: '2024-04-01' }))
      .thenFails('employment-not-found', { kind: 'conflict', field: 'employmentId' });
  });

  it('employment-already-ended: an employment ends once', () => {
    const ended: CaseEvent = {
      type: 'EmploymentEnded',
      data: { employmentId: 'e-1', endedOn: '2024-04-01' },
    };
    given([clientEnrolled, employmentStarted('e-1'), ended])
      .when(caseCommand('EndEmployment', { employmentId: 'e-1', endedOn: '2024-05-01' }))
      .thenFails('employment-already-ended', { kind: 'conflict' });
  });

  it('end-before-start: an employment does not end before it started', () => {
    given([clientEnrolled, employmentStarted('e-1', '2024-03-01')])
      .when(caseCommand('EndEmployment', { employmentId: 'e-1', endedOn: '2024-02-29' }))
      .thenFails('end-before-start', { kind: 'unprocessable', field: 'endedOn' });
  });
});

describe('Case: Hilfebedürftigkeit', () => {
  it('ends the need for assistance, which is ongoing from enrolment', () => {
    given([clientEnrolled])
      .when(
        caseCommand('EndNeedForAssistance', { endedOn: '2024-04-01', reason: 'employment-income' }),
      )
      .then([needEnded('2024-04-01')]);
  });

  it('need-not-ongoing: need ends only while it is ongoing', () => {
    given([clientEnrolled, needEnded('2024-04-01')])
      .when(caseCommand('EndNeedForAssistance', { endedOn: '2024-04-02', reason: 'other' }))
      .thenFails('need-not-ongoing', { kind: 'conflict' });
  });

  it('resumes benefit receipt after the need ended', () => {
    given([clientEnrolled, needEnded('2024-04-01')])
      .when(caseCommand('ResumeBenefitReceipt', { resumedOn: '2024-04-02' }))
      .then([benefitResumed('2024-04-02')]);
  });

  it('need-still-ongoing: benefit receipt resumes only after the need ended', () => {
    given([clientEnrolled])
      .when(caseCommand('ResumeBenefitReceipt', { resumedOn: '2024-04-02' }))
      .thenFails('need-still-ongoing', { kind: 'conflict' });
    given([clientEnrolled, needEnded('2024-04-01'), benefitResumed('2024-05-01')])
      .when(caseCommand('ResumeBenefitReceipt', { resumedOn: '2024-05-02' }))
      .thenFails('need-still-ongoing');
  });

  it('resume-before-need-ended: resumedOn lies strictly after the end of need', () => {
    given([clientEnrolled, needEnded('2024-04-01')])
      .when(caseCommand('ResumeBenefitReceipt', { resumedOn: '2024-04-01' }))
      .thenFails('resume-before-need-ended', { kind: 'unprocessable', field: 'resumedOn' });
  });

  it('end-before-resumption: need that resumed cannot end again before it resumed', () => {
    given([clientEnrolled, needEnded('2024-04-01'), benefitResumed('2024-05-01')])
      .when(caseCommand('EndNeedForAssistance', { endedOn: '2024-04-30', reason: 'other' }))
      .thenFails('end-before-resumption', { kind: 'unprocessable', field: 'endedOn' });
  });
});

describe('Case: closing', () => {
  it('closes a case on the day of its latest recorded event', () => {
    given([clientEnrolled, employmentStarted('e-1', '2024-05-31')])
      .when(caseCommand('CloseCase', { closedOn: '2024-05-31', reason: 'moved' }))
      .then([{ type: 'CaseClosed', data: { closedOn: '2024-05-31', reason: 'moved' } }]);
  });

  it('need-still-ongoing: a case is closed because need ended only once the end of need is recorded', () => {
    given([clientEnrolled, employmentStarted('e-1', '2024-05-31')])
      .when(caseCommand('CloseCase', { closedOn: '2024-05-31', reason: 'need-ended' }))
      .thenFails('need-still-ongoing', { kind: 'conflict', field: 'reason' });
    given([clientEnrolled, needEnded('2024-05-31')])
      .when(caseCommand('CloseCase', { closedOn: '2024-06-01', reason: 'need-ended' }))
      .then([{ type: 'CaseClosed', data: { closedOn: '2024-06-01', reason: 'need-ended' } }]);
  });

  it('close-before-last-event: a case is not closed before any date already recorded in it', () => {
    // Recorded in this order, but the latest effective date is the employment start.
    const history = [
      clientEnrolled,
      employmentStarted('e-1', '2024-05-31'),
      measureAssigned('a-1'),
    ];
    given(history)
      .when(caseCommand('CloseCase', { closedOn: '2024-05-30', reason: 'moved' }))
      .thenFails('close-before-last-event', { kind: 'unprocessable', field: 'closedOn' });
  });
});

describe('Case: erasure of personal data (crypto-shredding)', () => {
  const closed: CaseEvent[] = [clientEnrolled, caseClosed];
  const erased: CaseEvent = {
    type: 'PersonalDataErased',
    data: { erasedOn: '2024-06-10', personKey: null },
  };

  it('erases the personal data of a closed case once', () => {
    given(closed)
      .when(caseCommand('ErasePersonalData', { erasedOn: '2024-06-10', personKey: null }))
      .then([{ type: 'PersonalDataErased', data: { erasedOn: '2024-06-10', personKey: null } }]);
  });

  it('keeps the person key the application derived for an enrolment that had none', () => {
    const personKey = 'derived-before-shredding_0123456789';
    given(closed)
      .when(caseCommand('ErasePersonalData', { erasedOn: '2024-06-10', personKey }))
      .then([{ type: 'PersonalDataErased', data: { erasedOn: '2024-06-10', personKey } }]);
  });

  it('invalid-person-key: a key kept at erasure has the form of every person key', () => {
    given(closed)
      .when(caseCommand('ErasePersonalData', { erasedOn: '2024-06-10', personKey: 'short' }))
      .thenFails('invalid-person-key', { kind: 'unprocessable', field: 'personKey' });
  });

  it('case-not-closed: an open case keeps its personal data (retention has not ended)', () => {
    given([clientEnrolled])
      .when(caseCommand('ErasePersonalData', { erasedOn: '2024-06-10', personKey: null }))
      .thenFails('case-not-closed', { kind: 'conflict' });
  });

  it('personal-data-already-erased: erasure happens once', () => {
    given([...closed, erased])
      .when(caseCommand('ErasePersonalData', { erasedOn: '2024-06-11', personKey: null }))
      .thenFails('personal-data-already-erased', { kind: 'conflict' });
  });

  it('erasure-before-closing: the erasure is dated on or after the closing', () => {
    given(closed)
      .when(caseCommand('ErasePersonalData', { erasedOn: '2024-05-30', personKey: null }))
      .thenFails('erasure-before-closing', { kind: 'unprocessable', field: 'erasedOn' });
  });

  it('case-not-enrolled: there is nothing to erase in a case that does not exist', () => {
    given([])
      .when(caseCommand('ErasePersonalData', { erasedOn: '2024-06-10', personKey: null }))
      .thenFails('case-not-enrolled', { kind: 'conflict' });
  });

  it("leaves the latest effective date of the client's path alone", () => {
    const state = foldEvents(caseDecider, [...closed, erased]);
    expect(state).toMatchObject({
      status: 'closed',
      latestEffectiveDate: '2024-05-31',
      personalDataErasedOn: '2024-06-10',
    });
  });
});

describe('Case: state', () => {
  const fold = (events: readonly CaseEvent[]) => foldEvents(caseDecider, events);

  it('starts an active case with ongoing need and the pseudonymous attributes in clear', () => {
    expect(fold([clientEnrolled])).toStrictEqual({
      status: 'active',
      caseId: 'c-1',
      enrolledOn: ENROLLED_ON,
      gender: 'female',
      birthMonth: '1990-04',
      targetGroups: { singleParent: true, refugeeUkraine: false },
      need: { ongoing: true },
      measures: {},
      employments: {},
      latestEffectiveDate: ENROLLED_ON,
    });
  });

  it('keeps the caseworker and Kooperationsplan with the latest date when entries arrive late', () => {
    const state = fold([
      clientEnrolled,
      { type: 'CaseworkerAssigned', data: { caseworkerId: 'cw-new', assignedOn: '2024-05-01' } },
      { type: 'CaseworkerAssigned', data: { caseworkerId: 'cw-old', assignedOn: '2024-01-11' } },
      { type: 'CooperationPlanAgreed', data: { agreedOn: '2024-04-01', goalCount: 3 } },
      { type: 'CooperationPlanAgreed', data: { agreedOn: '2024-01-20', goalCount: 1 } },
    ]);
    expect(state).toMatchObject({
      caseworker: { caseworkerId: 'cw-new', assignedOn: '2024-05-01' },
      cooperationPlan: { agreedOn: '2024-04-01', goalCount: 3 },
      latestEffectiveDate: '2024-05-01',
    });
  });

  it('tracks measures, employments, need and closure', () => {
    const state = fold([
      clientEnrolled,
      measureAssigned('a-1', '2024-02-01'),
      measureStarted('a-1', '2024-02-12'),
      {
        type: 'MeasureAborted',
        data: { assignmentId: 'a-1', abortedOn: '2024-03-01', reason: 'employment' },
      },
      employmentStarted('e-1', '2024-03-01'),
      needEnded('2024-04-01'),
      caseClosed,
    ]);
    expect(state).toMatchObject({
      status: 'closed',
      closedOn: '2024-05-31',
      closeReason: 'moved',
      measures: {
        'a-1': {
          measureId: 'm-coaching',
          programmeYear: 2024,
          assignedOn: '2024-02-01',
          startedOn: '2024-02-12',
          abortedOn: '2024-03-01',
          abortReason: 'employment',
        },
      },
      employments: { 'e-1': { startedOn: '2024-03-01', kind: 'insured', subsidised: false } },
      need: { ongoing: false, endedOn: '2024-04-01', reason: 'employment-income' },
      latestEffectiveDate: '2024-05-31',
    });
  });

  it('ignores personal data, so erasing it cannot change a decision', () => {
    const { personal: _personal, ...erased } = clientEnrolled;
    expect(fold([erased])).toStrictEqual(fold([clientEnrolled]));
  });

  it('refuses to fold a stream that does not start with an enrolment', () => {
    expect(() => evolveCase(initialCaseState(), needEnded())).toThrow(/not enrolled/);
    expect(() => fold([clientEnrolled, measureStarted('a-404')])).toThrow(/no assignment a-404/);
  });
});
