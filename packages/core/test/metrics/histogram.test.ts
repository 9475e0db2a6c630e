import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binOf, binValue, quantile } from '../../src/index.js';

const exact = (values: readonly number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
};

describe('duration histogram (percentiles within 2 %)', () => {
  it('reads any duration back within 2 % of its value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 * 86_400_000 }), (ms) => {
        expect(Math.abs(binValue(binOf(ms)) - ms / 1000)).toBeLessThanOrEqual(0.02 * (ms / 1000));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives nearest-rank p50, p90 and p99 within 2 % of the exact value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 * 86_400_000 }), { minLength: 1, maxLength: 300 }),
        (values) => {
          const bins = new Map<string, number>();
          for (const v of values) bins.set(binOf(v), (bins.get(binOf(v)) ?? 0) + 1);
          for (const q of [0.5, 0.9, 0.99]) {
            const e = exact(values, q) / 1000;
            expect(Math.abs(quantile(bins, q)! - e)).toBeLessThanOrEqual(0.02 * e);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps zero-length durations in a bin of their own, and an empty histogram has no percentile', () => {
    expect(binValue(binOf(0))).toBe(0);
    expect(quantile(new Map(), 0.5)).toBeNull();
  });
});
