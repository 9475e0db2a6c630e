import { IANAZone } from 'luxon';
import { z } from 'zod';
import { ALWAYS_OPEN_CALENDAR_ID } from './always-open-calendar.js';
import type { CalendarSpec } from './calendar-spec.js';
import { describeValue } from './describe-value.js';
import { holidayListSchema } from './holiday-schema.js';
import { weeklyHoursSchema } from './weekly-hours-schema.js';

const CALENDAR_FIELDS = ['id', 'timezone', 'weekly', 'holidays'];

const idSchema = z
  .string({ error: (issue) => `must be a calendar id (text), got ${describeValue(issue.input)}` })
  .min(1, { error: 'must not be empty' })
  .refine((id) => id !== ALWAYS_OPEN_CALENDAR_ID, {
    error: `"${ALWAYS_OPEN_CALENDAR_ID}" is reserved for the built-in always-open calendar`,
  });

const timezoneSchema = z
  .string({
    error: (issue) =>
      `must be an IANA time zone such as "Europe/Berlin", got ${describeValue(issue.input)}`,
  })
  .superRefine((zone, ctx) => {
    if (!IANAZone.isValidZone(zone)) {
      ctx.addIssue({ code: 'custom', message: `unknown time zone ${JSON.stringify(zone)}` });
    }
  });

/**
 * One entry of the contract's `calendars` list, parsed into a {@link CalendarSpec}. Every
 * problem is reported with its path (`weekly.mon[1]`, `holidays[2].date`) and a message
 * meant for the operator who wrote the file. Unknown fields are rejected, since a typo
 * such as `holiday:` would otherwise silently keep a calendar open on a holiday.
 */
export const calendarSchema: z.ZodType<CalendarSpec> = z
  .strictObject(
    {
      id: idSchema,
      timezone: timezoneSchema,
      weekly: weeklyHoursSchema,
      holidays: holidayListSchema.optional(),
    },
    {
      error: (issue) => {
        if (issue.code === 'unrecognized_keys') {
          const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
          return `unknown field ${keys}: a calendar has ${CALENDAR_FIELDS.join(', ')}`;
        }
        return `must be a calendar with ${CALENDAR_FIELDS.join(', ')}, got ${describeValue(issue.input)}`;
      },
    },
  )
  .superRefine((calendar, ctx) => {
    if (Object.values(calendar.weekly).every((ranges) => ranges.length === 0)) {
      ctx.addIssue({
        code: 'custom',
        message: 'the calendar is never open: give at least one weekday an open period',
        path: ['weekly'],
      });
    }
  })
  .transform(({ id, timezone, weekly, holidays }) => ({
    id,
    timezone,
    weekly,
    holidays: holidays ?? [],
  }));
