import { isBefore, isCalendarDate, type CalendarDate } from './calendar-date.js';
import { DomainRuleViolation } from './errors.js';

/** Rule codes every aggregate shares for the effective dates its commands carry. */
export const DateRuleCodes = {
  invalidDate: 'invalid-date',
  dateInFuture: 'date-in-future',
} as const;

/** `invalid-date` unless `value` is a real calendar day; `field` names the command field. */
export function requireCalendarDate(value: unknown, field: string): asserts value is CalendarDate {
  if (!isCalendarDate(value)) {
    throw new DomainRuleViolation(
      DateRuleCodes.invalidDate,
      'unprocessable',
      `${field} must be a calendar date (YYYY-MM-DD), got ${JSON.stringify(value)}`,
      field,
    );
  }
}

/** `date-in-future`: an effective date records what happened, so it cannot lie after today. */
export function requireNotInFuture(date: CalendarDate, today: CalendarDate, field: string): void {
  if (isBefore(today, date)) {
    throw new DomainRuleViolation(
      DateRuleCodes.dateInFuture,
      'unprocessable',
      `${field} ${date} is after today (${today})`,
      field,
    );
  }
}

/**
 * `metadata.today` is set by the application, not by the user: a malformed value is a bug in
 * the caller, so it fails as a plain error rather than as a rule violation.
 */
export function requireToday(today: unknown): CalendarDate {
  if (!isCalendarDate(today)) {
    throw new Error(
      `metadata.today must be a calendar date (YYYY-MM-DD), got ${JSON.stringify(today)}`,
    );
  }
  return today;
}
