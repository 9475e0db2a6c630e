import { MS_PER_DAY, MS_PER_MINUTE } from './civil-days.js';
import type { OpeningHours } from './opening-hours.js';
import type { WallClock } from './wall-clock.js';

/** A stretch of open instants, [start, end) in epoch milliseconds. */
export interface OpenInterval {
  readonly start: number;
  readonly end: number;
}

/**
 * One local day of a calendar resolved to instants. Consecutive days tile the time line:
 * a day owns [start, end) and the next day starts at this day's `end`, so every instant
 * belongs to exactly one day. (A day skipped by its zone, like Samoa's 2011-12-30, has
 * `start === end`.)
 */
export interface OpenDay {
  /** Local day number (days since 1970-01-01 on the zone's wall clock). */
  readonly index: number;
  /** Instant of this local day's midnight. */
  readonly start: number;
  /** Instant of the next local day's midnight. */
  readonly end: number;
  /** Sorted, disjoint, non-touching open intervals inside [start, end]. */
  readonly intervals: readonly OpenInterval[];
  /** Open milliseconds in the whole day. */
  readonly total: number;
}

/**
 * Resolves local day `index`, whose midnights `start` and `end` the caller resolved (so
 * neighbouring days agree on their shared midnight), open during the periods `hours` gives.
 *
 * Each period becomes instants on its own, by the contract's rules. Near a DST change a
 * period can then land partly or wholly outside its own day, because a local time in a
 * spring-forward gap resolves past the gap while the gap's end resolves to the jump:
 * - where a gap ends at midnight (America/Nuuk's Sat 23:00→Sun 00:00 of
 *   2026-03-29), Saturday's 22:00-23:30 runs to 23:30 + 1h, i.e. Sunday 00:30;
 * - where midnight is inside a gap, a period from the gap's end starts before that
 *   day's (later) midnight instant.
 * So this day takes its share of the periods of the days either side too, each period
 * clipped to [start, end]: the days keep tiling the time line and no open time is lost.
 * Away from changes no period leaves its day and only the day's own are resolved.
 */
export function buildOpenDay(
  index: number,
  start: number,
  end: number,
  hours: OpeningHours,
  clock: WallClock,
): OpenDay {
  const resolved: OpenInterval[] = [];
  const addPeriods = (instants: readonly number[]): void => {
    for (let i = 0; i + 1 < instants.length; i += 2) {
      const from = Math.max(instants[i] ?? start, start);
      const to = Math.min(instants[i + 1] ?? end, end);
      // A period lying in a spring-forward gap up to its end (02:00-03:00 on the change
      // day), or outside this day, contributes nothing here.
      if (to > from) resolved.push({ start: from, end: to });
    }
  };
  const own = hours.on(index);
  // Closed through three days (long closures, searches over closed years): no lookups.
  if (own.length === 0 && hours.on(index - 1).length === 0 && hours.on(index + 1).length === 0) {
    return { index, start, end, intervals: [], total: 0 };
  }
  const offset = clock.steadyOffsetNear(index);
  if (offset !== null) {
    const midnight = index * MS_PER_DAY - offset;
    addPeriods(own.map((minute) => midnight + minute * MS_PER_MINUTE));
  } else {
    for (let day = index - 1; day <= index + 1; day++) {
      const bounds = hours.on(day);
      if (bounds.length > 0) addPeriods(clock.instantsOfDay(day, bounds));
    }
  }
  const intervals = unionOf(resolved);
  let total = 0;
  for (const interval of intervals) total += interval.end - interval.start;
  return { index, start, end, intervals, total };
}

/**
 * Periods that were disjoint on the wall clock can meet or cross as instants: 01:00-02:30
 * and 03:00-04:00 on a 02:00→03:00 spring-forward day become 00:00-01:30Z and 01:00-02:00Z.
 * Periods that touch on the wall clock touch as instants too, and become one stretch here.
 */
function unionOf(intervals: OpenInterval[]): OpenInterval[] {
  intervals.sort((a, b) => a.start - b.start);
  const union: OpenInterval[] = [];
  for (const interval of intervals) {
    const last = union[union.length - 1];
    if (last !== undefined && interval.start <= last.end) {
      union[union.length - 1] = { start: last.start, end: Math.max(last.end, interval.end) };
    } else {
      union.push(interval);
    }
  }
  return union;
}

/** Open milliseconds of `day` before `instant` (clamped to the day). */
export function openMsBefore(day: OpenDay, instant: number): number {
  let total = 0;
  for (const interval of day.intervals) {
    if (interval.start >= instant) break;
    total += Math.min(interval.end, instant) - interval.start;
  }
  return total;
}
