import { type CalendarDate, type Command } from '../kernel/index.js';
import { type ProgrammeSnapshot } from '../programme/state.js';
import {
  type CaseCloseReason,
  type EmploymentKind,
  type Gender,
  type MeasureAbortReason,
  type NeedEndedReason,
  type TargetGroupFlags,
} from './events.js';

export type EnrolClient = Command<
  'EnrolClient',
  {
    readonly caseId: string;
    readonly enrolledOn: CalendarDate;
    readonly client: {
      readonly givenName: string;
      readonly familyName: string;
      readonly dateOfBirth: CalendarDate;
      readonly gender: Gender;
    };
    readonly targetGroups: TargetGroupFlags;
  }
>;

export type AssignCaseworker = Command<
  'AssignCaseworker',
  { readonly caseworkerId: string; readonly assignedOn: CalendarDate }
>;

/** Agree (or update) the Kooperationsplan. */
export type AgreeCooperationPlan = Command<
  'AgreeCooperationPlan',
  { readonly agreedOn: CalendarDate; readonly goals: readonly string[] }
>;

/**
 * Assign an Eingliederungsmaßnahme. The decision spans two streams: the measure must be in the
 * approved Arbeitsmarktprogramm of the year of `assignedOn`. The handler loads that programme
 * stream and passes its folded state and stream version in `programme`. An approved programme is
 * frozen (no event can follow the approval), so a decision based on an approved programme cannot
 * be invalidated by a concurrent write to the programme stream, and appending to the case stream
 * alone, with its expected version, is enough: no cross-stream transaction is needed. The event
 * records `programmeYear` and `programmeVersion` so an auditor can replay the exact basis.
 */
export type AssignMeasure = Command<
  'AssignMeasure',
  {
    readonly assignmentId: string;
    readonly measureId: string;
    readonly assignedOn: CalendarDate;
    /** The programme of the year of `assignedOn`, as loaded by the application layer. */
    readonly programme: ProgrammeSnapshot;
  }
>;

export type StartMeasure = Command<
  'StartMeasure',
  { readonly assignmentId: string; readonly startedOn: CalendarDate }
>;

export type CompleteMeasure = Command<
  'CompleteMeasure',
  { readonly assignmentId: string; readonly completedOn: CalendarDate }
>;

export type AbortMeasure = Command<
  'AbortMeasure',
  {
    readonly assignmentId: string;
    readonly abortedOn: CalendarDate;
    readonly reason: MeasureAbortReason;
  }
>;

export type StartEmployment = Command<
  'StartEmployment',
  {
    readonly employmentId: string;
    readonly startedOn: CalendarDate;
    readonly kind: EmploymentKind;
    readonly subsidised: boolean;
    /** Personal: stored encrypted with the event, never in clear. */
    readonly monthlyGrossIncome?: number;
  }
>;

export type EndEmployment = Command<
  'EndEmployment',
  { readonly employmentId: string; readonly endedOn: CalendarDate }
>;

export type EndNeedForAssistance = Command<
  'EndNeedForAssistance',
  { readonly endedOn: CalendarDate; readonly reason: NeedEndedReason }
>;

export type ResumeBenefitReceipt = Command<
  'ResumeBenefitReceipt',
  { readonly resumedOn: CalendarDate }
>;

export type CloseCase = Command<
  'CloseCase',
  { readonly closedOn: CalendarDate; readonly reason: CaseCloseReason }
>;

export type CaseCommand =
  | EnrolClient
  | AssignCaseworker
  | AgreeCooperationPlan
  | AssignMeasure
  | StartMeasure
  | CompleteMeasure
  | AbortMeasure
  | StartEmployment
  | EndEmployment
  | EndNeedForAssistance
  | ResumeBenefitReceipt
  | CloseCase;
export type CaseCommandType = CaseCommand['type'];
