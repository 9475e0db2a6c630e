import { alwaysOpenCalendar, compileCalendar, type CalendarSpec } from '@slawatch/core';
import { describe, expect, it } from 'vitest';
import type { ListedClock } from '@slawatch/wire';
import { policyCalendars } from '../src/api/policy-calendars';
import { byTimeLeft } from '../src/countdown/by-time-left';
import { countdown } from '../src/countdown/countdown';
import { formatCountdown } from '../src/format/format-countdown';

const office = { start: 8 * 60, end: 18 * 60 };
/** Mon–Fri 08:00–18:00 in Berlin, as `GET /api/v1/policies` sends it. */
const berlinSpec: CalendarSpec = {
  id: 'emea-business',
  timezone: 'Europe/Berlin',
  weekly: { mon: [office], tue: [office], wed: [office], thu: [office], fri: [office] },
  holidays: [],
};
const berlin = compileCalendar(berlinSpec);

// November 2026: Berlin is UTC+1. Monday the 23rd.
const berlinTime = (day: number, hhmmss: string) => Date.parse(`2026-11-${day}T${hhmmss}+01:00`);

const clock = (deadline: number, extra: Partial<ListedClock> = {}): ListedClock => ({
  ticketId: 'T-1',
  clock: 'firstResponse',
  cycle: 1,
  at: new Date(deadline).toISOString(),
  team: 'emea',
  queue: '-',
  priority: 'high',
  policy: 'default',
  ...extra,
});

describe('countdown in business time', () => {
  // Due Tuesday 09:00: two seconds of Monday and an hour of Tuesday are left at 17:59:58.
  const due = clock(berlinTime(24, '09:00:00'));

  it('ticks while the calendar is open', () => {
    const a = countdown(due, berlin, berlinTime(23, '17:59:58'));
    const b = countdown(due, berlin, berlinTime(23, '17:59:59'));
    expect(a.state).toBe('running');
    expect(formatCountdown(a.remainingMs!)).toBe('1:00:02');
    expect(formatCountdown(b.remainingMs!)).toBe('1:00:01');
  });

  it('freezes across the closing time, and says when it opens', () => {
    const atClose = countdown(due, berlin, berlinTime(23, '18:00:00'));
    const later = countdown(due, berlin, berlinTime(23, '23:30:00'));
    expect(atClose.state).toBe('out-of-hours');
    expect(formatCountdown(atClose.remainingMs!)).toBe('1:00:00');
    expect(later.remainingMs).toBe(atClose.remainingMs);
    expect(later.opensAt).toBe(berlinTime(24, '08:00:00'));
  });

  it('ticks again from the opening', () => {
    const c = countdown(due, berlin, berlinTime(24, '08:00:01'));
    expect(c.state).toBe('running');
    expect(formatCountdown(c.remainingMs!)).toBe('59:59');
  });

  it('stays frozen over a weekend', () => {
    const fridayDue = clock(berlinTime(30, '08:30:00'));
    const saturday = countdown(fridayDue, berlin, berlinTime(28, '12:00:00'));
    expect(saturday.state).toBe('out-of-hours');
    expect(formatCountdown(saturday.remainingMs!)).toBe('30:00');
    expect(saturday.opensAt).toBe(berlinTime(30, '08:00:00'));
  });

  it('is breaching from the deadline until the server takes the row away', () => {
    const c = countdown(due, berlin, berlinTime(24, '09:00:00'));
    expect(c).toMatchObject({ state: 'breaching', remainingMs: 0 });
  });

  it('shows a paused clock with the business time the server froze', () => {
    // A paused clock has no deadline: the gateway sends `at: null`.
    const paused = clock(0, { at: null, state: 'paused', remainingSeconds: 1234 });
    const c = countdown(paused, berlin, berlinTime(23, '10:00:00'));
    expect(c).toMatchObject({ state: 'paused', remainingMs: 1_234_000 });
  });

  it('falls back to wall-clock time, and says so, for a policy without a calendar', () => {
    const c = countdown(due, undefined, berlinTime(23, '23:00:00'));
    expect(c.state).toBe('running');
    expect(c.wallTime).toBe(true);
    expect(formatCountdown(c.remainingMs!)).toBe('10:00:00');
  });
});

describe('the at-risk order', () => {
  it('puts the least business time first, not the earliest deadline', () => {
    const now = berlinTime(23, '17:30:00');
    // Due at 08:10 tomorrow (40 min of business time) versus a 24x7 clock due in 50 min.
    const office = clock(berlinTime(24, '08:10:00'), { ticketId: 'office' });
    const always = clock(now + 50 * 60_000, { ticketId: 'always' });
    const rows = [
      { clock: always, countdown: countdown(always, alwaysOpenCalendar, now) },
      { clock: office, countdown: countdown(office, berlin, now) },
    ].sort(byTimeLeft);
    expect(rows.map((r) => r.clock.ticketId)).toEqual(['office', 'always']);
  });
});

describe('policyCalendars', () => {
  it("finds each policy's calendar, the built-in 24x7 included", () => {
    const calendars = policyCalendars({
      calendars: [berlinSpec],
      policies: [
        { id: 'urgent', calendar: '24x7' },
        { id: 'default', calendar: 'emea-business' },
        { id: 'broken', calendar: 'nowhere' },
      ],
    });
    expect(calendars.get('urgent')).toBe(alwaysOpenCalendar);
    expect(calendars.get('default')?.timezone).toBe('Europe/Berlin');
    expect(calendars.has('broken')).toBe(false);
  });

  it('leaves out a calendar this browser cannot compile', () => {
    const calendars = policyCalendars({
      calendars: [{ ...berlinSpec, id: 'mars', timezone: 'Mars/Olympus_Mons' }],
      policies: [{ id: 'p', calendar: 'mars' }],
    });
    expect(calendars.has('p')).toBe(false);
  });
});
