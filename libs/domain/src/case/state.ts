import { type CalendarDate } from '../kernel/index.js';
import {
  type CaseCloseReason,
  type EmploymentKind,
  type Gender,
  type MeasureAbortReason,
  type NeedEndedReason,
  type TargetGroupFlags,
} from './events.js';

/** One assignment of an Eingliederungsmaßnahme to the client. */
export interface MeasureParticipation {
  readonly measureId: string;
  readonly programmeYear: number;
  readonly assignedOn: CalendarDate;
  readonly startedOn?: CalendarDate;
  readonly completedOn?: CalendarDate;
  readonly abortedOn?: CalendarDate;
  readonly abortReason?: MeasureAbortReason;
}

export interface Employment {
  readonly startedOn: CalendarDate;
  readonly kind: EmploymentKind;
  readonly subsidised: boolean;
  readonly endedOn?: CalendarDate;
}

/** Hilfebedürftigkeit: ongoing from enrolment until it ends; it may resume later. */
export interface NeedState {
  readonly ongoing: boolean;
  /** The latest end of need, kept after a resumption. */
  readonly endedOn?: CalendarDate;
  readonly reason?: NeedEndedReason;
  /** The latest resumption of benefit receipt, kept after a further end. */
  readonly resumedOn?: CalendarDate;
}

export interface NotEnrolledCase {
  readonly status: 'not-enrolled';
}

interface EnrolledCaseFields {
  readonly caseId: string;
  readonly enrolledOn: CalendarDate;
  readonly gender: Gender;
  /** `YYYY-MM`; `null` for clients enrolled under schema v1 whose personal data was erased. */
  readonly birthMonth: string | null;
  readonly targetGroups: TargetGroupFlags;
  /** The current Integrationsfachkraft: the assignment with the latest `assignedOn`. */
  readonly caseworker?: { readonly caseworkerId: string; readonly assignedOn: CalendarDate };
  /** The current Kooperationsplan: the one with the latest `agreedOn`. */
  readonly cooperationPlan?: { readonly agreedOn: CalendarDate; readonly goalCount: number };
  readonly need: NeedState;
  readonly measures: Readonly<Record<string, MeasureParticipation>>;
  readonly employments: Readonly<Record<string, Employment>>;
  /** The latest effective date recorded so far: a case cannot be closed before it. */
  readonly latestEffectiveDate: CalendarDate;
  /** Set once the data protection officer erased the personal data (crypto-shredding). */
  readonly personalDataErasedOn?: CalendarDate;
}

export interface ActiveCase extends EnrolledCaseFields {
  readonly status: 'active';
}

export interface ClosedCase extends EnrolledCaseFields {
  readonly status: 'closed';
  readonly closedOn: CalendarDate;
  readonly closeReason: CaseCloseReason;
}

export type EnrolledCase = ActiveCase | ClosedCase;

/**
 * The decision state of a case, also what the API returns as its current state. It holds no
 * personal data (evolve ignores `personal`), so erasing personal data can never change a decision.
 */
export type CaseState = NotEnrolledCase | EnrolledCase;
export type CaseStatus = CaseState['status'];

export function isEnrolled(state: CaseState): state is EnrolledCase {
  return state.status !== 'not-enrolled';
}
