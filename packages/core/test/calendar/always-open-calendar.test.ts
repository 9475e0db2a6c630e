import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN_CALENDAR_ID, alwaysOpenCalendar } from '../../src/calendar/index.js';
import { HOUR, utc } from './declare-calendar.js';

describe('the built-in 24x7 calendar', () => {
  const t = utc('2026-12-31T23:30:00Z');

  it('is called 24x7 and runs on UTC', () => {
    expect(ALWAYS_OPEN_CALENDAR_ID).toBe('24x7');
    expect(alwaysOpenCalendar).toMatchObject({ id: '24x7', timezone: 'UTC' });
  });

  it('counts business time as elapsed time, across year ends', () => {
    expect(alwaysOpenCalendar.addBusinessMs(t, HOUR)).toBe(utc('2027-01-01T00:30:00Z'));
    expect(alwaysOpenCalendar.businessMsBetween(t, t + HOUR)).toBe(HOUR);
    expect(alwaysOpenCalendar.businessMsBetween(t + HOUR, t)).toBe(0);
  });

  it('is open at every instant', () => {
    expect(alwaysOpenCalendar.isOpen(t)).toBe(true);
    expect(alwaysOpenCalendar.nextOpening(t)).toBe(t);
  });

  it('rejects instants that are not finite', () => {
    expect(() => alwaysOpenCalendar.addBusinessMs(Number.NaN, HOUR)).toThrow(RangeError);
  });
});
