import { z } from 'zod';
import type { TimeRange } from './calendar-spec.js';
import { MINUTES_PER_DAY } from './civil-days.js';
import { describeValue } from './describe-value.js';

const RANGE_FORMAT = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/;

/** Writes a range the way operators do, e.g. `08:00-12:00`; a day's end is `24:00`. */
export function formatTimeRange(range: TimeRange): string {
  return `${formatMinuteOfDay(range.start)}-${formatMinuteOfDay(range.end)}`;
}

function formatMinuteOfDay(minute: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** Minutes from midnight of "HH:MM", or null when it is no time of day (24:00 is one). */
function minuteOfDay(time: string): number | null {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  if (minute > 59 || hour > 24 || (hour === 24 && minute > 0)) return null;
  return hour * 60 + minute;
}

const mustBeRange = (input: unknown): string =>
  `must be a time range HH:MM-HH:MM, got ${describeValue(input)}`;

/** One open period, `"HH:MM-HH:MM"` in local time, end exclusive; `24:00` may end it. */
export const timeRangeSchema = z
  .string({ error: (issue) => mustBeRange(issue.input) })
  .transform((text, ctx): TimeRange => {
    const [, startText = '', endText = ''] = RANGE_FORMAT.exec(text.trim()) ?? [];
    if (startText === '') {
      ctx.addIssue({ code: 'custom', message: mustBeRange(text) });
      return z.NEVER;
    }
    const quoted = JSON.stringify(text);
    const start = minuteOfDay(startText);
    const end = minuteOfDay(endText);
    if (start === null || end === null) {
      ctx.addIssue({
        code: 'custom',
        message: `"${start === null ? startText : endText}" is not a time of day in ${quoted}: hours run 00-23, minutes 00-59, and 24:00 may end a range`,
      });
      return z.NEVER;
    }
    if (start === MINUTES_PER_DAY) {
      ctx.addIssue({ code: 'custom', message: `24:00 is allowed only as an end, got ${quoted}` });
      return z.NEVER;
    }
    if (end <= start) {
      const overnight =
        end < start
          ? ` (split a period across midnight, e.g. "22:00-24:00" and the next day's "00:00-06:00")`
          : '';
      ctx.addIssue({
        code: 'custom',
        message: `must end after it starts, got ${quoted}${overnight}`,
      });
      return z.NEVER;
    }
    return { start, end };
  });

/**
 * One day's open periods. Periods may touch (08:00-12:00 + 12:00-13:00 is one stretch)
 * but not overlap: an overlap is almost always a typo, and its intended meaning unclear.
 */
export const dayHoursSchema = z
  .array(timeRangeSchema, {
    error: (issue) =>
      `must be a list of time ranges such as ["08:00-12:00"], got ${describeValue(issue.input)}`,
  })
  .superRefine((ranges, ctx) => {
    ranges.forEach((range, index) => {
      const earlier = ranges
        .slice(0, index)
        .find((other) => other.start < range.end && range.start < other.end);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `"${formatTimeRange(range)}" overlaps "${formatTimeRange(earlier)}"`,
          path: [index],
        });
      }
    });
  });
