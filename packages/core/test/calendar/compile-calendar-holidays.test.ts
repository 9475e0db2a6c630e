import { describe, expect, it } from 'vitest';
import { DAY, EMEA_BUSINESS, HOUR, MINUTE, declareCalendar, utc } from './declare-calendar.js';

// December and January in Europe/Berlin are CET (UTC+1).
const emea = declareCalendar(EMEA_BUSINESS);

describe('holidays', () => {
  it('closes a dated holiday all day', () => {
    // 2026-12-26 is a Saturday, closed anyway; declare one on a weekday to see it.
    const calendar = declareCalendar({ ...EMEA_BUSINESS, holidays: ['2026-06-03'] });
    // Wed 03 June 2026 is closed: Tue 02 June 17:00 CEST (15:00Z) + 2h → 1h Tuesday, 1h Thursday
    // from 08:00 CEST (06:00Z) → 07:00Z.
    expect(calendar.addBusinessMs(utc('2026-06-02T15:00:00Z'), 2 * HOUR)).toBe(
      utc('2026-06-04T07:00:00Z'),
    );
    expect(calendar.isOpen(utc('2026-06-03T10:00:00Z'))).toBe(false);
  });

  it('closes a recurring holiday every year', () => {
    // --12-25 falls on Fri 2026, Mon 2028, Tue 2029, Wed 2030; each would be open 08:00-16/18:00.
    for (const year of [2026, 2028, 2029, 2030]) {
      const from = utc(`${year}-12-24T23:00:00Z`); // 25 Dec 00:00 CET
      expect(emea.businessMsBetween(from, from + DAY)).toBe(0);
    }
    // Mon 28 Dec 2026 is an ordinary Monday: 9h.
    expect(emea.businessMsBetween(utc('2026-12-27T23:00:00Z'), utc('2026-12-28T23:00:00Z'))).toBe(
      9 * HOUR,
    );
  });

  it("replaces the weekday's hours with a holiday's special hours", () => {
    // Thu 24 Dec 2026 is open 09:00-13:00 CET = 08:00Z-12:00Z instead of 08:00-18:00.
    expect(emea.isOpen(utc('2026-12-24T07:30:00Z'))).toBe(false);
    expect(emea.nextOpening(utc('2026-12-24T07:30:00Z'))).toBe(utc('2026-12-24T08:00:00Z'));
    expect(emea.businessMsBetween(utc('2026-12-23T23:00:00Z'), utc('2026-12-24T23:00:00Z'))).toBe(
      4 * HOUR,
    );
    // 11:00Z + 1h lands on 13:00 CET, the special end. Fri 25 (holiday), Sat 26, Sun 27
    // are closed → Mon 28 Dec 08:00 CET = 07:00Z.
    expect(emea.addBusinessMs(utc('2026-12-24T11:00:00Z'), HOUR)).toBe(utc('2026-12-28T07:00:00Z'));
  });

  it('opens a normally closed day with special hours, and an empty list closes it', () => {
    const calendar = declareCalendar({
      ...EMEA_BUSINESS,
      holidays: [
        { date: '2026-12-27', hours: ['10:00-12:00'] },
        { date: '2026-12-28', hours: [] },
      ],
    });
    // Sun 27 Dec 10:00-12:00 CET = 09:00Z-11:00Z; Mon 28 Dec closed; Tue 29 Dec from 07:00Z.
    expect(calendar.nextOpening(utc('2026-12-26T12:00:00Z'))).toBe(utc('2026-12-27T09:00:00Z'));
    expect(calendar.addBusinessMs(utc('2026-12-27T09:00:00Z'), 2 * HOUR + 30 * MINUTE)).toBe(
      utc('2026-12-29T07:30:00Z'),
    );
  });

  it('applies recurring special hours every year, and a dated holiday wins over them', () => {
    const calendar = declareCalendar({
      ...EMEA_BUSINESS,
      holidays: [{ date: '--12-31', hours: ['09:00-12:00'] }, '2027-12-31'],
    });
    // Thu 31 Dec 2026: 09:00-12:00 CET = 3h. Fri 31 Dec 2027: the dated holiday closes it.
    expect(
      calendar.businessMsBetween(utc('2026-12-30T23:00:00Z'), utc('2026-12-31T23:00:00Z')),
    ).toBe(3 * HOUR);
    expect(
      calendar.businessMsBetween(utc('2027-12-30T23:00:00Z'), utc('2027-12-31T23:00:00Z')),
    ).toBe(0);
    // Tue 31 Dec 2030: recurring special hours again.
    expect(
      calendar.businessMsBetween(utc('2030-12-30T23:00:00Z'), utc('2030-12-31T23:00:00Z')),
    ).toBe(3 * HOUR);
  });

  it('applies a recurring --02-29 only in leap years', () => {
    const calendar = declareCalendar({
      timezone: 'UTC',
      weekly: { thu: ['09:00-17:00'] },
      holidays: ['--02-29'],
    });
    // Thu 29 Feb 2024 is closed; Thu 28 Feb 2030 is open (no 29th that year).
    expect(calendar.isOpen(utc('2024-02-29T10:00:00Z'))).toBe(false);
    expect(calendar.isOpen(utc('2030-02-28T10:00:00Z'))).toBe(true);
  });
});

describe('the year end', () => {
  const calendar = declareCalendar({ ...EMEA_BUSINESS, holidays: ['--01-01'] });

  it('carries a deadline from Dec 31 over New Year to the next working day', () => {
    // Thu 31 Dec 2026 16:00 CET (15:00Z) + 3h: 2h until 18:00, Fri 1 Jan is a holiday,
    // then Mon 4 Jan 08:00 CET (07:00Z) + 1h = 08:00Z.
    expect(calendar.addBusinessMs(utc('2026-12-31T15:00:00Z'), 3 * HOUR)).toBe(
      utc('2027-01-04T08:00:00Z'),
    );
    expect(
      calendar.businessMsBetween(utc('2026-12-31T15:00:00Z'), utc('2027-01-04T08:00:00Z')),
    ).toBe(3 * HOUR);
  });

  it('is continuous over New Year midnight in a whole-day calendar', () => {
    const always = declareCalendar({
      timezone: 'Europe/Berlin',
      weekly: { thu: ['00:00-24:00'], fri: ['00:00-24:00'] },
    });
    // New Year 2027 00:00 CET = 2026-12-31T23:00Z, between Thu and Fri.
    expect(always.isOpen(utc('2026-12-31T23:00:00Z'))).toBe(true);
    expect(always.addBusinessMs(utc('2026-12-31T22:00:00Z'), 2 * HOUR)).toBe(
      utc('2027-01-01T00:00:00Z'),
    );
  });
});
