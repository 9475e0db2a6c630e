import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../src/calendar/index.js';
import { DAY, EMEA_BUSINESS, HOUR, MINUTE, declareCalendar, utc } from './declare-calendar.js';

// June 2026 in Europe/Berlin is CEST (UTC+2) throughout; 2026-06-01 is a Monday.
const emea = declareCalendar(EMEA_BUSINESS);

describe('adding business time', () => {
  it('counts only open time within a day', () => {
    // Mon 09:00 CEST = 07:00Z; +2h stays in the 08:00-12:00 period → 11:00 CEST = 09:00Z.
    expect(emea.addBusinessMs(utc('2026-06-01T07:00:00Z'), 2 * HOUR)).toBe(
      utc('2026-06-01T09:00:00Z'),
    );
  });

  it('skips the lunch break between two periods of a day', () => {
    // Mon 11:00 CEST (09:00Z) + 2h: 1h until 12:00, closed 12:00-13:00, 1h more → 14:00 CEST = 12:00Z.
    expect(emea.addBusinessMs(utc('2026-06-01T09:00:00Z'), 2 * HOUR)).toBe(
      utc('2026-06-01T12:00:00Z'),
    );
  });

  it('counts a start inside a closed period from the next opening', () => {
    // Mon 06:00 CEST (04:00Z) is closed; counting starts at 08:00 CEST = 06:00Z; +30m → 06:30Z.
    expect(emea.addBusinessMs(utc('2026-06-01T04:00:00Z'), 30 * MINUTE)).toBe(
      utc('2026-06-01T06:30:00Z'),
    );
    // Sat 2026-06-06 is closed all day; counting starts Mon 08 June 08:00 CEST = 06:00Z.
    expect(emea.addBusinessMs(utc('2026-06-06T10:00:00Z'), 30 * MINUTE)).toBe(
      utc('2026-06-08T06:30:00Z'),
    );
  });

  it('moves a deadline landing on the end of an open period to the next opening', () => {
    // Mon 11:00 CEST + 1h lands on 12:00 CEST, the end of a period → 13:00 CEST = 11:00Z.
    expect(emea.addBusinessMs(utc('2026-06-01T09:00:00Z'), HOUR)).toBe(utc('2026-06-01T11:00:00Z'));
    // Fri 05 June 15:00 CEST (13:00Z) + 1h lands on 16:00, Friday's close → Mon 08 June 08:00 CEST = 06:00Z.
    expect(emea.addBusinessMs(utc('2026-06-05T13:00:00Z'), HOUR)).toBe(utc('2026-06-08T06:00:00Z'));
  });

  it('treats a zero amount as "the next opening"', () => {
    expect(emea.addBusinessMs(utc('2026-06-01T10:20:00Z'), 0)).toBe(utc('2026-06-01T11:00:00Z'));
    expect(emea.addBusinessMs(utc('2026-06-01T07:00:00Z'), 0)).toBe(utc('2026-06-01T07:00:00Z'));
  });

  it('is exact to the millisecond', () => {
    // Mon 17:59:59.999 CEST + 2ms: 1ms to 18:00, then Tue 08:00 CEST (06:00Z) + 1ms.
    expect(emea.addBusinessMs(utc('2026-06-01T15:59:59.999Z'), 2)).toBe(
      utc('2026-06-02T06:00:00.001Z'),
    );
  });

  it('skips whole weeks for long amounts', () => {
    // A week is 9 + 10 + 10 + 10 + 8 = 47 open hours. From Mon 01 June 08:00 CEST,
    // 4 weeks + 1h → Mon 29 June 09:00 CEST = 07:00Z (no holidays, no DST change in June).
    expect(emea.addBusinessMs(utc('2026-06-01T06:00:00Z'), 4 * 47 * HOUR + HOUR)).toBe(
      utc('2026-06-29T07:00:00Z'),
    );
  });

  it('treats touching periods as one stretch, so a deadline at their meeting point stays', () => {
    const split = declareCalendar({
      timezone: 'UTC',
      weekly: { mon: ['08:00-12:00', '12:00-13:00'] },
    });
    // Mon 08:00Z + 4h = 12:00Z, inside the stretch 08:00-13:00.
    expect(split.addBusinessMs(utc('2026-06-01T08:00:00Z'), 4 * HOUR)).toBe(
      utc('2026-06-01T12:00:00Z'),
    );
    expect(split.isOpen(utc('2026-06-01T12:00:00Z'))).toBe(true);
  });

  it('gives up with null when the calendar never opens', () => {
    const never = compileCalendar({ id: 'never', timezone: 'UTC', weekly: {}, holidays: [] });
    expect(never.addBusinessMs(utc('2026-06-01T00:00:00Z'), HOUR)).toBeNull();
    expect(never.nextOpening(utc('2026-06-01T00:00:00Z'))).toBeNull();
  });

  it('gives up with null after ten closed years instead of searching forever', () => {
    // Open only on one dated holiday: nothing after 2026-06-01 ever opens again.
    const once = compileCalendar({
      id: 'once',
      timezone: 'UTC',
      weekly: {},
      holidays: [{ kind: 'dated', year: 2026, month: 6, day: 1, hours: [{ start: 0, end: 60 }] }],
    });
    expect(once.addBusinessMs(utc('2026-06-01T00:00:00Z'), 30 * MINUTE)).toBe(
      utc('2026-06-01T00:30:00Z'),
    );
    expect(once.addBusinessMs(utc('2026-06-01T00:30:00Z'), 30 * MINUTE)).toBeNull();
    expect(once.nextOpening(utc('2026-06-01T01:00:00Z'))).toBeNull();
  });

  it('rejects instants and amounts that are not finite', () => {
    expect(() => emea.addBusinessMs(Number.NaN, HOUR)).toThrow(RangeError);
    expect(() => emea.addBusinessMs(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => emea.businessMsBetween(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('measuring business time', () => {
  it('measures the open time between two instants of one day', () => {
    // Mon 09:00-14:00 CEST: 3h (09-12) + 1h (13-14).
    expect(emea.businessMsBetween(utc('2026-06-01T07:00:00Z'), utc('2026-06-01T12:00:00Z'))).toBe(
      4 * HOUR,
    );
  });

  it('measures across days and weekends', () => {
    // Fri 05 June 15:00 CEST → Mon 08 June 09:00 CEST: 1h Friday + 1h Monday.
    expect(emea.businessMsBetween(utc('2026-06-05T13:00:00Z'), utc('2026-06-08T07:00:00Z'))).toBe(
      2 * HOUR,
    );
  });

  it('is zero for an empty or reversed range', () => {
    const t = utc('2026-06-01T07:00:00Z');
    expect(emea.businessMsBetween(t, t)).toBe(0);
    expect(emea.businessMsBetween(t + HOUR, t)).toBe(0);
  });

  it('measures a whole regular week as its declared hours', () => {
    expect(emea.businessMsBetween(utc('2026-06-01T00:00:00Z'), utc('2026-06-08T00:00:00Z'))).toBe(
      47 * HOUR,
    );
  });
});

describe('open or closed', () => {
  it('opens at the start of a period and closes at its end', () => {
    expect(emea.isOpen(utc('2026-06-01T05:59:59.999Z'))).toBe(false);
    expect(emea.isOpen(utc('2026-06-01T06:00:00Z'))).toBe(true);
    expect(emea.isOpen(utc('2026-06-01T09:59:59.999Z'))).toBe(true);
    expect(emea.isOpen(utc('2026-06-01T10:00:00Z'))).toBe(false);
  });

  it('finds the next opening, or the instant itself when open', () => {
    expect(emea.nextOpening(utc('2026-06-01T10:30:00Z'))).toBe(utc('2026-06-01T11:00:00Z'));
    expect(emea.nextOpening(utc('2026-06-01T08:00:00Z'))).toBe(utc('2026-06-01T08:00:00Z'));
    // Sat 06 June → Mon 08 June 08:00 CEST.
    expect(emea.nextOpening(utc('2026-06-06T12:00:00Z'))).toBe(utc('2026-06-08T06:00:00Z'));
  });
});

describe('a whole-day calendar', () => {
  // Sat and Sun 00:00-24:00 in Berlin; 2026-06-06 is a Saturday (CEST, UTC+2).
  const weekend = declareCalendar({
    timezone: 'Europe/Berlin',
    weekly: { sat: ['00:00-24:00'], sun: ['00:00-24:00'] },
  });

  it('has no closed instant at the midnight between touching days', () => {
    // Sun 00:00 CEST = Sat 22:00Z.
    expect(weekend.isOpen(utc('2026-06-06T22:00:00Z'))).toBe(true);
    // Sat 23:00 CEST (21:00Z) + 2h → Sun 01:00 CEST = 23:00Z.
    expect(weekend.addBusinessMs(utc('2026-06-06T21:00:00Z'), 2 * HOUR)).toBe(
      utc('2026-06-06T23:00:00Z'),
    );
    expect(
      weekend.businessMsBetween(utc('2026-06-05T22:00:00Z'), utc('2026-06-07T22:00:00Z')),
    ).toBe(2 * DAY);
  });

  it('moves a deadline at the end of the weekend to the next weekend', () => {
    // Sat 00:00 CEST (Fri 22:00Z) + 48h lands on Mon 00:00 CEST → Sat 13 June 00:00 CEST = 12 June 22:00Z.
    expect(weekend.addBusinessMs(utc('2026-06-05T22:00:00Z'), 2 * DAY)).toBe(
      utc('2026-06-12T22:00:00Z'),
    );
  });
});

describe('the day cache', () => {
  it('gives the same answers when it is too small to hold a search', () => {
    const tiny = declareCalendar(EMEA_BUSINESS, { cacheDays: 8 });
    const from = utc('2026-06-01T06:00:00Z');
    expect(tiny.addBusinessMs(from, 30 * 47 * HOUR)).toBe(emea.addBusinessMs(from, 30 * 47 * HOUR));
    expect(tiny.businessMsBetween(from, from + 400 * DAY)).toBe(
      emea.businessMsBetween(from, from + 400 * DAY),
    );
  });
});
