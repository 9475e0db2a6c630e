import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_TREND_SLICES, trendStepMinutes } from '../../src/index.js';

describe('trend slices (wallboard sparklines)', () => {
  it('cuts the default windows into readable slices', () => {
    expect([15, 60, 24 * 60, 7 * 24 * 60].map(trendStepMinutes)).toEqual([1, 5, 60, 720]);
  });

  it('never gives more than MAX_TREND_SLICES slices, and hour-or-longer steps are whole hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 * 24 * 60 }), (minutes) => {
        const step = trendStepMinutes(minutes);
        expect(Math.ceil(minutes / step)).toBeLessThanOrEqual(MAX_TREND_SLICES);
        if (step >= 60) expect(step % 60).toBe(0);
        else expect(60 % step).toBe(0);
      }),
    );
  });
});
