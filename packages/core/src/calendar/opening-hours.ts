import type { CalendarSpec, TimeRange } from './calendar-spec.js';
import { WEEKDAYS } from './calendar-spec.js';
import { MINUTES_PER_DAY, MS_PER_MINUTE, civilFromDays, weekdayIndexOf } from './civil-days.js';

/**
 * Which local hours apply on each local date: the weekday's periods, unless a holiday
 * replaces them. Answers are minute bounds `[start0, end0, start1, end1, …]`, one pair per
 * declared period, sorted by start.
 *
 * Touching periods (08:00-12:00 + 12:00-13:00) are deliberately not merged here: each
 * period becomes instants on its own and the instants are merged (see `buildOpenDay`).
 * Merging on the wall clock is not the same where the meeting point lies inside a
 * spring-forward gap: on America/Santiago's 2026-09-06, whose 00:00-01:00 never happens,
 * 00:00-00:45 is open from the jump for 45 minutes and 00:45-01:00 resolves to nothing,
 * but a merged 00:00-01:00 would resolve to nothing at all.
 */
export class OpeningHours {
  private readonly weekly: readonly (readonly number[])[];
  private readonly dated = new Map<number, readonly number[]>();
  private readonly recurring = new Map<number, readonly number[]>();
  /** False when no date can ever have an open period, so searches can stop at once. */
  readonly opensEver: boolean;
  /** Open milliseconds of a week without holidays and offset changes. */
  private readonly weekMs: number;

  constructor(spec: Pick<CalendarSpec, 'weekly' | 'holidays'>) {
    this.weekly = WEEKDAYS.map((weekday) => periodBounds(spec.weekly[weekday] ?? []));
    for (const holiday of spec.holidays) {
      const bounds = periodBounds(holiday.hours ?? []);
      if (holiday.kind === 'dated') {
        this.dated.set(dateKey(holiday.year, holiday.month, holiday.day), bounds);
      } else {
        this.recurring.set(dateKey(0, holiday.month, holiday.day), bounds);
      }
    }
    const anyOpen = (bounds: readonly number[]): boolean => bounds.length > 0;
    this.opensEver =
      this.weekly.some(anyOpen) ||
      [...this.dated.values()].some(anyOpen) ||
      [...this.recurring.values()].some(anyOpen);
    this.weekMs = this.weekly.reduce((total, bounds) => total + steadyDayMs(bounds), 0);
  }

  /**
   * Open milliseconds of the seven local days from `firstDay` when the UTC offset does not
   * change through them: each day is open for its periods' wall-clock length.
   */
  steadyWeekMs(firstDay: number): number {
    if (this.dated.size === 0 && this.recurring.size === 0) return this.weekMs;
    let total = 0;
    for (let day = firstDay; day < firstDay + 7; day++) total += steadyDayMs(this.on(day));
    return total;
  }

  /** Open minute bounds of local day `dayNumber`; a dated holiday wins over a recurring one. */
  on(dayNumber: number): readonly number[] {
    if (this.dated.size > 0 || this.recurring.size > 0) {
      const { year, month, day } = civilFromDays(dayNumber);
      const special =
        this.dated.get(dateKey(year, month, day)) ?? this.recurring.get(dateKey(0, month, day));
      if (special !== undefined) return special;
    }
    return this.weekly[weekdayIndexOf(dayNumber)] ?? [];
  }
}

/**
 * Open milliseconds of a day with these minute bounds on a day whose UTC offset does not
 * change: the length of their union (they may touch, or overlap in an unvalidated spec).
 */
export function steadyDayMs(bounds: readonly number[]): number {
  let minutes = 0;
  let reached = 0;
  for (let i = 0; i + 1 < bounds.length; i += 2) {
    const start = Math.max(bounds[i] ?? 0, reached);
    const end = bounds[i + 1] ?? 0;
    if (end > start) minutes += end - start;
    reached = Math.max(reached, end);
  }
  return minutes * MS_PER_MINUTE;
}

function dateKey(year: number, month: number, day: number): number {
  return year * 10_000 + month * 100 + day;
}

/**
 * Minute bounds of periods, clamped to the day and sorted by start, empty ones dropped.
 * Periods are kept apart even when they touch or (in a spec that skipped validation)
 * overlap: they are unioned once resolved to instants, which is exact in both cases.
 */
export function periodBounds(ranges: readonly TimeRange[]): number[] {
  return ranges
    .map((range) => ({
      start: Math.max(0, range.start),
      end: Math.min(MINUTES_PER_DAY, range.end),
    }))
    .filter((range) => range.end > range.start)
    .sort((a, b) => a.start - b.start)
    .flatMap((range) => [range.start, range.end]);
}
