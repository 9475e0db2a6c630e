import type { CalendarSpec, TimeRange } from './calendar-spec.js';
import { WEEKDAYS } from './calendar-spec.js';
import { MINUTES_PER_DAY, civilFromDays, weekdayIndexOf } from './civil-days.js';

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
