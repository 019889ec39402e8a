import { DateRuleCodes, DomainRuleViolation, type DomainRuleKind } from '../kernel/index.js';

/** Stable codes of the case's rules; each becomes an RFC 9457 problem type. */
export const CaseRuleCodes = {
  ...DateRuleCodes,
  caseNotEnrolled: 'case-not-enrolled',
  caseClosed: 'case-closed',
  caseAlreadyEnrolled: 'case-already-enrolled',
  dateBeforeEnrolment: 'date-before-enrolment',
  clientAgeOutOfRange: 'client-age-out-of-range',
  invalidPersonKey: 'invalid-person-key',
  invalidGoals: 'invalid-goals',
  assignmentExists: 'assignment-exists',
  programmeYearMismatch: 'programme-year-mismatch',
  measureNotInProgramme: 'measure-not-in-programme',
  programmeNotApproved: 'programme-not-approved',
  measureNotAssigned: 'measure-not-assigned',
  measureAlreadyStarted: 'measure-already-started',
  measureNotStarted: 'measure-not-started',
  measureAlreadyEnded: 'measure-already-ended',
  dateBeforeAssignment: 'date-before-assignment',
  endBeforeStart: 'end-before-start',
  employmentExists: 'employment-exists',
  employmentNotFound: 'employment-not-found',
  employmentAlreadyEnded: 'employment-already-ended',
  invalidIncome: 'invalid-income',
  needNotOngoing: 'need-not-ongoing',
  needStillOngoing: 'need-still-ongoing',
  resumeBeforeNeedEnded: 'resume-before-need-ended',
  endBeforeResumption: 'end-before-resumption',
  closeBeforeLastEvent: 'close-before-last-event',
  caseNotClosed: 'case-not-closed',
  personalDataAlreadyErased: 'personal-data-already-erased',
  erasureBeforeClosing: 'erasure-before-closing',
} as const;
export type CaseRuleCode = (typeof CaseRuleCodes)[keyof typeof CaseRuleCodes];

/**
 * Lifecycle and existence rules conflict with the case's state (HTTP 409); values and the order
 * of dates are wrong as given (HTTP 422). One code always has one kind.
 */
const KIND: Readonly<Record<CaseRuleCode, DomainRuleKind>> = {
  'invalid-date': 'unprocessable',
  'date-in-future': 'unprocessable',
  'case-not-enrolled': 'conflict',
  'case-closed': 'conflict',
  'case-already-enrolled': 'conflict',
  'date-before-enrolment': 'unprocessable',
  'client-age-out-of-range': 'unprocessable',
  'invalid-person-key': 'unprocessable',
  'invalid-goals': 'unprocessable',
  'assignment-exists': 'conflict',
  'programme-year-mismatch': 'unprocessable',
  'measure-not-in-programme': 'unprocessable',
  'programme-not-approved': 'conflict',
  'measure-not-assigned': 'conflict',
  'measure-already-started': 'conflict',
  'measure-not-started': 'conflict',
  'measure-already-ended': 'conflict',
  'date-before-assignment': 'unprocessable',
  'end-before-start': 'unprocessable',
  'employment-exists': 'conflict',
  'employment-not-found': 'conflict',
  'employment-already-ended': 'conflict',
  'invalid-income': 'unprocessable',
  'need-not-ongoing': 'conflict',
  'need-still-ongoing': 'conflict',
  'resume-before-need-ended': 'unprocessable',
  'end-before-resumption': 'unprocessable',
  'close-before-last-event': 'unprocessable',
  'case-not-closed': 'conflict',
  'personal-data-already-erased': 'conflict',
  'erasure-before-closing': 'unprocessable',
};

export function caseRuleViolation(
  code: CaseRuleCode,
  message: string,
  field?: string,
): DomainRuleViolation {
  return new DomainRuleViolation(code, KIND[code], message, field);
}
