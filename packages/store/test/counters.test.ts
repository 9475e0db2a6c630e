import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Counters, NamedCounters } from '../src/metrics/counters.js';
import { counterNamed, FieldNames } from '../src/metrics/field-names.js';

/** The sums a list of (field, change) adds up to, without the ones that cancelled out. */
function sums(changes: readonly (readonly [string, number])[]): Record<string, number> {
  const out = new Map<string, number>();
  for (const [name, n] of changes) out.set(name, (out.get(name) ?? 0) + n);
  return Object.fromEntries([...out].filter(([, n]) => n !== 0));
}

describe("a hash's increments in a batch", () => {
  const names = new FieldNames();
  const value = names.values(['emea'], -1)[0]!;
  const field = (i: number) => names.field(value, counterNamed(`c${i}.n`));

  it('sums each field, drops what cancelled out, and writes JSON members in first-seen order', () => {
    const counters = new Counters();
    counters.add(field(1), 2);
    counters.add(field(2), 1);
    counters.add(field(1), 3);
    counters.add(field(2), -1);
    counters.add(field(3), -4);
    expect(counters.size).toBe(3);
    expect(counters.members()).toBe('"emea|c1.n":5,"emea|c3.n":-4');
  });

  it('finds its fields alike below and past the scanned few (a map takes over)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: -3, max: 3 })), {
          maxLength: 400,
        }),
        (adds) => {
          const counters = new Counters();
          for (const [i, n] of adds) counters.add(field(i), n);
          const expected = sums(adds.map(([i, n]) => [field(i).name, n]));
          expect(JSON.parse(`{${counters.members()}}`)).toEqual(expected);
          expect(counters.size).toBe(new Set(adds.map(([i]) => i)).size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('by name, for the series and the ticket sets, quoting each name as JSON', () => {
    const counters = new NamedCounters();
    counters.add('c"x"|team=a', 1);
    counters.add('g1|team=a', 1);
    counters.add('c"x"|team=a', 2);
    counters.add('g1|team=a', -1);
    expect(JSON.parse(`{${counters.members()}}`)).toEqual({ 'c"x"|team=a': 3 });
  });
});
