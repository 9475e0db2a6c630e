/**
 * The validated form of a calendar declaration (see the `calendars` section of the policy
 * contract). `calendarSchema` produces it from raw YAML/JSON; `compileCalendar` turns it
 * into a {@link BusinessCalendar}. Times are local wall-clock times of the calendar's zone.
 *
 * @module
 */

/** Weekday keys, in ISO order (Monday first), as written in the `weekly` mapping. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A weekday key of the `weekly` mapping. */
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * An open period of one local day, in minutes from local midnight, end exclusive.
 * `end` may be 1440 ("24:00"), which is the next day's midnight; `start < end` always.
 */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

/**
 * A holiday on one local date. Without `hours` (or with an empty list) the calendar is
 * closed all that day; with `hours` those periods replace the weekday's.
 */
export type HolidaySpec = DatedHolidaySpec | RecurringHolidaySpec;

/** A holiday on one date (`2026-12-26`). Months and days count from 1. */
export interface DatedHolidaySpec {
  readonly kind: 'dated';
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hours?: readonly TimeRange[];
}

/** A holiday on the same date every year (`--12-25`); `--02-29` applies in leap years only. */
export interface RecurringHolidaySpec {
  readonly kind: 'recurring';
  readonly month: number;
  readonly day: number;
  readonly hours?: readonly TimeRange[];
}

/** A validated business calendar declaration. */
export interface CalendarSpec {
  readonly id: string;
  /** IANA zone name, already checked to be known. */
  readonly timezone: string;
  /** Open periods per weekday; a weekday left out (or with an empty list) is closed. */
  readonly weekly: Readonly<Partial<Record<Weekday, readonly TimeRange[]>>>;
  readonly holidays: readonly HolidaySpec[];
}
