import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../src/time/instant.js';

/** What formatInstant wrote before it formatted field by field: toISOString, trimmed. */
const viaDate = (instant: number): string => {
  const iso = new Date(instant).toISOString();
  return instant % 1000 === 0 ? `${iso.slice(0, 19)}Z` : iso;
};

describe('formatInstant', () => {
  it('writes whole seconds without a fraction and others with milliseconds', () => {
    expect(formatInstant(Date.UTC(2026, 10, 23, 9, 0, 0))).toBe('2026-11-23T09:00:00Z');
    expect(formatInstant(Date.UTC(2026, 10, 23, 9, 0, 0, 5))).toBe('2026-11-23T09:00:00.005Z');
    expect(formatInstant(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('2024-02-29T23:59:59.999Z');
  });

  it('writes every instant as toISOString does, inside and outside four-digit years', () => {
    const edges = [0, 1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000, 253_402_300_799_999];
    const outside = [-1, -86_400_001, 253_402_300_800_000, 8.64e15, 1.5, 1000.5];
    for (const t of [...edges, ...outside]) expect(formatInstant(t)).toBe(viaDate(t));
    fc.assert(
      fc.property(fc.integer({ min: -1e14, max: 2.6e14 }), (t) => formatInstant(t) === viaDate(t)),
      { numRuns: 50_000 },
    );
  });
});
