import { z } from 'zod';
import type { TimeRange, Weekday } from './calendar-spec.js';
import { WEEKDAYS } from './calendar-spec.js';
import { describeValue } from './describe-value.js';
import { forwardIssues } from './forward-issues.js';
import { dayHoursSchema } from './time-range-schema.js';

function isWeekday(key: string): key is Weekday {
  return (WEEKDAYS as readonly string[]).includes(key);
}

/**
 * The `weekly` mapping, `{ mon: ["08:00-12:00", …], … }`. Parsed by hand rather than with
 * `z.partialRecord` so an unknown weekday is reported at its own path (`weekly.monday`)
 * and alongside any other error, not only once the rest is valid.
 */
export const weeklyHoursSchema = z
  .unknown()
  .transform((raw, ctx): Partial<Record<Weekday, TimeRange[]>> => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw instanceof Date) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a mapping from weekdays (mon … sun) to lists of time ranges, got ${describeValue(raw)}`,
      });
      return z.NEVER;
    }
    const weekly: Partial<Record<Weekday, TimeRange[]>> = {};
    let valid = true;
    for (const [key, value] of Object.entries(raw)) {
      if (!isWeekday(key)) {
        valid = false;
        ctx.addIssue({
          code: 'custom',
          message: `unknown weekday ${JSON.stringify(key)}: use ${WEEKDAYS.join(', ')}`,
          path: [key],
        });
        continue;
      }
      const parsed = dayHoursSchema.safeParse(value);
      if (parsed.success) weekly[key] = parsed.data;
      else {
        valid = false;
        forwardIssues(ctx, parsed.error.issues, [key]);
      }
    }
    return valid ? weekly : z.NEVER;
  });
