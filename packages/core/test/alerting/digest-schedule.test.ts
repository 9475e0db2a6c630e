import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  digestPeriods,
  lastDigestSlot,
  nextDigestSlot,
  parseDigestAt,
  type DigestSchedule,
} from '../../src/index.js';

const at = (every: 'day' | 'week', text: string): DigestSchedule => {
  const parsed = parseDigestAt(every, text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.schedule;
};
const utc = (text: string) => Date.parse(text);
const iso = (ms: number) => new Date(ms).toISOString();

describe('when a scheduled digest is due', () => {
  it('is the last Monday 08:00 in the calendar’s zone, and the next one a week on', () => {
    const monday = at('week', 'mon 08:00');
    // Thursday 3 December 2026, 12:00 UTC; Berlin is UTC+1 in winter.
    const now = utc('2026-12-03T12:00:00Z');
    expect(iso(lastDigestSlot(monday, 'Europe/Berlin', now))).toBe('2026-11-30T07:00:00.000Z');
    expect(iso(nextDigestSlot(monday, 'Europe/Berlin', now))).toBe('2026-12-07T07:00:00.000Z');
    // At the instant itself the slot is due; a millisecond before, it is the next one.
    const slot = utc('2026-12-07T07:00:00Z');
    expect(lastDigestSlot(monday, 'Europe/Berlin', slot)).toBe(slot);
    expect(nextDigestSlot(monday, 'Europe/Berlin', slot - 1)).toBe(slot);
  });

  it('keeps the local time across a DST change: 08:00 Berlin is 06:00 UTC in summer', () => {
    const daily = at('day', '08:00');
    // Europe/Berlin springs forward on Sunday 29 March 2026.
    expect(iso(lastDigestSlot(daily, 'Europe/Berlin', utc('2026-03-28T12:00:00Z')))).toBe(
      '2026-03-28T07:00:00.000Z',
    );
    expect(iso(nextDigestSlot(daily, 'Europe/Berlin', utc('2026-03-28T12:00:00Z')))).toBe(
      '2026-03-29T06:00:00.000Z',
    );
    // A local time the spring-forward gap skips: the jump plus the rest of the gap (03:30).
    const inGap = at('day', '02:30');
    expect(iso(nextDigestSlot(inGap, 'Europe/Berlin', utc('2026-03-28T12:00:00Z')))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // One that happens twice (fall back, 25 October): its first occurrence.
    expect(iso(nextDigestSlot(inGap, 'Europe/Berlin', utc('2026-10-24T12:00:00Z')))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('always has the last slot at or before now and the next one after it', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom('day' as const, 'week' as const),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: utc('2020-01-01T00:00:00Z'), max: utc('2035-01-01T00:00:00Z') }),
        (zone, every, weekday, minute, now) => {
          const schedule: DigestSchedule = {
            every,
            weekday: every === 'week' ? weekday : null,
            minute,
          };
          const last = lastDigestSlot(schedule, zone, now);
          const next = nextDigestSlot(schedule, zone, now);
          expect(last).toBeLessThanOrEqual(now);
          expect(next).toBeGreaterThan(now);
          // Nothing scheduled between them: the next slot after the last is the next one.
          expect(nextDigestSlot(schedule, zone, last)).toBe(next);
          const period = every === 'week' ? 7 * 86_400_000 : 86_400_000;
          expect(Math.abs(next - last - period)).toBeLessThanOrEqual(3_600_000);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reports the full period before the slot, on whole UTC hours, and the one before it', () => {
    const weekly = digestPeriods('week', utc('2026-12-07T07:00:00Z'));
    expect([iso(weekly.from), iso(weekly.to)]).toEqual([
      '2026-11-30T07:00:00.000Z',
      '2026-12-07T07:00:00.000Z',
    ]);
    expect(iso(weekly.previous.from)).toBe('2026-11-23T07:00:00.000Z');
    // 08:00 in Kolkata (UTC+5:30) is 02:30 UTC: the period ends on the hour before it.
    const daily = digestPeriods('day', utc('2026-12-07T02:30:00Z'));
    expect([iso(daily.from), iso(daily.to)]).toEqual([
      '2026-12-06T02:00:00.000Z',
      '2026-12-07T02:00:00.000Z',
    ]);
  });

  it('reads "<day> HH:MM" for a week and "HH:MM" for a day, and says what it expects', () => {
    expect(at('week', 'sun 23:59')).toEqual({ every: 'week', weekday: 6, minute: 1439 });
    expect(at('day', '00:00')).toEqual({ every: 'day', weekday: null, minute: 0 });
    expect(parseDigestAt('week', '08:00')).toMatchObject({ ok: false });
    expect(parseDigestAt('day', 'mon 08:00')).toMatchObject({ ok: false });
    expect(parseDigestAt('week', 'mon 24:00')).toMatchObject({ ok: false });
    expect(parseDigestAt('week', 'monday 08:00')).toMatchObject({ ok: false });
  });
});
