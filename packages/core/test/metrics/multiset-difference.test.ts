import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multisetChanges, multisetDifference } from '../../src/index.js';

/** `a - b` the slow way: each element of `b` takes the first equal one still in `a` away. */
function naive(a: readonly string[], b: readonly string[]): string[] {
  const left = [...a];
  for (const x of b) {
    const i = left.indexOf(x);
    if (i >= 0) left.splice(i, 1);
  }
  return left;
}

describe('multiset differences of metric facts and gauges', () => {
  const id = (x: string) => x;
  const lists = fc.array(fc.constantFrom('f', 'g', 'h', 'x', 'y'), { maxLength: 12 });

  it('takes one equal element away for each one in the other list, in the first list order', () => {
    expect(multisetDifference(['f', 'f', 'g', 'h'], ['f', 'h', 'x'], id)).toEqual(['f', 'g']);
    expect(multisetChanges(['f', 'f', 'g', 'h'], ['f', 'h', 'x'], id)).toEqual({
      onlyInA: ['f', 'g'],
      onlyInB: ['x'],
    });
  });

  it('agrees with the element-by-element difference both ways, for any two lists', () => {
    fc.assert(
      fc.property(lists, lists, (a, b) => {
        expect(multisetDifference(a, b, id)).toEqual(naive(a, b));
        expect(multisetChanges(a, b, id)).toEqual({ onlyInA: naive(a, b), onlyInB: naive(b, a) });
      }),
      { numRuns: 2_000 },
    );
  });

  it('works its keys out once per element', () => {
    let calls = 0;
    const counted = (x: string) => {
      calls += 1;
      return x;
    };
    multisetChanges(['f', 'g', 'h'], ['g', 'x'], counted);
    expect(calls).toBe(5);
  });
});
