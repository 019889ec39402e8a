/**
 * Months as integers (year * 12 + month - 1), so that windows ("the last 12 months") are plain
 * arithmetic, and the reference days (Stichtage) that divide time into reporting months.
 */
import { daysInMonth } from '#domain';

export type Month = number;

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

export function parseMonth(text: string): Month | undefined {
  const match = MONTH_PATTERN.exec(text);
  if (!match) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return Number(match[1]) * 12 + month - 1;
}

export function monthOfDate(date: string): Month {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

export function formatMonth(month: Month): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/**
 * The Stichtag: mid-month. No primary source fixes the day; the BA reports "etwa zwei Wochen nach
 * dem jeweiligen Stichtag (Monatsmitte)" [S13] (docs/statistics-method.md, "The two named constants").
 */
export const REFERENCE_DAY_OF_MONTH = 15;

/** ST(m), the reference day of month m (YYYY-MM-DD). */
export function referenceDay(month: Month): string {
  return `${formatMonth(month)}-${String(REFERENCE_DAY_OF_MONTH).padStart(2, '0')}`;
}

/** The reporting month m whose window (ST(m-1), ST(m)] holds the day. */
export function reportingMonthOf(date: string): Month {
  const month = monthOfDate(date);
  return Number(date.slice(8, 10)) <= REFERENCE_DAY_OF_MONTH ? month : month + 1;
}

/** Days since 1970-01-01: day arithmetic (the 730 days of the LZB rule) without dates. */
export function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    86_400_000
  );
}

/** Month ends already formatted: the projection asks for the same few hundred again and again. */
const MONTH_ENDS = new Map<Month, string>();

export function monthEnd(month: Month): string {
  let end = MONTH_ENDS.get(month);
  if (end === undefined) {
    const year = Math.floor(month / 12);
    const m = (month % 12) + 1;
    end = `${year}-${String(m).padStart(2, '0')}-${String(daysInMonth(year, m)).padStart(2, '0')}`;
    if (MONTH_ENDS.size < 100_000) MONTH_ENDS.set(month, end);
  }
  return end;
}

/** The same day `months` later, clamped to the end of a shorter month (31 Jan + 1 = 29 Feb). */
export function addMonths(date: string, months: number): string {
  const target = monthOfDate(date) + months;
  const year = Math.floor(target / 12);
  const m = (target % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, m));
  return `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}
