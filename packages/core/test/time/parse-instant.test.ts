import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant, parseRfc3339 } from '../../src/time/instant.js';

describe('parseInstant', () => {
  it('reads RFC 3339 timestamps, with a fraction, an offset or a leap second', () => {
    expect(parseInstant('2026-11-23T09:00:00Z')).toBe(Date.UTC(2026, 10, 23, 9));
    expect(parseInstant('2026-11-23T09:00:00.250Z')).toBe(Date.UTC(2026, 10, 23, 9, 0, 0, 250));
    expect(parseInstant('2026-11-23T10:00:00+01:00')).toBe(Date.UTC(2026, 10, 23, 9));
    expect(parseInstant('2026-11-23t09:00:00z')).toBe(Date.UTC(2026, 10, 23, 9));
    expect(parseInstant('2016-12-31T23:59:60Z')).toBe(Date.UTC(2017, 0, 1));
    expect(parseInstant('0050-01-01T00:00:00Z')).toBe(Date.parse('0050-01-01T00:00:00Z'));
  });

  it('refuses impossible dates and times and anything else', () => {
    for (const text of [
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-31T00:00:00Z',
      '2026-11-23T24:00:00Z',
      '2026-11-23T09:60:00Z',
      '2026-11-23T09:00:61Z',
      '2026-11-23 09:00:00Z',
      '2026-11-23T09:00:00',
      '2026-11-23T09:0a:00Z',
      '2026-11-23T09:00:00.2x0Z',
      '',
    ])
      expect(parseInstant(text), text).toBeNull();
  });

  it('reads every text as its general parse (the RFC 3339 pattern) does', () => {
    const instants = fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 });
    fc.assert(
      fc.property(instants, (t) => {
        const text = formatInstant(t);
        return parseInstant(text) === t && parseRfc3339(text) === t;
      }),
      { numRuns: 20_000 },
    );
    // Texts of the common form's length with any character anywhere.
    const chars = fc.constantFrom(...'0123456789-:.TtZz+ 9'.split(''));
    const mutated = fc.tuple(instants, fc.nat(23), chars).map(([t, i, c]) => {
      const text = formatInstant(t - (t % 1000) + 123);
      return text.slice(0, i) + c + text.slice(i + 1);
    });
    fc.assert(
      fc.property(mutated, (text) => parseInstant(text) === parseRfc3339(text)),
      { numRuns: 50_000 },
    );
  });
});
