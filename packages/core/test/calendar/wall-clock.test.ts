import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { WallClock } from '../../src/calendar/wall-clock.js';
import { utc } from './declare-calendar.js';

/** Local milliseconds of a wall-clock reading (the reading written as if it were UTC). */
const local = (reading: string): number => Date.parse(`${reading}Z`);

describe('what luxon itself does with DST edge cases (why WallClock does not rely on it)', () => {
  const fromObject = (zone: string, reading: string): number =>
    DateTime.fromISO(reading, { zone }).toMillis();

  it('moves a spring-forward gap time forward by the gap, as the contract wants', () => {
    // 02:30 in Berlin's 02:00→03:00 gap → 03:30 CEST = 01:30Z.
    expect(fromObject('Europe/Berlin', '2026-03-29T02:30')).toBe(utc('2026-03-29T01:30:00Z'));
    // 02:15 in Lord Howe's 02:00→02:30 gap → 02:45 (+11:00) = 15:45Z.
    expect(fromObject('Australia/Lord_Howe', '2026-10-04T02:15')).toBe(utc('2026-10-03T15:45:00Z'));
    const viaObject = DateTime.fromObject(
      { year: 2026, month: 3, day: 8, hour: 2, minute: 30 },
      { zone: 'America/New_York' },
    );
    expect(viaObject.toMillis()).toBe(utc('2026-03-08T07:30:00Z'));
  });

  it('picks the second occurrence of an ambiguous Berlin time, against the contract', () => {
    // 02:30 on 2026-10-25 is 00:30Z (CEST) then 01:30Z (CET); luxon answers the second.
    expect(fromObject('Europe/Berlin', '2026-10-25T02:30')).toBe(utc('2026-10-25T01:30:00Z'));
    // New York likewise: 01:30 on 2026-11-01 is 05:30Z (EDT) then 06:30Z (EST).
    expect(fromObject('America/New_York', '2026-11-01T01:30')).toBe(utc('2026-11-01T06:30:00Z'));
  });

  it('but picks the first occurrence in Lord Howe, so its choice is not even consistent', () => {
    // 01:45 on 2026-04-05 is 14:45Z (+11:00) then 15:15Z (+10:30).
    expect(fromObject('Australia/Lord_Howe', '2026-04-05T01:45')).toBe(utc('2026-04-04T14:45:00Z'));
  });
});

describe('WallClock', () => {
  it('resolves an ordinary local time with the offset in force', () => {
    expect(new WallClock('Europe/Berlin').instantOf(local('2026-06-01T09:00'))).toBe(
      utc('2026-06-01T07:00:00Z'),
    );
  });

  it('resolves gap times to the jump plus the rest of the gap', () => {
    const berlin = new WallClock('Europe/Berlin');
    expect(berlin.instantOf(local('2026-03-29T02:00'))).toBe(utc('2026-03-29T01:00:00Z'));
    expect(berlin.instantOf(local('2026-03-29T02:30'))).toBe(utc('2026-03-29T01:30:00Z'));
    expect(berlin.instantOf(local('2026-03-29T03:00'))).toBe(utc('2026-03-29T01:00:00Z'));
    const lordHowe = new WallClock('Australia/Lord_Howe');
    expect(lordHowe.instantOf(local('2026-10-04T02:15'))).toBe(utc('2026-10-03T15:45:00Z'));
  });

  it('resolves ambiguous times to their first occurrence in every zone', () => {
    expect(new WallClock('Europe/Berlin').instantOf(local('2026-10-25T02:30'))).toBe(
      utc('2026-10-25T00:30:00Z'),
    );
    expect(new WallClock('America/New_York').instantOf(local('2026-11-01T01:30'))).toBe(
      utc('2026-11-01T05:30:00Z'),
    );
    expect(new WallClock('Australia/Lord_Howe').instantOf(local('2026-04-05T01:45'))).toBe(
      utc('2026-04-04T14:45:00Z'),
    );
  });

  it('resolves a whole day at once the same way as time by time', () => {
    const berlin = new WallClock('Europe/Berlin');
    const minutes = [0, 90, 120, 150, 180, 1440];
    for (const day of ['2026-03-29', '2026-10-25', '2026-06-01']) {
      const dayNumber = Date.parse(`${day}T00:00Z`) / 86_400_000;
      expect(berlin.instantsOfDay(dayNumber, minutes)).toEqual(
        minutes.map((minute) => berlin.instantOf(dayNumber * 86_400_000 + minute * 60_000)),
      );
    }
  });

  it('knows the offset of the days around a day only when none of them sees a change', () => {
    const berlin = new WallClock('Europe/Berlin');
    const dayNumber = (day: string): number => Date.parse(`${day}T00:00Z`) / 86_400_000;
    expect(berlin.steadyOffsetNear(dayNumber('2026-06-01'))).toBe(2 * 3_600_000);
    // The change on Sun 29 March is in reach from Fri 27 to Mon 30 (days either side).
    expect(berlin.steadyOffsetNear(dayNumber('2026-03-26'))).toBe(3_600_000);
    expect(berlin.steadyOffsetNear(dayNumber('2026-03-28'))).toBeNull();
    expect(berlin.steadyOffsetNear(dayNumber('2026-03-30'))).toBeNull();
  });

  it('refuses an unknown zone', () => {
    expect(() => new WallClock('Europe/Berln')).toThrow('unknown time zone "Europe/Berln"');
  });
});
