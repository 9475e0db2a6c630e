import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type {
  BusinessCalendar,
  CalendarSpec,
  HolidaySpec,
  TimeRange,
} from '../../src/calendar/index.js';
import { WEEKDAYS, compileCalendar } from '../../src/calendar/index.js';
import { DAY, MINUTE } from './declare-calendar.js';
import { ReferenceCalendar } from './reference-calendar.js';
import { zoneTransitions } from './zone-transitions.js';

// Zones with 60- and 30-minute DST shifts, changes at midnight (Santiago, Havana),
// quarter-hour offsets (Chatham, Kathmandu) and none at all.
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
  'Pacific/Chatham',
  'America/St_Johns',
  'Asia/Kathmandu',
  'UTC',
] as const;

/** Each zone's 2026 DST changes (the instants worth testing around), plus mid-year and New Year. */
const TRANSITIONS = new Map<string, number[]>(
  ZONES.map((zone) => [zone, zoneTransitions(zone, 2026).map((transition) => transition.instant)]),
);
const ORDINARY = [Date.UTC(2026, 11, 31, 23), Date.UTC(2026, 6, 15)];

const QUARTER_HOUR = 15 * MINUTE;

/**
 * Quarter-hour marks of the day (0-96), biased towards the local times DST changes touch
 * in these zones (00:00-03:45 and 23:00-24:00), so random periods often start or end in a
 * gap or an overlap.
 */
const mark = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 96 }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 15 }) },
  { weight: 1, arbitrary: fc.integer({ min: 92, max: 96 }) },
);

/** One day's periods: sorted marks taken in pairs (equal marks make touching periods). */
const dayRanges = fc.array(mark, { maxLength: 6 }).map((marks): TimeRange[] => {
  const sorted = [...marks].sort((a, b) => a - b);
  const ranges: TimeRange[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) {
    const start = sorted[i]! * 15;
    const end = sorted[i + 1]! * 15;
    if (end > start) ranges.push({ start, end });
  }
  return ranges;
});

const holidayDraft = fc.record({
  dayOffset: fc.integer({ min: -3, max: 3 }),
  recurring: fc.boolean(),
  hours: fc.option(dayRanges, { nil: undefined }),
});

const scenario = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    weekly: fc.tuple(...WEEKDAYS.map(() => dayRanges)),
    holidays: fc.array(holidayDraft, { maxLength: 3 }),
    nearTransition: fc.oneof(fc.constant(true), fc.boolean()),
    anchor: fc.nat(),
    // Quarter-hour offsets make starts and deadlines land on period bounds; a window of
    // two days after a start up to two days before a change contains the change.
    offsetMs: fc.oneof(
      fc.integer({ min: -8 * 24, max: 0 }).map((quarters) => quarters * QUARTER_HOUR),
      fc.integer({ min: -3 * DAY, max: 3 * DAY }),
    ),
  })
  .map(({ timezone, weekly, holidays, nearTransition, anchor, offsetMs }) => {
    const transitions = TRANSITIONS.get(timezone)!;
    const anchors = nearTransition && transitions.length > 0 ? transitions : ORDINARY;
    const from = anchors[anchor % anchors.length]! + offsetMs;
    const anchorDate = DateTime.fromMillis(from, { zone: timezone }).startOf('day');
    const byDate = new Map<string, HolidaySpec>();
    for (const draft of holidays) {
      const date = anchorDate.plus({ days: draft.dayOffset });
      const holiday: HolidaySpec = draft.recurring
        ? { kind: 'recurring', month: date.month, day: date.day, hours: draft.hours }
        : { kind: 'dated', year: date.year, month: date.month, day: date.day, hours: draft.hours };
      byDate.set(`${draft.recurring ? '' : date.year}-${date.month}-${date.day}`, holiday);
    }
    const spec: CalendarSpec = {
      id: 'random',
      timezone,
      weekly: Object.fromEntries(WEEKDAYS.map((weekday, index) => [weekday, weekly[index]!])),
      holidays: [...byDate.values()],
    };
    return { spec, from };
  });

const amount = fc.oneof(
  fc.integer({ min: 0, max: 4 * 24 * 4 }).map((quarters) => quarters * QUARTER_HOUR),
  fc.integer({ min: 0, max: 10 * DAY }),
);

function compiled(spec: CalendarSpec): BusinessCalendar {
  return compileCalendar(spec);
}

describe('on random calendars and instants', () => {
  it('adding then measuring gives back the amount', () => {
    fc.assert(
      fc.property(scenario, amount, ({ spec, from }, ms) => {
        const calendar = compiled(spec);
        const deadline = calendar.addBusinessMs(from, ms);
        fc.pre(deadline !== null);
        expect(calendar.businessMsBetween(from, deadline)).toBe(ms);
      }),
      { numRuns: 300 },
    );
  });

  it('deadlines are open, never before the start, and the instant before agrees with isOpen', () => {
    fc.assert(
      fc.property(scenario, amount, ({ spec, from }, ms) => {
        const calendar = compiled(spec);
        const deadline = calendar.addBusinessMs(from, ms);
        fc.pre(deadline !== null);
        expect(deadline).toBeGreaterThanOrEqual(from);
        expect(calendar.isOpen(deadline)).toBe(true);
        expect(calendar.nextOpening(deadline)).toBe(deadline);
        const justBefore = deadline - 1;
        expect(calendar.businessMsBetween(justBefore, deadline)).toBe(
          calendar.isOpen(justBefore) ? 1 : 0,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('adding is monotonic in the amount and in the start', () => {
    fc.assert(
      fc.property(scenario, amount, amount, fc.nat(DAY), ({ spec, from }, a, b, shift) => {
        const calendar = compiled(spec);
        const [small, large] = a <= b ? [a, b] : [b, a];
        const first = calendar.addBusinessMs(from, small);
        const second = calendar.addBusinessMs(from, large);
        const later = calendar.addBusinessMs(from + shift, small);
        fc.pre(first !== null && second !== null && later !== null);
        expect(first).toBeLessThanOrEqual(second);
        expect(first).toBeLessThanOrEqual(later);
      }),
      { numRuns: 200 },
    );
  });

  it('measuring is additive and monotonic', () => {
    fc.assert(
      fc.property(scenario, fc.nat(4 * DAY), fc.nat(4 * DAY), ({ spec, from }, x, y) => {
        const calendar = compiled(spec);
        const middle = from + Math.min(x, y);
        const end = from + Math.max(x, y);
        const whole = calendar.businessMsBetween(from, end);
        const firstPart = calendar.businessMsBetween(from, middle);
        expect(firstPart + calendar.businessMsBetween(middle, end)).toBe(whole);
        expect(firstPart).toBeLessThanOrEqual(whole);
        expect(whole).toBeLessThanOrEqual(end - from);
      }),
      { numRuns: 300 },
    );
  });

  it('the next opening is open and nothing opens before it', () => {
    fc.assert(
      fc.property(scenario, ({ spec, from }) => {
        const calendar = compiled(spec);
        const opening = calendar.nextOpening(from);
        fc.pre(opening !== null);
        expect(opening).toBeGreaterThanOrEqual(from);
        expect(calendar.isOpen(opening)).toBe(true);
        expect(calendar.businessMsBetween(from, opening)).toBe(0);
        expect(calendar.addBusinessMs(from, 0)).toBe(opening);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees minute by minute with a slow reference model', () => {
    const windowMinutes = 2 * 1440;
    fc.assert(
      fc.property(
        scenario,
        fc.nat(windowMinutes),
        fc.nat(windowMinutes / 15),
        ({ spec, from }, toOffset, amountQuarters) => {
          const amountMinutes = amountQuarters * 15;
          const calendar = compiled(spec);
          const start = Math.floor(from / MINUTE);
          const reference = new ReferenceCalendar(spec, start, start + windowMinutes);
          for (let minute = start; minute < start + windowMinutes; minute++) {
            if (calendar.isOpen(minute * MINUTE) !== reference.isOpen(minute)) {
              expect.fail(`isOpen(${new Date(minute * MINUTE).toISOString()}) disagrees`);
            }
          }
          expect(calendar.businessMsBetween(start * MINUTE, (start + toOffset) * MINUTE)).toBe(
            reference.between(start, start + toOffset) * MINUTE,
          );
          const expected = reference.add(start, amountMinutes);
          const actual = calendar.addBusinessMs(start * MINUTE, amountMinutes * MINUTE);
          if (expected === undefined) {
            expect(actual === null || actual >= (start + windowMinutes) * MINUTE).toBe(true);
          } else {
            expect(actual).toBe(expected * MINUTE);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
