import type { BusinessCalendar } from '../../src/calendar/index.js';
import { calendarSchema, compileCalendar } from '../../src/calendar/index.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Parses a raw declaration (as an operator writes it) and compiles it. */
export function declareCalendar(
  declaration: Record<string, unknown>,
  options?: { cacheDays?: number },
): BusinessCalendar {
  return compileCalendar(calendarSchema.parse({ id: 'test', ...declaration }), options);
}

/** Epoch milliseconds of an ISO instant written in UTC (`…Z`), so tests state instants plainly. */
export function utc(iso: string): number {
  if (!iso.endsWith('Z')) throw new Error(`write test instants in UTC: ${iso}`);
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) throw new Error(`not an instant: ${iso}`);
  return instant;
}

/** The policy contract's example calendar, in Europe/Berlin. */
export const EMEA_BUSINESS = {
  id: 'emea-business',
  timezone: 'Europe/Berlin',
  weekly: {
    mon: ['08:00-12:00', '13:00-18:00'],
    tue: ['08:00-18:00'],
    wed: ['08:00-18:00'],
    thu: ['08:00-18:00'],
    fri: ['08:00-16:00'],
  },
  holidays: ['2026-12-26', '--12-25', { date: '2026-12-24', hours: ['09:00-13:00'] }],
};
