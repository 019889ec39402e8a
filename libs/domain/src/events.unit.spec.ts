import { type CaseEvent } from './case/events.js';
import { effectiveDateOf, type DomainEvent } from './events.js';
import { type ProgrammeEvent } from './programme/events.js';
import { CURRENT_SCHEMA_VERSION } from './schema/versions.js';
import { caseStreamId, programmeStreamId } from './streams.js';

/** One event of every type, each with a distinct effective date. */
const examples: Record<DomainEvent['type'], { event: CaseEvent | ProgrammeEvent; date: string }> = {
  ClientEnrolled: {
    date: '2024-01-01',
    event: {
      type: 'ClientEnrolled',
      data: {
        caseId: 'c',
        enrolledOn: '2024-01-01',
        gender: 'male',
        birthMonth: '1990-01',
        targetGroups: { singleParent: false, refugeeUkraine: false },
        personKey: null,
      },
    },
  },
  CaseworkerAssigned: {
    date: '2024-01-02',
    event: { type: 'CaseworkerAssigned', data: { caseworkerId: 'w', assignedOn: '2024-01-02' } },
  },
  CooperationPlanAgreed: {
    date: '2024-01-03',
    event: { type: 'CooperationPlanAgreed', data: { agreedOn: '2024-01-03', goalCount: 1 } },
  },
  MeasureAssigned: {
    date: '2024-01-04',
    event: {
      type: 'MeasureAssigned',
      data: {
        assignmentId: 'a',
        measureId: 'm',
        programmeYear: 2024,
        programmeVersion: 1,
        assignedOn: '2024-01-04',
      },
    },
  },
  MeasureStarted: {
    date: '2024-01-05',
    event: { type: 'MeasureStarted', data: { assignmentId: 'a', startedOn: '2024-01-05' } },
  },
  MeasureCompleted: {
    date: '2024-01-06',
    event: { type: 'MeasureCompleted', data: { assignmentId: 'a', completedOn: '2024-01-06' } },
  },
  MeasureAborted: {
    date: '2024-01-07',
    event: {
      type: 'MeasureAborted',
      data: { assignmentId: 'a', abortedOn: '2024-01-07', reason: 'other' },
    },
  },
  EmploymentStarted: {
    date: '2024-01-08',
    event: {
      type: 'EmploymentStarted',
      data: { employmentId: 'e', startedOn: '2024-01-08', kind: 'marginal', subsidised: false },
    },
  },
  EmploymentEnded: {
    date: '2024-01-09',
    event: { type: 'EmploymentEnded', data: { employmentId: 'e', endedOn: '2024-01-09' } },
  },
  NeedForAssistanceEnded: {
    date: '2024-01-10',
    event: { type: 'NeedForAssistanceEnded', data: { endedOn: '2024-01-10', reason: 'moved' } },
  },
  BenefitReceiptResumed: {
    date: '2024-01-11',
    event: { type: 'BenefitReceiptResumed', data: { resumedOn: '2024-01-11' } },
  },
  CaseClosed: {
    date: '2024-01-12',
    event: { type: 'CaseClosed', data: { closedOn: '2024-01-12', reason: 'other' } },
  },
  PersonalDataErased: {
    date: '2034-01-31',
    event: { type: 'PersonalDataErased', data: { erasedOn: '2034-01-31', personKey: null } },
  },
  MeasureOffered: {
    date: '2024-01-13',
    event: {
      type: 'MeasureOffered',
      data: {
        year: 2024,
        measureId: 'm',
        title: 't',
        kind: 'other',
        plannedPlaces: 1,
        targetGroups: ['all'],
        offeredOn: '2024-01-13',
      },
    },
  },
  ProgrammeApproved: {
    date: '2024-01-14',
    event: { type: 'ProgrammeApproved', data: { year: 2024, approvedOn: '2024-01-14' } },
  },
};

describe('effectiveDateOf', () => {
  it("returns each event type's own date field", () => {
    for (const [type, { event, date }] of Object.entries(examples)) {
      expect(event.type).toBe(type);
      expect(effectiveDateOf(event)).toBe(date);
    }
    expect(Object.keys(examples).sort()).toEqual(Object.keys(CURRENT_SCHEMA_VERSION).sort());
  });
});

describe('stream ids', () => {
  it('name one stream per case and one per programme year', () => {
    expect(caseStreamId('4711')).toBe('case-4711');
    expect(programmeStreamId(2024)).toBe('programme-2024');
  });
});
