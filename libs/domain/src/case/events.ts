import { type CalendarDate, type Event } from '../kernel/index.js';

export const GENDERS = ['female', 'male', 'diverse', 'unspecified'] as const;
export type Gender = (typeof GENDERS)[number];

export const MEASURE_ABORT_REASONS = [
  'employment',
  'illness',
  'non-attendance',
  'measure-cancelled',
  'other',
] as const;
export type MeasureAbortReason = (typeof MEASURE_ABORT_REASONS)[number];

export const EMPLOYMENT_KINDS = [
  'insured',
  'vocational-training',
  'self-employed',
  'marginal',
  'publicly-funded',
] as const;
export type EmploymentKind = (typeof EMPLOYMENT_KINDS)[number];

/**
 * Kinds that count as an Integration (§ 48a SGB II, K2): employment subject to social insurance,
 * a fully qualifying Ausbildung, or self-employment. Minijobs and publicly funded employment are
 * counted separately (K2E1, K2E2).
 */
export const INTEGRATION_KINDS = [
  'insured',
  'vocational-training',
  'self-employed',
] as const satisfies readonly EmploymentKind[];

export function countsAsIntegration(kind: EmploymentKind): boolean {
  return (INTEGRATION_KINDS as readonly EmploymentKind[]).includes(kind);
}

/** Reasons for the end of Hilfebedürftigkeit (Abgänge aus dem Leistungsbezug). */
export const NEED_ENDED_REASONS = [
  'employment-income',
  'other-income',
  'household-change',
  'moved',
  'other',
] as const;
export type NeedEndedReason = (typeof NEED_ENDED_REASONS)[number];

export const CASE_CLOSE_REASONS = [
  'need-ended',
  'moved',
  'transferred',
  'deceased',
  'other',
] as const;
export type CaseCloseReason = (typeof CASE_CLOSE_REASONS)[number];

/** Zielgruppen that cannot be derived from other attributes (U25 and 50+ follow from birthMonth). */
export interface TargetGroupFlags {
  readonly singleParent: boolean;
  readonly refugeeUkraine: boolean;
}

/** Directly identifying data of a client: encrypted per client and crypto-shredded on erasure. */
export interface ClientIdentity {
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: CalendarDate;
}

/** An erwerbsfähige leistungsberechtigte Person enters the case load. Schema version 2. */
export type ClientEnrolled = Event<
  'ClientEnrolled',
  {
    readonly caseId: string;
    readonly enrolledOn: CalendarDate;
    readonly gender: Gender;
    /**
     * `YYYY-MM`: a pseudonymous attribute kept in clear so that U25/50+ can still be computed per
     * month after erasure. `null` only for v1 events upcast after their personal data was erased.
     */
    readonly birthMonth: string | null;
    readonly targetGroups: TargetGroupFlags;
    /**
     * Pseudonymous person key (keyed hash, never derivable without the server secret), kept in
     * clear so that it survives erasure; it never leaves the service. `null` for events written
     * before schema v3: the statistics resolve those (docs/statistics-method.md).
     */
    readonly personKey: string | null;
  },
  ClientIdentity
>;

export type CaseworkerAssigned = Event<
  'CaseworkerAssigned',
  { readonly caseworkerId: string; readonly assignedOn: CalendarDate }
>;

/** A Kooperationsplan was agreed; its goals are free text and therefore personal. */
export type CooperationPlanAgreed = Event<
  'CooperationPlanAgreed',
  { readonly agreedOn: CalendarDate; readonly goalCount: number },
  { readonly goals: readonly string[] }
>;

/** An Eingliederungsmaßnahme from the Arbeitsmarktprogramm was assigned to the client. */
export type MeasureAssigned = Event<
  'MeasureAssigned',
  {
    readonly assignmentId: string;
    readonly measureId: string;
    readonly programmeYear: number;
    /** Stream version of the programme the decision was made on, for auditability. */
    readonly programmeVersion: number;
    readonly assignedOn: CalendarDate;
  }
>;

export type MeasureStarted = Event<
  'MeasureStarted',
  { readonly assignmentId: string; readonly startedOn: CalendarDate }
>;

export type MeasureCompleted = Event<
  'MeasureCompleted',
  { readonly assignmentId: string; readonly completedOn: CalendarDate }
>;

export type MeasureAborted = Event<
  'MeasureAborted',
  {
    readonly assignmentId: string;
    readonly abortedOn: CalendarDate;
    readonly reason: MeasureAbortReason;
  }
>;

export type EmploymentStarted = Event<
  'EmploymentStarted',
  {
    readonly employmentId: string;
    readonly startedOn: CalendarDate;
    readonly kind: EmploymentKind;
    /** Funded by an in-work benefit (Eingliederungszuschuss, Einstiegsgeld); still an Integration. */
    readonly subsidised: boolean;
  },
  { readonly monthlyGrossIncome?: number }
>;

export type EmploymentEnded = Event<
  'EmploymentEnded',
  { readonly employmentId: string; readonly endedOn: CalendarDate }
>;

/** Beendigung der Hilfebedürftigkeit: the client leaves benefit receipt. */
export type NeedForAssistanceEnded = Event<
  'NeedForAssistanceEnded',
  { readonly endedOn: CalendarDate; readonly reason: NeedEndedReason }
>;

export type BenefitReceiptResumed = Event<
  'BenefitReceiptResumed',
  { readonly resumedOn: CalendarDate }
>;

export type CaseClosed = Event<
  'CaseClosed',
  { readonly closedOn: CalendarDate; readonly reason: CaseCloseReason }
>;

/**
 * The data protection officer erased the client's directly identifying data when retention
 * ended (crypto-shredding: the client's key is destroyed). The statistical data stays, and with
 * it the person key of an enrolment written before keys existed, derived just before the data
 * became unreadable (null when the enrolment carries its own key, or none could be derived).
 */
export type PersonalDataErased = Event<
  'PersonalDataErased',
  { readonly erasedOn: CalendarDate; readonly personKey: string | null }
>;

export type CaseEvent =
  | ClientEnrolled
  | CaseworkerAssigned
  | CooperationPlanAgreed
  | MeasureAssigned
  | MeasureStarted
  | MeasureCompleted
  | MeasureAborted
  | EmploymentStarted
  | EmploymentEnded
  | NeedForAssistanceEnded
  | BenefitReceiptResumed
  | CaseClosed
  | PersonalDataErased;
export type CaseEventType = CaseEvent['type'];
