import fc from 'fast-check';
import { addDays, ageOn, germanCalendarDay, isCalendarDate, latestOf } from './calendar-date.js';

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

describe('ageOn', () => {
  it('completes a year of life on the birthday, not a day earlier', () => {
    expect(ageOn('2009-06-15', '2024-06-14')).toBe(14);
    expect(ageOn('2009-06-15', '2024-06-15')).toBe(15);
    expect(ageOn('1957-01-01', '2024-12-31')).toBe(67);
  });

  it('lets someone born on 29 February turn older on 1 March of a common year', () => {
    expect(ageOn('2008-02-29', '2023-02-28')).toBe(14);
    expect(ageOn('2008-02-29', '2023-03-01')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
  });
});

describe('addDays and latestOf', () => {
  it('steps across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-06-15', 0)).toBe('2024-06-15');
  });

  it('picks the later of two dates regardless of argument order', () => {
    expect(latestOf('2024-01-31', '2024-02-01')).toBe('2024-02-01');
    expect(latestOf('2024-02-01', '2024-01-31')).toBe('2024-02-01');
  });
});

describe('germanCalendarDay', () => {
  it('is the day in Germany, summer time and winter time included', () => {
    expect(germanCalendarDay(new Date('2026-03-31T21:59:59Z'))).toBe('2026-03-31');
    expect(germanCalendarDay(new Date('2026-03-31T22:00:00Z'))).toBe('2026-04-01');
    expect(germanCalendarDay(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(germanCalendarDay(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });
});
