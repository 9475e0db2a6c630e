import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/index.js';

describe('target durations (docs/policies.md: "15m", "4h", "90m" or ISO 8601 "PT4H")', () => {
  it.each([
    ['15m', 900_000],
    ['4h', 14_400_000],
    ['90m', 5_400_000],
    ['1h30m', 5_400_000],
    ['45s', 45_000],
    ['PT4H', 14_400_000],
    ['PT1H30M', 5_400_000],
    ['pt90s', 90_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms });
  });

  it.each(['', '0m', '15', 'PT', '4 hours', '1.5h', 'PT0.5S', '-5m'])('refuses %j', (text) => {
    expect(parseDuration(text).ok).toBe(false);
  });

  it('refuses days, which are ambiguous in business time', () => {
    const r = parseDuration('P1D');
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.message).toContain('days are ambiguous');
    expect(parseDuration('2d').ok).toBe(false);
  });
});
