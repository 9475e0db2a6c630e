import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  weekdayIndexOf,
} from '../../src/calendar/civil-days.js';

describe('civil day numbers', () => {
  it('agree with Date for any day between the years 1 and 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (dayNumber) => {
        const date = new Date(dayNumber * 86_400_000);
        const expected = {
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        };
        expect(civilFromDays(dayNumber)).toEqual(expected);
        expect(daysFromCivil(expected.year, expected.month, expected.day)).toBe(dayNumber);
        expect(weekdayIndexOf(dayNumber)).toBe((date.getUTCDay() + 6) % 7);
      }),
      { numRuns: 500 },
    );
  });

  it('know the length of February', () => {
    expect([2024, 2026, 2100, 2000].map((year) => daysInMonth(year, 2))).toEqual([29, 28, 28, 29]);
  });
});
