import type { BusinessCalendar } from './business-calendar.js';

/** Id of the built-in calendar that is always open; declarations may not reuse it. */
export const ALWAYS_OPEN_CALENDAR_ID = '24x7';

/**
 * The built-in `24x7` calendar: open at every instant, so business time is elapsed time.
 * Like compiled calendars it throws a RangeError for a non-finite instant or amount.
 */
export const alwaysOpenCalendar: BusinessCalendar = Object.freeze({
  id: ALWAYS_OPEN_CALENDAR_ID,
  timezone: 'UTC',
  businessMsBetween(from: number, to: number): number {
    checkFinite(from, 'instant');
    checkFinite(to, 'instant');
    return to > from ? to - from : 0;
  },
  addBusinessMs(from: number, amount: number): number {
    checkFinite(from, 'instant');
    checkFinite(amount, 'amount');
    return from + Math.max(0, amount);
  },
  isOpen(instant: number): boolean {
    checkFinite(instant, 'instant');
    return true;
  },
  nextOpening(instant: number): number {
    checkFinite(instant, 'instant');
    return instant;
  },
});

function checkFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be finite, got ${value}`);
}
