import type { BusinessCalendar } from './business-calendar.js';
import type { CalendarSpec } from './calendar-spec.js';
import { MS_PER_DAY, weekdayIndexOf } from './civil-days.js';
import type { OpenDay } from './open-day.js';
import { buildOpenDay, openMsBefore } from './open-day.js';
import { OpeningHours } from './opening-hours.js';
import { WallClock } from './wall-clock.js';

/** Searches give up after this many consecutive closed days (about ten years). */
const HORIZON_DAYS = 3653;
/**
 * `addBusinessMs` gives up after this many days (a century) however often the calendar
 * opens: a deadline further out lies past the accepted event-time range (2000-2100), so
 * no clock can reach it, and a calendar open a few minutes a year cannot make a search run
 * for millennia.
 */
const SEARCH_DAYS = 36_525;
/** About three years of days; a day costs ~200 bytes. */
const DEFAULT_CACHE_DAYS = 1096;
/** `Date` ends at ±8.64e15; a week of margin keeps every offset lookup in range. */
const MAX_INSTANT = 8.64e15 - 7 * MS_PER_DAY;

/** Weeks with an offset change kept resolved: two a year for a century, and more. */
const WEEK_CACHE = 1024;

/** A local week, Monday to Sunday. */
interface Week {
  /** Instant of Monday's midnight. */
  readonly start: number;
  /** Instant of the next Monday's midnight. */
  readonly end: number;
  /** Open milliseconds of the seven days. */
  readonly total: number;
}

/** Tuning for {@link compileCalendar}. */
export interface CompileCalendarOptions {
  /** How many resolved local days to keep (at least 8); the oldest is evicted first. */
  readonly cacheDays?: number;
}

/**
 * Compiles a validated calendar declaration into a {@link BusinessCalendar}. Local days
 * are resolved to instants lazily and cached, so after warm-up the arithmetic does no time
 * zone lookups and no allocation. Spans of many days go a whole week at a time: a week
 * through which the UTC offset does not change counts its wall-clock hours (holidays
 * included) without resolving its days, and a week with a change is resolved once and
 * remembered. Only the days at the ends are walked one by one, so a century costs about
 * 7,300 offset probes the first time and 5,218 sums after, not 36,525 resolved days.
 *
 * Methods throw a RangeError for an instant that is not a finite number within
 * ±8.64e15 ms (the `Date` range) or an amount that is not finite.
 *
 * @throws RangeError when `spec.timezone` is not a known IANA zone.
 */
export function compileCalendar(
  spec: CalendarSpec,
  options: CompileCalendarOptions = {},
): BusinessCalendar {
  return new CompiledCalendar(spec, Math.max(8, options.cacheDays ?? DEFAULT_CACHE_DAYS));
}

class CompiledCalendar implements BusinessCalendar {
  readonly id: string;
  readonly timezone: string;
  private readonly clock: WallClock;
  private readonly hours: OpeningHours;
  private readonly days = new Map<number, OpenDay>();
  /** Weeks with an offset change near them, summed day by day once. */
  private readonly changeWeeks = new Map<number, Week>();
  /** The day of the last located instant: SLA clocks ask about "now" over and over. */
  private recent: OpenDay | undefined;
  /** Offset of the last located day, to guess the local day of the next instant. */
  private offsetGuess = 0;

  constructor(
    spec: CalendarSpec,
    private readonly cacheDays: number,
  ) {
    this.id = spec.id;
    this.timezone = spec.timezone;
    this.clock = new WallClock(spec.timezone);
    this.hours = new OpeningHours(spec);
  }

  isOpen(instant: number): boolean {
    checkInstant(instant);
    for (const interval of this.dayAt(instant).intervals) {
      if (instant < interval.start) return false;
      if (instant < interval.end) return true;
    }
    return false;
  }

  nextOpening(instant: number): number | null {
    checkInstant(instant);
    if (!this.hours.opensEver) return null;
    let day = this.dayAt(instant);
    let cursor = instant;
    for (let closedDays = 0; closedDays <= HORIZON_DAYS; closedDays++) {
      if (cursor <= day.start && this.week(day.index)?.total === 0) {
        closedDays += 6;
        day = this.day(day.index + 7);
        cursor = day.start;
        continue;
      }
      for (const interval of day.intervals) {
        if (interval.end > cursor) return Math.max(interval.start, cursor);
      }
      if (day.end >= MAX_INSTANT) return null;
      day = this.day(day.index + 1);
      cursor = day.start;
    }
    return null;
  }

  businessMsBetween(from: number, to: number): number {
    checkInstant(from);
    checkInstant(to);
    if (to <= from) return 0;
    const first = this.dayAt(from);
    if (to <= first.end) return openMsBefore(first, to) - openMsBefore(first, from);
    let total = first.total - openMsBefore(first, from);
    // Terminates: `to` is finite and every week or day after a skipped one is longer
    // than zero.
    for (let index = first.index + 1; ;) {
      const week = this.week(index);
      if (week !== null && to >= week.end) {
        total += week.total;
        index += 7;
        continue;
      }
      const day = this.day(index);
      if (to <= day.end) return total + openMsBefore(day, to);
      total += day.total;
      index += 1;
    }
  }

  addBusinessMs(from: number, amount: number): number | null {
    checkInstant(from);
    if (!Number.isFinite(amount)) throw new RangeError(`amount must be finite, got ${amount}`);
    if (!this.hours.opensEver) return null;
    let remaining = Math.max(0, amount);
    let day = this.dayAt(from);
    let cursor = from;
    let closedDays = 0;
    const lastIndex = day.index + SEARCH_DAYS;
    for (;;) {
      const week = cursor <= day.start ? this.week(day.index) : null;
      if (week !== null && remaining >= week.total) {
        // The same as skipping its seven days one by one below.
        closedDays = week.total === 0 ? closedDays + 7 : 0;
        if (closedDays > HORIZON_DAYS || day.index + 7 > lastIndex) return null;
        remaining -= week.total;
        day = this.day(day.index + 7);
        cursor = day.start;
        continue;
      }
      if (day.total === 0) {
        if (++closedDays > HORIZON_DAYS) return null;
      } else if (cursor <= day.start && remaining >= day.total) {
        closedDays = 0;
        remaining -= day.total;
      } else {
        closedDays = 0;
        for (const interval of day.intervals) {
          if (interval.end <= cursor) continue;
          const start = Math.max(interval.start, cursor);
          // Strictly less: a deadline exactly at an interval's end belongs to the start of
          // the next one, reached by carrying a remainder of zero forward.
          if (remaining < interval.end - start) return start + remaining;
          remaining -= interval.end - start;
        }
      }
      if (day.end >= MAX_INSTANT || day.index >= lastIndex) return null;
      day = this.day(day.index + 1);
      cursor = day.start;
    }
  }

  /**
   * The local week starting on day `index` when that is a Monday, else null. When the
   * offset does not change near it its days are not resolved: each is then open for
   * exactly its periods' wall-clock length (see `buildOpenDay`). A week with a change is
   * summed from its resolved days and remembered, so measuring a long span again resolves
   * nothing.
   */
  private week(index: number): Week | null {
    if (weekdayIndexOf(index) !== 0) return null;
    // Probes reach ten days past Monday: keep them inside the `Date` range.
    if (Math.abs(index * MS_PER_DAY) > MAX_INSTANT - 14 * MS_PER_DAY) return null;
    const offset = this.clock.steadyOffsetThrough(index, index + 6);
    if (offset !== null)
      return {
        start: index * MS_PER_DAY - offset,
        end: (index + 7) * MS_PER_DAY - offset,
        total: this.hours.steadyWeekMs(index),
      };
    const known = this.changeWeeks.get(index);
    if (known !== undefined) return known;
    const monday = this.day(index);
    let total = monday.total;
    let day = monday;
    for (let next = index + 1; next < index + 7; next++) {
      day = this.day(next);
      total += day.total;
    }
    const week = { start: monday.start, end: day.end, total };
    if (this.changeWeeks.size >= WEEK_CACHE) this.changeWeeks.clear();
    this.changeWeeks.set(index, week);
    return week;
  }

  /** The local day that owns `instant`. */
  private dayAt(instant: number): OpenDay {
    const recent = this.recent;
    if (recent !== undefined && instant >= recent.start && instant < recent.end) return recent;
    let index = Math.floor((instant + this.offsetGuess) / MS_PER_DAY);
    // Offsets differ by under 26 hours from any guess, so this walks at most a few days;
    // the tiling of days guarantees it stops.
    for (;;) {
      const day = this.day(index);
      if (instant < day.start) index -= 1;
      else if (instant >= day.end) index += 1;
      else {
        this.recent = day;
        this.offsetGuess = day.index * MS_PER_DAY - day.start;
        return day;
      }
    }
  }

  /** Local day `index`, from the cache or resolved now. */
  private day(index: number): OpenDay {
    const cached = this.days.get(index);
    if (cached !== undefined) return cached;
    // Reusing a neighbour's midnight keeps the tiling exact and saves two lookups.
    const start = this.days.get(index - 1)?.end ?? this.clock.instantOf(index * MS_PER_DAY);
    const end = this.days.get(index + 1)?.start ?? this.clock.instantOf((index + 1) * MS_PER_DAY);
    const day = buildOpenDay(index, start, end, this.hours, this.clock);
    if (this.days.size >= this.cacheDays) {
      const oldest = this.days.keys().next();
      if (oldest.done !== true) this.days.delete(oldest.value);
    }
    this.days.set(index, day);
    return day;
  }
}

function checkInstant(instant: number): void {
  // Written to also reject NaN, which fails every comparison.
  if (!(instant >= -MAX_INSTANT && instant <= MAX_INSTANT)) {
    throw new RangeError(
      `instant must be epoch milliseconds within ±${MAX_INSTANT}, got ${instant}`,
    );
  }
}
