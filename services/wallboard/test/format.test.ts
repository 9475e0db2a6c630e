import { describe, expect, it } from 'vitest';
import { formatAgo } from '../src/format/format-ago';
import { formatClockTime, formatOpening } from '../src/format/format-clock-time';
import { formatCountdown } from '../src/format/format-countdown';
import { formatDuration } from '../src/format/format-duration';
import { formatCount, formatNps, formatScore } from '../src/format/format-number';
import { formatPercent } from '../src/format/format-percent';

describe('formatDuration', () => {
  it('shows the two largest units, padded', () => {
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(252)).toBe('4m 12s');
    expect(formatDuration(245)).toBe('4m 05s');
    expect(formatDuration(2 * 3600 + 5 * 60 + 20)).toBe('2h 05m');
    expect(formatDuration(3 * 86_400 + 4 * 3600 + 100)).toBe('3d 04h');
  });

  it('says there is no figure rather than showing zero', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(0.3)).toBe('<1s');
    expect(formatDuration(0)).toBe('0s');
  });

  it('carries rounding into the next unit', () => {
    expect(formatDuration(3599.6)).toBe('1h 00m');
    expect(formatDuration(86_399)).toBe('1d 00h');
  });
});

describe('formatCountdown', () => {
  it('reads m:ss, then h:mm:ss, then days', () => {
    expect(formatCountdown(754_000)).toBe('12:34');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown((2 * 86_400 + 3 * 3600 + 4 * 60 + 5) * 1000)).toBe('2d 03:04:05');
  });

  it('rounds up, so 0:00 means the time is really up', () => {
    expect(formatCountdown(500)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5000)).toBe('0:00');
  });
});

describe('formatPercent', () => {
  it('keeps one decimal below 100 %', () => {
    expect(formatPercent(0.9234)).toBe('92.3 %');
    expect(formatPercent(1)).toBe('100 %');
    expect(formatPercent(0)).toBe('0.0 %');
    expect(formatPercent(null)).toBe('—');
  });

  it('never rounds a miss up to 100 %', () => {
    expect(formatPercent(0.9996)).toBe('99.9 %');
  });
});

describe('numbers', () => {
  it('groups counts, signs NPS, gives the quality score one decimal', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(null)).toBe('—');
    expect(formatNps(42.4)).toBe('+42');
    expect(formatNps(-5)).toBe('-5');
    expect(formatNps(-0.2)).toBe('0');
    expect(formatScore(87.25)).toBe('87.3');
    expect(formatScore(100)).toBe('100');
  });
});

describe('formatAgo', () => {
  it('gets coarser as the breach gets older', () => {
    expect(formatAgo(42_000)).toBe('42 s ago');
    expect(formatAgo(3 * 60_000 + 59_000)).toBe('3 min ago');
    expect(formatAgo(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 05 min ago');
    expect(formatAgo(3 * 86_400_000)).toBe('3 d ago');
    expect(formatAgo(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h ago');
  });
});

describe('wall-clock formats', () => {
  const timeZone = 'Europe/Berlin';
  // Monday 23 November 2026, 09:02:13 in Berlin (UTC+1).
  const monday = Date.parse('2026-11-23T08:02:13Z');

  it('shows the time of day in the given zone', () => {
    expect(formatClockTime(monday, { timeZone })).toBe('09:02:13');
  });

  it('names the weekday of an opening, and the date once it is a week away', () => {
    const tuesday8 = Date.parse('2026-11-24T07:00:00Z');
    expect(formatOpening(tuesday8, monday, { timeZone })).toBe('Tue 08:00');
    const nextMonday8 = Date.parse('2026-11-30T07:00:00Z');
    expect(formatOpening(nextMonday8, monday, { timeZone })).toBe('Mon 30 Nov 08:00');
  });
});
