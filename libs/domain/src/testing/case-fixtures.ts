import { type CaseCommand } from '../case/commands.js';
import { type CaseEvent, type ClientEnrolled } from '../case/events.js';
import { type ProgrammeCommand } from '../programme/commands.js';
import { type ProgrammeSnapshot } from '../programme/state.js';

/** The Jobcenter's "today" in every example unless a test says otherwise. */
export const TODAY = '2024-06-15';

type CommandOf<U extends { type: string }, T extends U['type']> = Extract<U, { type: T }>;

/** A case command of `type` with `data`, issued on `today`. */
export function caseCommand<T extends CaseCommand['type']>(
  type: T,
  data: CommandOf<CaseCommand, T>['data'],
  today: string = TODAY,
): CommandOf<CaseCommand, T> {
  return { type, data, metadata: { today } } as CommandOf<CaseCommand, T>;
}

export function programmeCommand<T extends ProgrammeCommand['type']>(
  type: T,
  data: CommandOf<ProgrammeCommand, T>['data'],
  today: string = TODAY,
): CommandOf<ProgrammeCommand, T> {
  return { type, data, metadata: { today } } as CommandOf<ProgrammeCommand, T>;
}

export const ENROLLED_ON = '2024-01-10';

/** A person key as the application derives it (the domain only checks its form). */
export const PERSON_KEY = 'pk_example-person-0001';

export const clientEnrolled: ClientEnrolled = {
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
};

export const measureAssigned = (assignmentId = 'a-1', assignedOn = '2024-02-01'): CaseEvent => ({
  type: 'MeasureAssigned',
  data: {
    assignmentId,
    measureId: 'm-coaching',
    programmeYear: 2024,
    programmeVersion: 3,
    assignedOn,
  },
});

/** The approved Arbeitsmarktprogramm 2024 as the application layer would load it (3 events). */
export const approvedProgramme2024: ProgrammeSnapshot = {
  year: 2024,
  measures: {
    'm-coaching': {
      title: 'Job-Turbo Coaching',
      kind: 'coaching',
      plannedPlaces: 40,
      targetGroups: ['refugee-ukraine'],
    },
    'm-training': {
      title: 'Umschulung Pflege',
      kind: 'vocational-training',
      plannedPlaces: 12,
      targetGroups: ['all'],
    },
  },
  approvedOn: '2023-12-05',
  version: 3,
};
