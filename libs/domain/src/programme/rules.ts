import { DateRuleCodes, DomainRuleViolation, type DomainRuleKind } from '../kernel/index.js';

/** Stable codes of the programme's rules; each becomes an RFC 9457 problem type. */
export const ProgrammeRuleCodes = {
  ...DateRuleCodes,
  invalidYear: 'invalid-year',
  programmeYearMismatch: 'programme-year-mismatch',
  measureAlreadyOffered: 'measure-already-offered',
  invalidPlannedPlaces: 'invalid-planned-places',
  invalidTargetGroups: 'invalid-target-groups',
  programmeAlreadyApproved: 'programme-already-approved',
  programmeEmpty: 'programme-empty',
  approvalDateOutOfRange: 'approval-date-out-of-range',
} as const;
export type ProgrammeRuleCode = (typeof ProgrammeRuleCodes)[keyof typeof ProgrammeRuleCodes];

/** Conflicts depend on the programme's state (HTTP 409); the rest are wrong as given (HTTP 422). */
const KIND: Readonly<Record<ProgrammeRuleCode, DomainRuleKind>> = {
  'invalid-date': 'unprocessable',
  'date-in-future': 'unprocessable',
  'invalid-year': 'unprocessable',
  'programme-year-mismatch': 'unprocessable',
  'measure-already-offered': 'conflict',
  'invalid-planned-places': 'unprocessable',
  'invalid-target-groups': 'unprocessable',
  'programme-already-approved': 'conflict',
  'programme-empty': 'conflict',
  'approval-date-out-of-range': 'unprocessable',
};

export function programmeRuleViolation(
  code: ProgrammeRuleCode,
  message: string,
  field?: string,
): DomainRuleViolation {
  return new DomainRuleViolation(code, KIND[code], message, field);
}
