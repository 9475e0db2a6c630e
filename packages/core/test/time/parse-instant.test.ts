import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant } from '../../src/time/instant.js';

/** What parseInstant did before it read the common form by hand: the RFC 3339 pattern. */
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;
const viaPattern = (text: string): number | null => {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, , , oh, om] = m;
  const leapYear = (yr: number) => yr % 4 === 0 && (yr % 100 !== 0 || yr % 400 === 0);
  const days = [31, leapYear(Number(y)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > days[Number(mo) - 1]!)
    return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null;
  if (oh !== undefined && (Number(oh) > 23 || Number(om) > 59)) return null;
  const leap = Number(s) === 60;
  const ms = Date.parse(leap ? text.replace(/:60(?=[.Zz+-])/, ':59') : text);
  if (Number.isNaN(ms)) return null;
  return leap ? ms + 1000 : ms;
};

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

  it('reads every text as the RFC 3339 pattern does', () => {
    const instants = fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 });
    fc.assert(
      fc.property(instants, (t) => {
        const text = formatInstant(t);
        return parseInstant(text) === t && viaPattern(text) === t;
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
      fc.property(mutated, (text) => parseInstant(text) === viaPattern(text)),
      { numRuns: 50_000 },
    );
  });
});
