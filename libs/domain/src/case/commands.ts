import { type CalendarDate, type Command } from '../kernel/index.js';
import { type ProgrammeSnapshot } from '../programme/state.js';
import {
  type BenefitReceiptResumed,
  type CaseClosed,
  type CaseworkerAssigned,
  type EmploymentEnded,
  type EmploymentKind,
  type Gender,
  type MeasureAborted,
  type MeasureCompleted,
  type MeasureStarted,
  type NeedForAssistanceEnded,
  type PersonalDataErased,
  type TargetGroupFlags,
} from './events.js';

export type EnrolClient = Command<
  'EnrolClient',
  {
    readonly caseId: string;
    readonly enrolledOn: CalendarDate;
    /**
     * The pseudonymous person key the application derived (keyed hash, see libs/cases): links a
     * person's cases across re-enrolments and Jobcenters for the statistics.
     */
    readonly personKey: string;
    readonly client: {
      readonly givenName: string;
      readonly familyName: string;
      readonly dateOfBirth: CalendarDate;
      readonly gender: Gender;
    };
    readonly targetGroups: TargetGroupFlags;
  }
>;

/** Carries exactly what the CaseworkerAssigned event records. */
export type AssignCaseworker = Command<'AssignCaseworker', CaseworkerAssigned['data']>;

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

/** Carries exactly what the MeasureStarted event records. */
export type StartMeasure = Command<'StartMeasure', MeasureStarted['data']>;

/** Carries exactly what the MeasureCompleted event records. */
export type CompleteMeasure = Command<'CompleteMeasure', MeasureCompleted['data']>;

/** Carries exactly what the MeasureAborted event records. */
export type AbortMeasure = Command<'AbortMeasure', MeasureAborted['data']>;

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

/** Carries exactly what the EmploymentEnded event records. */
export type EndEmployment = Command<'EndEmployment', EmploymentEnded['data']>;

/** Carries exactly what the NeedForAssistanceEnded event records. */
export type EndNeedForAssistance = Command<'EndNeedForAssistance', NeedForAssistanceEnded['data']>;

/** Carries exactly what the BenefitReceiptResumed event records. */
export type ResumeBenefitReceipt = Command<'ResumeBenefitReceipt', BenefitReceiptResumed['data']>;

/** Carries exactly what the CaseClosed event records. */
export type CloseCase = Command<'CloseCase', CaseClosed['data']>;

/** Erase the client's personal data once the case is closed and its retention period ended. */
export type ErasePersonalData = Command<'ErasePersonalData', PersonalDataErased['data']>;

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
  | CloseCase
  | ErasePersonalData;
export type CaseCommandType = CaseCommand['type'];
