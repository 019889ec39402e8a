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

const GERMAN_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in Germany at `instant`: the Jobcenters' "today" (the caller owns the clock). */
export function germanCalendarDay(instant: Date): CalendarDate {
  return GERMAN_DAY.format(instant);
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

/** The later of two calendar dates. */
export function latestOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a < b ? b : a;
}

/** The calendar date `days` days after `date` (negative: before). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * Completed years of life on `on` (§ 187 Abs. 2, § 188 Abs. 2 BGB): a year is completed at the
 * end of the day before the birthday, so someone born on 29 February turns a year older on 1 March
 * in common years.
 */
export function ageOn(dateOfBirth: CalendarDate, on: CalendarDate): number {
  const years = yearOf(on) - yearOf(dateOfBirth);
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}
