import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  BusinessCalendar,
  CalendarSpec,
  HolidaySpec,
  TimeRange,
} from '../../src/calendar/index.js';
import { WEEKDAYS, compileCalendar } from '../../src/calendar/index.js';
import { DAY, EMEA_BUSINESS, HOUR, MINUTE, declareCalendar, utc } from './declare-calendar.js';

/**
 * Spans shorter than a week never hold a whole Monday-to-Monday week, so the calendar
 * measures them day by day, as it did before it skipped weeks: sums of such pieces are
 * the day walk, the reference the week-skipping path must equal.
 */
const PIECE = 3 * DAY;

function dayWalkBetween(calendar: BusinessCalendar, from: number, to: number): number {
  let total = 0;
  for (let at = from; at < to; at = Math.min(at + PIECE, to)) {
    total += calendar.businessMsBetween(at, Math.min(at + PIECE, to));
  }
  return total;
}

/**
 * The deadline found piece by piece: whole pieces are used up while the amount left
 * covers them, and the piece where it runs out is searched day by day (an amount smaller
 * than a piece's open time is smaller than any week holding that piece).
 */
function dayWalkAdd(calendar: BusinessCalendar, from: number, amount: number, until: number) {
  let remaining = amount;
  for (let at = from; at < until; at += PIECE) {
    const open = calendar.businessMsBetween(at, at + PIECE);
    if (remaining < open || (remaining === 0 && open > 0))
      return calendar.addBusinessMs(at, remaining);
    remaining -= open;
  }
  return undefined;
}

// Zones with DST in either hemisphere, 30-minute shifts, changes at midnight, none.
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
  'Asia/Kathmandu',
  'UTC',
] as const;

const dayRanges = fc
  .array(fc.integer({ min: 0, max: 96 }), { maxLength: 6 })
  .map((marks): TimeRange[] => {
    const sorted = [...marks].sort((a, b) => a - b);
    const ranges: TimeRange[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      if (sorted[i + 1]! > sorted[i]!)
        ranges.push({ start: sorted[i]! * 15, end: sorted[i + 1]! * 15 });
    }
    return ranges;
  });

const holiday = fc.oneof(
  fc
    .record({
      year: fc.integer({ min: 2000, max: 2003 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hours: fc.option(dayRanges, { nil: undefined }),
    })
    .map((h): HolidaySpec => ({ kind: 'dated', ...h })),
  fc
    .record({
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 29 }),
      hours: fc.option(dayRanges, { nil: undefined }),
    })
    .map((h): HolidaySpec => ({ kind: 'recurring', ...h })),
);

const calendarSpec = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    weekly: fc.tuple(...WEEKDAYS.map(() => dayRanges)),
    holidays: fc.array(holiday, { maxLength: 6 }),
  })
  .map(({ timezone, weekly, holidays }): CalendarSpec => ({
    id: 'random',
    timezone,
    weekly: Object.fromEntries(WEEKDAYS.map((weekday, index) => [weekday, weekly[index]!])),
    holidays,
  }));

// Starts from 2000 to 2002 at any millisecond; spans of up to about three years.
const start = fc.integer({ min: utc('2000-01-01T00:00:00Z'), max: utc('2002-12-31T00:00:00Z') });
const span = fc.oneof(
  fc.integer({ min: 0, max: 40 * DAY }),
  fc.integer({ min: 0, max: 1100 * DAY }),
);

describe('skipping whole weeks', () => {
  it('measures what the day-by-day walk measures, on random calendars and spans', () => {
    fc.assert(
      fc.property(calendarSpec, start, span, (spec, from, length) => {
        const calendar = compileCalendar(spec);
        const reference = compileCalendar(spec);
        expect(calendar.businessMsBetween(from, from + length)).toBe(
          dayWalkBetween(reference, from, from + length),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('finds the deadline the day-by-day walk finds, on random calendars and amounts', () => {
    fc.assert(
      fc.property(
        calendarSpec,
        start,
        fc.oneof(fc.integer({ min: 0, max: 50 * HOUR }), fc.integer({ min: 0, max: 2000 * HOUR })),
        (spec, from, amount) => {
          const calendar = compileCalendar(spec);
          const until = from + 1200 * DAY;
          const expected = dayWalkAdd(compileCalendar(spec), from, amount, until);
          const actual = calendar.addBusinessMs(from, amount);
          if (expected === undefined) {
            // Not reached within the reference's window: nothing earlier may be found.
            expect(actual === null || actual >= until).toBe(true);
          } else {
            expect(actual).toBe(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('finds the next opening the day-by-day walk finds', () => {
    fc.assert(
      fc.property(calendarSpec, start, (spec, from) => {
        const calendar = compileCalendar(spec);
        const opening = calendar.nextOpening(from);
        const reference = dayWalkAdd(compileCalendar(spec), from, 0, from + 1200 * DAY);
        if (reference === undefined)
          expect(opening === null || opening >= from + 1200 * DAY).toBe(true);
        else expect(opening).toBe(reference);
      }),
      { numRuns: 150 },
    );
  });
});

describe('long spans', () => {
  it('measures a century of a business calendar with holidays within 400 ms', () => {
    const emea = declareCalendar(EMEA_BUSINESS);
    const began = performance.now();
    const century = emea.businessMsBetween(
      utc('2000-01-01T00:00:00Z'),
      utc('2100-01-01T00:00:00Z'),
    );
    const took = performance.now() - began;
    // About 7,300 offset probes and 200 weeks with a DST change, ~50 ms of CPU; the day
    // walk took 0.7-2.5 s here. The span holds 5,218 weeks.
    expect(took).toBeLessThan(400);
    expect(century).toBe(
      dayWalkBetween(
        declareCalendar(EMEA_BUSINESS),
        utc('2000-01-01T00:00:00Z'),
        utc('2100-01-01T00:00:00Z'),
      ),
    );
  });

  it('gives up within a century, quickly, on a calendar open one minute every leap day', () => {
    const leapMinute = compileCalendar({
      id: 'leap-minute',
      timezone: 'Europe/Berlin',
      weekly: {},
      holidays: [{ kind: 'recurring', month: 2, day: 29, hours: [{ start: 600, end: 601 }] }],
    });
    const from = utc('2026-06-01T00:00:00Z');
    const began = performance.now();
    // Eight hours would take 480 leap days, 1,920 years: past the search's century.
    expect(leapMinute.addBusinessMs(from, 8 * HOUR)).toBeNull();
    // Eighteen minutes use up the leap days of 2028-2096 (2100 has none): the deadline is
    // the next one's minute, 10:00 CET.
    expect(leapMinute.addBusinessMs(from, 18 * MINUTE)).toBe(utc('2104-02-29T09:00:00Z'));
    expect(Math.round(performance.now() - began)).toBeLessThan(1_000);
  });
});
