import fc from 'fast-check';
import { isCalendarDate } from './calendar-date.js';

describe('isCalendarDate', () => {
  it('accepts exactly the days that exist', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-30')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('2024-1-01')).toBe(false);
    expect(isCalendarDate('2024-01-01T00:00:00Z')).toBe(false);
    expect(isCalendarDate(20240101)).toBe(false);
  });

  it('agrees with an independent round trip through Date for every generated day string', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (year, month, day) => {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const parsed = new Date(`${text}T00:00:00Z`);
          const roundTrips =
            !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
          expect(isCalendarDate(text)).toBe(roundTrips);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
