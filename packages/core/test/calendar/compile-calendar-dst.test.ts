import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, declareCalendar, utc } from './declare-calendar.js';
import { zoneTransitions } from './zone-transitions.js';

describe('Europe/Berlin, spring forward on Sun 2026-03-29 (02:00 CET → 03:00 CEST at 01:00Z)', () => {
  it('makes a period spanning the change an hour shorter', () => {
    const calendar = declareCalendar({
      timezone: 'Europe/Berlin',
      weekly: { sun: ['01:00-05:00'] },
    });
    // 01:00 CET = 00:00Z, 05:00 CEST = 03:00Z: 3h of real time.
    expect(
      calendar.businessMsBetween(utc('2026-03-28T12:00:00Z'), utc('2026-03-29T12:00:00Z')),
    ).toBe(3 * HOUR);
    // The Sunday before is a plain 4h: 01:00-05:00 CET = 00:00Z-04:00Z.
    expect(
      calendar.businessMsBetween(utc('2026-03-21T12:00:00Z'), utc('2026-03-22T12:00:00Z')),
    ).toBe(4 * HOUR);
    // 00:00Z + 3h lands on the period's end 03:00Z → next Sunday 01:00 CEST = 2026-04-04T23:00Z.
    expect(calendar.addBusinessMs(utc('2026-03-29T00:00:00Z'), 3 * HOUR)).toBe(
      utc('2026-04-04T23:00:00Z'),
    );
    // Counting across the jump: 00:30Z + 1h = 01:30Z (= 03:30 CEST), no hour is lost or gained.
    expect(calendar.addBusinessMs(utc('2026-03-29T00:30:00Z'), HOUR)).toBe(
      utc('2026-03-29T01:30:00Z'),
    );
  });

  it('opens a period starting at a non-existent time when the clocks jump plus the rest of the gap', () => {
    const calendar = declareCalendar({
      timezone: 'Europe/Berlin',
      weekly: { sun: ['02:30-06:00'] },
    });
    // 02:30 is 30 min into the 02:00→03:00 gap: the jump at 01:00Z + 30 min = 01:30Z (03:30 CEST).
    expect(calendar.nextOpening(utc('2026-03-29T00:00:00Z'))).toBe(utc('2026-03-29T01:30:00Z'));
    expect(calendar.isOpen(utc('2026-03-29T01:29:59.999Z'))).toBe(false);
    // 06:00 CEST = 04:00Z, so 2.5h open that day.
    expect(
      calendar.businessMsBetween(utc('2026-03-29T00:00:00Z'), utc('2026-03-29T12:00:00Z')),
    ).toBe(2.5 * HOUR);
  });

  it('closes a period ending at a non-existent time at the jump plus the rest of the gap', () => {
    const calendar = declareCalendar({
      timezone: 'Europe/Berlin',
      weekly: { sun: ['00:00-02:30'] },
    });
    // 00:00 CET = Sat 23:00Z; 02:30 → 01:30Z. 2.5h of real time.
    expect(
      calendar.businessMsBetween(utc('2026-03-28T12:00:00Z'), utc('2026-03-29T12:00:00Z')),
    ).toBe(2.5 * HOUR);
    expect(calendar.isOpen(utc('2026-03-29T01:29:59.999Z'))).toBe(true);
    expect(calendar.isOpen(utc('2026-03-29T01:30:00Z'))).toBe(false);
  });

  it('never opens a period lying exactly in the skipped hour', () => {
    const calendar = declareCalendar({
      timezone: 'Europe/Berlin',
      weekly: { sun: ['02:00-03:00'] },
    });
    // 02:00 → 01:00Z and 03:00 CEST → 01:00Z: nothing. Next opening: Sun 05 April 02:00 CEST = 00:00Z.
    expect(calendar.nextOpening(utc('2026-03-28T12:00:00Z'))).toBe(utc('2026-04-05T00:00:00Z'));
  });
});

describe('Europe/Berlin, fall back on Sun 2026-10-25 (03:00 CEST → 02:00 CET at 01:00Z)', () => {
  it('makes a period spanning the change an hour longer', () => {
    const calendar = declareCalendar({
      timezone: 'Europe/Berlin',
      weekly: { sun: ['01:00-05:00'] },
    });
    // 01:00 CEST = Sat 23:00Z, 05:00 CET = 04:00Z: 5h of real time.
    expect(
      calendar.businessMsBetween(utc('2026-10-24T12:00:00Z'), utc('2026-10-25T12:00:00Z')),
    ).toBe(5 * HOUR);
    // Sat 23:00Z + 4h30 = 03:30Z (= 04:30 CET), still open.
    expect(calendar.addBusinessMs(utc('2026-10-24T23:00:00Z'), 4.5 * HOUR)).toBe(
      utc('2026-10-25T03:30:00Z'),
    );
  });

  it('starts a period at the first occurrence of an ambiguous time', () => {
    const calendar = declareCalendar({
      timezone: 'Europe/Berlin',
      weekly: { sun: ['02:30-04:00'] },
    });
    // 02:30 occurs at 00:30Z (CEST) and again at 01:30Z (CET): the first one counts.
    expect(calendar.nextOpening(utc('2026-10-24T12:00:00Z'))).toBe(utc('2026-10-25T00:30:00Z'));
    // Until 04:00 CET = 03:00Z: 2.5h.
    expect(
      calendar.businessMsBetween(utc('2026-10-24T12:00:00Z'), utc('2026-10-25T12:00:00Z')),
    ).toBe(2.5 * HOUR);
  });

  it('ends a period at the first occurrence of an ambiguous time', () => {
    const calendar = declareCalendar({
      timezone: 'Europe/Berlin',
      weekly: { sun: ['00:00-02:30'] },
    });
    // 00:00 CEST = Sat 22:00Z until the first 02:30 = 00:30Z: 2.5h; the second 02:xx hour is closed.
    expect(
      calendar.businessMsBetween(utc('2026-10-24T12:00:00Z'), utc('2026-10-25T12:00:00Z')),
    ).toBe(2.5 * HOUR);
    expect(calendar.isOpen(utc('2026-10-25T00:29:59.999Z'))).toBe(true);
    expect(calendar.isOpen(utc('2026-10-25T01:15:00Z'))).toBe(false);
  });
});

describe('America/New_York, 2026-03-08 (02:00 EST → 03:00 EDT at 07:00Z) and 2026-11-01 (02:00 EDT → 01:00 EST at 06:00Z)', () => {
  const calendar = declareCalendar({
    timezone: 'America/New_York',
    weekly: {
      mon: ['09:00-17:00'],
      tue: ['09:00-17:00'],
      wed: ['09:00-17:00'],
      thu: ['09:00-17:00'],
      fri: ['09:00-17:00'],
      sun: ['01:30-03:30'],
    },
  });

  it('shortens the Sunday period on the spring-forward day and carries the rest to Monday', () => {
    // 01:30 EST = 06:30Z, 03:30 EDT = 07:30Z: 1h.
    expect(
      calendar.businessMsBetween(utc('2026-03-08T00:00:00Z'), utc('2026-03-08T23:00:00Z')),
    ).toBe(HOUR);
    // Sat 12:00Z + 90 min: 06:30Z-07:30Z on Sunday, then Mon 09:00 EDT = 13:00Z + 30 min.
    expect(calendar.addBusinessMs(utc('2026-03-07T12:00:00Z'), 90 * MINUTE)).toBe(
      utc('2026-03-09T13:30:00Z'),
    );
    // Exactly the Sunday hour lands on 07:30Z, the end → Mon 09:00 EDT = 13:00Z.
    expect(calendar.addBusinessMs(utc('2026-03-07T12:00:00Z'), HOUR)).toBe(
      utc('2026-03-09T13:00:00Z'),
    );
  });

  it('lengthens the Sunday period on the fall-back day, from the first 01:30', () => {
    // 01:30 EDT (first occurrence) = 05:30Z, 03:30 EST = 08:30Z: 3h.
    expect(calendar.nextOpening(utc('2026-11-01T00:00:00Z'))).toBe(utc('2026-11-01T05:30:00Z'));
    expect(
      calendar.businessMsBetween(utc('2026-11-01T00:00:00Z'), utc('2026-11-01T23:00:00Z')),
    ).toBe(3 * HOUR);
    // 05:30Z + 2h30 = 08:00Z (03:00 EST), inside.
    expect(calendar.addBusinessMs(utc('2026-11-01T05:30:00Z'), 2.5 * HOUR)).toBe(
      utc('2026-11-01T08:00:00Z'),
    );
  });

  it('opens a period starting in the gap at the jump plus the rest of the gap', () => {
    const gap = declareCalendar({ timezone: 'America/New_York', weekly: { sun: ['02:30-04:00'] } });
    // 02:30 → 07:00Z + 30 min = 07:30Z (03:30 EDT); 04:00 EDT = 08:00Z: 30 min.
    expect(gap.nextOpening(utc('2026-03-08T00:00:00Z'))).toBe(utc('2026-03-08T07:30:00Z'));
    expect(gap.businessMsBetween(utc('2026-03-08T00:00:00Z'), utc('2026-03-08T12:00:00Z'))).toBe(
      30 * MINUTE,
    );
  });

  it('makes whole days 23 and 25 hours long', () => {
    const always = declareCalendar({
      timezone: 'America/New_York',
      weekly: { sun: ['00:00-24:00'] },
    });
    // Sun 08 March: 00:00 EST = 05:00Z to Mon 00:00 EDT = 04:00Z.
    expect(always.businessMsBetween(utc('2026-03-08T00:00:00Z'), utc('2026-03-10T00:00:00Z'))).toBe(
      23 * HOUR,
    );
    // Sun 01 Nov: 00:00 EDT = 04:00Z to Mon 00:00 EST = 05:00Z.
    expect(always.businessMsBetween(utc('2026-11-01T00:00:00Z'), utc('2026-11-03T00:00:00Z'))).toBe(
      25 * HOUR,
    );
  });
});

describe('Australia/Lord_Howe, whose clocks move by 30 minutes', () => {
  const [fallBack, springForward] = zoneTransitions('Australia/Lord_Howe', 2026);
  const zone = 'Australia/Lord_Howe';

  it('changes on 2026-04-05 and 2026-10-04, by half an hour (as luxon reports)', () => {
    expect(fallBack).toMatchObject({ before: 11 * 60, after: 10.5 * 60 });
    expect(springForward).toMatchObject({ before: 10.5 * 60, after: 11 * 60 });
    // At 02:00 local the clocks go back to 01:30, and later forward to 02:30.
    expect(DateTime.fromMillis(fallBack!.instant - 1, { zone }).toFormat('yyyy-MM-dd HH:mm')).toBe(
      '2026-04-05 01:59',
    );
    expect(DateTime.fromMillis(springForward!.instant, { zone }).toFormat('yyyy-MM-dd HH:mm')).toBe(
      '2026-10-04 02:30',
    );
    expect(fallBack!.instant).toBe(utc('2026-04-04T15:00:00Z'));
    expect(springForward!.instant).toBe(utc('2026-10-03T15:30:00Z'));
  });

  it('lengthens a period over the fall-back change by 30 minutes, from the first occurrence', () => {
    const calendar = declareCalendar({ timezone: zone, weekly: { sun: ['01:45-03:00'] } });
    // 01:45 first occurs at +11:00 = 14:45Z (before the 15:00Z change); 03:00 at +10:30 = 16:30Z.
    expect(calendar.nextOpening(utc('2026-04-04T00:00:00Z'))).toBe(utc('2026-04-04T14:45:00Z'));
    expect(
      calendar.businessMsBetween(utc('2026-04-04T00:00:00Z'), utc('2026-04-05T00:00:00Z')),
    ).toBe(105 * MINUTE);
  });

  it('shortens a period over the spring-forward change by 30 minutes', () => {
    const calendar = declareCalendar({ timezone: zone, weekly: { sun: ['01:00-03:00'] } });
    // 01:00 at +10:30 = Sat 14:30Z; 03:00 at +11:00 = 16:00Z: 1h30.
    expect(
      calendar.businessMsBetween(utc('2026-10-03T00:00:00Z'), utc('2026-10-04T00:00:00Z')),
    ).toBe(90 * MINUTE);
    // 14:30Z + 1h = 15:30Z, the instant of the change (02:00 → 02:30), still open.
    expect(calendar.addBusinessMs(utc('2026-10-03T14:30:00Z'), HOUR)).toBe(
      utc('2026-10-03T15:30:00Z'),
    );
  });

  it('opens a period starting in the 30-minute gap at the jump plus the rest of the gap', () => {
    const calendar = declareCalendar({ timezone: zone, weekly: { sun: ['02:15-04:00'] } });
    // 02:15 is 15 min into the 02:00→02:30 gap: 15:30Z + 15 min = 15:45Z (02:45 local);
    // 04:00 at +11:00 = 17:00Z: 1h15.
    expect(calendar.nextOpening(utc('2026-10-03T00:00:00Z'))).toBe(utc('2026-10-03T15:45:00Z'));
    expect(
      calendar.businessMsBetween(utc('2026-10-03T00:00:00Z'), utc('2026-10-04T00:00:00Z')),
    ).toBe(75 * MINUTE);
  });
});

describe('America/Santiago, spring forward at midnight on Sun 2026-09-06 (Sat 24:00 -04 → Sun 01:00 -03 at 04:00Z)', () => {
  it('a period starting at a midnight that does not exist starts when the clocks jump, even when a period touches it', () => {
    // Found by the reference-model property (fast-check seed 631466411). Sunday 00:00-01:00
    // never happens. Each period resolves on its own: 00:00 → the jump at 04:00Z + 0;
    // 00:45 → 04:00Z + 45 min = 04:45Z (01:45 -03); 01:00 -03 = 04:00Z. So 00:00-00:45 is
    // open 04:00Z-04:45Z, and 00:45-01:00 (04:45Z → 04:00Z) adds nothing; it must not
    // close what the first period opened, as merging them into 00:00-01:00 first did.
    const split = declareCalendar({
      timezone: 'America/Santiago',
      weekly: { sun: ['00:00-00:45', '00:45-01:00'] },
    });
    const saturdayNoon = utc('2026-09-05T12:00:00Z');
    expect(split.nextOpening(saturdayNoon)).toBe(utc('2026-09-06T04:00:00Z'));
    expect(split.isOpen(utc('2026-09-06T03:59:59.999Z'))).toBe(false);
    expect(split.isOpen(utc('2026-09-06T04:00:00Z'))).toBe(true);
    expect(split.isOpen(utc('2026-09-06T04:44:59.999Z'))).toBe(true);
    expect(split.isOpen(utc('2026-09-06T04:45:00Z'))).toBe(false);
    expect(split.businessMsBetween(saturdayNoon, utc('2026-09-06T12:00:00Z'))).toBe(45 * MINUTE);
    expect(split.addBusinessMs(saturdayNoon, 30 * MINUTE)).toBe(utc('2026-09-06T04:30:00Z'));
    // 45 min lands on the stretch's end 04:45Z → next Sunday 00:00 -03 = 2026-09-13T03:00Z.
    expect(split.addBusinessMs(saturdayNoon, 45 * MINUTE)).toBe(utc('2026-09-13T03:00:00Z'));

    // The same as the first period alone; the whole skipped hour as one period never opens.
    const alone = declareCalendar({
      timezone: 'America/Santiago',
      weekly: { sun: ['00:00-00:45'] },
    });
    expect(alone.businessMsBetween(saturdayNoon, utc('2026-09-06T12:00:00Z'))).toBe(45 * MINUTE);
    const whole = declareCalendar({
      timezone: 'America/Santiago',
      weekly: { sun: ['00:00-01:00'] },
    });
    expect(whole.nextOpening(saturdayNoon)).toBe(utc('2026-09-13T03:00:00Z'));
  });
});

describe('America/Nuuk, spring forward into midnight on 2026-03-29 (Sat 23:00 -02 → Sun 00:00 -01 at 01:00Z)', () => {
  it('a period ending in a gap that ends at midnight runs into the next local day', () => {
    // Saturday 23:00-24:00 never happens. 22:00 -02 = Sun 00:00Z; 23:30 → the jump at 01:00Z
    // + 30 min = 01:30Z, which is Sunday 00:30 -01: the period spills into local Sunday.
    const calendar = declareCalendar({
      timezone: 'America/Nuuk',
      weekly: { sat: ['22:00-23:30'] },
    });
    expect(calendar.isOpen(utc('2026-03-29T00:59:59.999Z'))).toBe(true);
    expect(calendar.isOpen(utc('2026-03-29T01:00:00Z'))).toBe(true);
    expect(calendar.isOpen(utc('2026-03-29T01:29:59.999Z'))).toBe(true);
    expect(calendar.isOpen(utc('2026-03-29T01:30:00Z'))).toBe(false);
    expect(
      calendar.businessMsBetween(utc('2026-03-28T12:00:00Z'), utc('2026-03-29T12:00:00Z')),
    ).toBe(90 * MINUTE);
    // From 00:00Z, 75 min → 01:15Z (Sunday 00:15 -01), inside the spilled part.
    expect(calendar.addBusinessMs(utc('2026-03-29T00:00:00Z'), 75 * MINUTE)).toBe(
      utc('2026-03-29T01:15:00Z'),
    );
    // Started in the spilled part, 20 min → 01:30Z, the end → next Sat 22:00 -01 = 23:00Z.
    expect(calendar.addBusinessMs(utc('2026-03-29T01:10:00Z'), 20 * MINUTE)).toBe(
      utc('2026-04-04T23:00:00Z'),
    );
  });
});
