import { describe, expect, it } from 'vitest';
import { multisetDifference, REPEAT_WITHIN, repeatContacts } from '../../src/index.js';

const DAY = 86_400_000;

describe('repeat contacts of one requester', () => {
  it('counts a ticket created within 7 days after another as a repeat', () => {
    const into = new Map<string, boolean>();
    repeatContacts(
      new Map([
        ['b', 3 * DAY],
        ['a', 0],
        ['c', 3 * DAY + REPEAT_WITHIN + 1],
      ]),
      into,
    );
    expect(Object.fromEntries(into)).toEqual({ a: false, b: true, c: false });
  });

  it('does not count tickets created at the same instant as repeats of each other', () => {
    const into = new Map<string, boolean>();
    repeatContacts(
      new Map([
        ['a', DAY],
        ['b', DAY],
      ]),
      into,
    );
    expect(Object.fromEntries(into)).toEqual({ a: false, b: false });
  });

  it('counts a ticket exactly 7 days after the earlier one as a repeat', () => {
    const into = new Map<string, boolean>();
    repeatContacts(
      new Map([
        ['a', 0],
        ['b', REPEAT_WITHIN],
      ]),
      into,
    );
    expect(into.get('b')).toBe(true);
  });
});

describe('the multiset difference of contributions', () => {
  it('cancels one equal element of the first list per element of the second', () => {
    const id = (x: string) => x;
    expect(multisetDifference(['f', 'f', 'g', 'h'], ['f', 'h', 'x'], id)).toEqual(['f', 'g']);
  });
});
