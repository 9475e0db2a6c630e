import { MS_PER_DAY, MS_PER_MINUTE, weekdayIndexOf } from '../calendar/civil-days.js';
import { WEEKDAYS, type Weekday } from '../calendar/calendar-spec.js';
import { WallClock } from '../calendar/wall-clock.js';

/** How often a digest goes out: each day, or each week on one weekday. */
export const DIGEST_EVERY = ['day', 'week'] as const;
export type DigestEvery = (typeof DIGEST_EVERY)[number];

/** When a digest goes out: local time of its calendar's zone. */
export interface DigestSchedule {
  readonly every: DigestEvery;
  /** 0 = Monday … 6 = Sunday; null for a daily digest. */
  readonly weekday: number | null;
  /** Minutes after local midnight, 0-1439. */
  readonly minute: number;
}

/** The length of one period of a digest (its nominal length: a DST week is an hour off). */
export const DIGEST_PERIOD_MS: Readonly<Record<DigestEvery, number>> = {
  day: MS_PER_DAY,
  week: 7 * MS_PER_DAY,
};

const HOUR = 3_600_000;

/**
 * Reads `at` for `every`: `"HH:MM"` for a day, `"<mon…sun> HH:MM"` for a week; a message
 * saying what is expected when it is neither.
 */
export function parseDigestAt(
  every: DigestEvery,
  at: string,
): { ok: true; schedule: DigestSchedule } | { ok: false; message: string } {
  const m = /^(?:([a-z]{3}) )?([01]\d|2[0-3]):([0-5]\d)$/.exec(at);
  const day = m?.[1];
  const expected =
    every === 'week'
      ? `must be "<day> HH:MM" with a day of ${WEEKDAYS.join(', ')} (e.g. "mon 08:00")`
      : 'must be "HH:MM" (e.g. "08:00")';
  if (!m || (every === 'day') !== (day === undefined)) return { ok: false, message: expected };
  const weekday = day === undefined ? null : WEEKDAYS.indexOf(day as Weekday);
  if (weekday === -1) return { ok: false, message: expected };
  return {
    ok: true,
    schedule: { every, weekday, minute: Number(m[2]) * 60 + Number(m[3]) },
  };
}

const clocks = new Map<string, WallClock>();
const clockOf = (timezone: string): WallClock => {
  let clock = clocks.get(timezone);
  if (!clock) clocks.set(timezone, (clock = new WallClock(timezone)));
  return clock;
};

/** The slots of local days `from..to` (day numbers), in order. */
function slotsOfDays(schedule: DigestSchedule, clock: WallClock, from: number, to: number) {
  const out: number[] = [];
  for (let day = from; day <= to; day++) {
    if (schedule.weekday !== null && weekdayIndexOf(day) !== schedule.weekday) continue;
    out.push(clock.instantOf(day * MS_PER_DAY + schedule.minute * MS_PER_MINUTE));
  }
  return out;
}

/** The local day number of `instant` in `clock`'s zone. */
const localDay = (clock: WallClock, instant: number) =>
  Math.floor((instant + clock.offsetAt(instant)) / MS_PER_DAY);

/**
 * The latest scheduled instant at or before `now` in `timezone`, by the calendars' rules
 * for local times: one in a spring-forward gap is the instant the clocks jump to plus the
 * rest of the gap, one that occurs twice is its first occurrence. Pure.
 */
export function lastDigestSlot(schedule: DigestSchedule, timezone: string, now: number): number {
  const clock = clockOf(timezone);
  const today = localDay(clock, now);
  const slots = slotsOfDays(schedule, clock, today - 8, today + 1).filter((s) => s <= now);
  return slots[slots.length - 1]!;
}

/** The first scheduled instant after `now` in `timezone` (rules as lastDigestSlot). Pure. */
export function nextDigestSlot(schedule: DigestSchedule, timezone: string, now: number): number {
  const clock = clockOf(timezone);
  const today = localDay(clock, now);
  return slotsOfDays(schedule, clock, today - 1, today + 8).find((s) => s > now)!;
}

/**
 * The period a digest sent at `slot` reports: the full day or week that ended then, its
 * ends rounded down to the whole UTC hour (the rolling buckets keep hours past a day; only
 * a zone with a part-hour offset moves), and the period before it.
 */
export function digestPeriods(
  every: DigestEvery,
  slot: number,
): {
  readonly from: number;
  readonly to: number;
  readonly previous: { readonly from: number; readonly to: number };
} {
  const to = Math.floor(slot / HOUR) * HOUR;
  const from = to - DIGEST_PERIOD_MS[every];
  return { from, to, previous: { from: from - DIGEST_PERIOD_MS[every], to: from } };
}
