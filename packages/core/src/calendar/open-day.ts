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
 * neighbouring days agree on their shared midnight), open during `minuteBounds`.
 */
export function buildOpenDay(
  index: number,
  start: number,
  end: number,
  minuteBounds: readonly number[],
  clock: WallClock,
): OpenDay {
  const instants = minuteBounds.length > 0 ? clock.instantsOfDay(index, minuteBounds) : [];
  const resolved: OpenInterval[] = [];
  for (let i = 0; i + 1 < instants.length; i += 2) {
    // Clamping keeps the tiling exact even where midnight itself falls inside a DST gap.
    const from = Math.max(instants[i] ?? start, start);
    const to = Math.min(instants[i + 1] ?? end, end);
    // A period inside a spring-forward gap (02:00-03:00 on the change day) resolves
    // to nothing: that hour never happens.
    if (to > from) resolved.push({ start: from, end: to });
  }
  const intervals = unionOf(resolved);
  let total = 0;
  for (const interval of intervals) total += interval.end - interval.start;
  return { index, start, end, intervals, total };
}

/**
 * Periods that were disjoint on the wall clock can meet or cross as instants: 01:00-02:30
 * and 03:00-04:00 on a 02:00→03:00 spring-forward day become 00:00-01:30Z and 01:00-02:00Z.
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
