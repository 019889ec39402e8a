/**
 * Effective dates are calendar days (`YYYY-MM-DD`) without time zone: the day on which a thing
 * happened in the Jobcenter's world, as opposed to the time it was recorded.
 */
export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day in the proleptic Gregorian calendar, years 1900..9999. */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM` of a calendar date. */
export function monthOf(date: CalendarDate): string {
  return date.slice(0, 7);
}

export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/** ISO dates compare correctly as strings; these helpers make the intent readable. */
export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return a < b;
}

export function isAfter(a: CalendarDate, b: CalendarDate): boolean {
  return a > b;
}
