import { z } from 'zod';
import type { CalendarSpec } from './calendar-spec.js';
import { calendarSchema } from './calendar-schema.js';
import { describeValue } from './describe-value.js';
import { forwardIssues } from './forward-issues.js';

/**
 * The contract's `calendars` list. Besides validating each calendar it rejects a repeated
 * id at the repeat's path (`[3].id`). Duplicates are looked for in the raw input, so they
 * are reported even when some calendar has other errors.
 */
export const calendarListSchema: z.ZodType<readonly CalendarSpec[]> = z
  .unknown()
  .transform((raw, ctx): CalendarSpec[] => {
    if (!Array.isArray(raw)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a list of calendars, got ${describeValue(raw)}`,
      });
      return z.NEVER;
    }
    const firstIndex = new Map<string, number>();
    let valid = true;
    raw.forEach((item: unknown, index) => {
      const id: unknown =
        typeof item === 'object' && item !== null ? Reflect.get(item, 'id') : undefined;
      if (typeof id !== 'string') return;
      const first = firstIndex.get(id);
      if (first === undefined) firstIndex.set(id, index);
      else {
        valid = false;
        ctx.addIssue({
          code: 'custom',
          message: `duplicate calendar id ${JSON.stringify(id)} (also at index ${first})`,
          path: [index, 'id'],
        });
      }
    });
    const parsed = z.array(calendarSchema).safeParse(raw);
    if (!parsed.success) {
      forwardIssues(ctx, parsed.error.issues, []);
      return z.NEVER;
    }
    return valid ? parsed.data : z.NEVER;
  });
