import { z } from 'zod';
import type {
  DatedHolidaySpec,
  HolidaySpec,
  RecurringHolidaySpec,
  TimeRange,
} from './calendar-spec.js';
import { daysInMonth } from './civil-days.js';
import { describeValue } from './describe-value.js';
import { forwardIssues } from './forward-issues.js';
import { dayHoursSchema } from './time-range-schema.js';

const DATED = /^(\d{4})-(\d{2})-(\d{2})$/;
const RECURRING = /^--(\d{2})-(\d{2})$/;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

type HolidayDate = Omit<DatedHolidaySpec, 'hours'> | Omit<RecurringHolidaySpec, 'hours'>;

/** Writes a holiday's date as declared: `2026-12-26`, or `--12-25` for a recurring one. */
export function formatHolidayDate(holiday: HolidayDate): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const monthDay = `${pad(holiday.month)}-${pad(holiday.day)}`;
  return holiday.kind === 'dated' ? `${pad(holiday.year, 4)}-${monthDay}` : `--${monthDay}`;
}

/** Parses `YYYY-MM-DD` or `--MM-DD`, or says in words why it is not a date. */
function parseHolidayDate(raw: unknown): HolidayDate | string {
  // A YAML 1.1 loader turns an unquoted 2026-12-26 into a Date at UTC midnight.
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) {
    return {
      kind: 'dated',
      year: raw.getUTCFullYear(),
      month: raw.getUTCMonth() + 1,
      day: raw.getUTCDate(),
    };
  }
  const text = typeof raw === 'string' ? raw.trim() : '';
  const dated = DATED.exec(text);
  const recurring = RECURRING.exec(text);
  // A recurring date has no year; the 0 put in its place is never used as one.
  const parts =
    dated !== null ? dated.slice(1) : recurring !== null ? ['0', ...recurring.slice(1)] : [];
  const [year, month, day] = parts.map(Number);
  if (year === undefined || month === undefined || day === undefined) {
    return `must be a date YYYY-MM-DD or a recurring date --MM-DD, got ${describeValue(raw)}`;
  }
  const quoted = JSON.stringify(text);
  const monthName = MONTH_NAMES[month - 1];
  if (monthName === undefined) return `${quoted} is not a date: months run 01-12`;
  // A recurring date may be --02-29: it applies in leap years.
  const lastDay = dated !== null ? daysInMonth(year, month) : daysInMonth(2000, month);
  if (day < 1 || day > lastDay) {
    const scope = dated !== null ? `${monthName} ${year}` : monthName;
    return `${quoted} is not a date: ${scope} has ${lastDay} days`;
  }
  return dated !== null ? { kind: 'dated', year, month, day } : { kind: 'recurring', month, day };
}

function isMapping(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !(raw instanceof Date);
}

/**
 * One holiday: a date (`2026-12-26`, `--12-25`) closed all day, or
 * `{ date, hours }` whose hours replace the weekday's (`hours: []` is closed all day).
 */
export const holidaySchema = z.unknown().transform((raw, ctx): HolidaySpec => {
  if (typeof raw === 'string' || raw instanceof Date) {
    const date = parseHolidayDate(raw);
    if (typeof date !== 'string') return date;
    ctx.addIssue({ code: 'custom', message: date });
    return z.NEVER;
  }
  if (!isMapping(raw)) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a date YYYY-MM-DD, a recurring date --MM-DD or { date, hours }, got ${describeValue(raw)}`,
    });
    return z.NEVER;
  }
  let valid = true;
  for (const key of Object.keys(raw)) {
    if (key !== 'date' && key !== 'hours') {
      valid = false;
      ctx.addIssue({
        code: 'custom',
        message: `unknown field ${JSON.stringify(key)}: a holiday has a date and optional hours`,
        path: [key],
      });
    }
  }
  const date = parseHolidayDate(raw.date);
  if (typeof date === 'string') {
    valid = false;
    ctx.addIssue({ code: 'custom', message: date, path: ['date'] });
  }
  let hours: TimeRange[] | undefined;
  if (raw.hours !== undefined) {
    const parsed = dayHoursSchema.safeParse(raw.hours);
    if (parsed.success) hours = parsed.data;
    else {
      valid = false;
      forwardIssues(ctx, parsed.error.issues, ['hours']);
    }
  }
  if (!valid || typeof date === 'string') return z.NEVER;
  return hours === undefined ? date : { ...date, hours };
});

/** A calendar's holidays; listing one date twice is rejected (which hours would apply?). */
export const holidayListSchema = z
  .array(holidaySchema, {
    error: (issue) =>
      `must be a list of holidays such as ["2026-12-26", "--12-25"], got ${describeValue(issue.input)}`,
  })
  .superRefine((holidays, ctx) => {
    const firstIndex = new Map<string, number>();
    holidays.forEach((holiday, index) => {
      const date = formatHolidayDate(holiday);
      const first = firstIndex.get(date);
      if (first === undefined) firstIndex.set(date, index);
      else {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate holiday ${JSON.stringify(date)} (also at index ${first})`,
          path: [index],
        });
      }
    });
  });
