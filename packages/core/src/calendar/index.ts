/**
 * Business calendars: the declaration schema, the compiler that turns a declaration into
 * business-time arithmetic, and the built-in always-open `24x7` calendar.
 *
 * @module
 */
export type { BusinessCalendar } from './business-calendar.js';
export type {
  CalendarSpec,
  DatedHolidaySpec,
  HolidaySpec,
  RecurringHolidaySpec,
  TimeRange,
  Weekday,
} from './calendar-spec.js';
export { WEEKDAYS } from './calendar-spec.js';
export { calendarSchema } from './calendar-schema.js';
export { calendarListSchema } from './calendar-list-schema.js';
export { formatTimeRange } from './time-range-schema.js';
export { formatHolidayDate } from './holiday-schema.js';
export type { CompileCalendarOptions } from './compile-calendar.js';
export { compileCalendar } from './compile-calendar.js';
export { ALWAYS_OPEN_CALENDAR_ID, alwaysOpenCalendar } from './always-open-calendar.js';
