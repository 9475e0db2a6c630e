import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergedMember, mergedPages, type SetPage } from '../src/live/merged-pages.js';

/** A sorted set held in memory, read like ZRANGE ... WITHSCORES (the merge's only need). */
const setOf = (scores: readonly number[], descending: boolean): SetPage => {
  const sorted = scores
    .map((score, i) => [`m${i}`, score] as const)
    .sort((a, b) => (descending ? b[1] - a[1] : a[1] - b[1]));
  return (start, count) =>
    Promise.resolve(sorted.slice(start, start + count).flatMap(([m, s]) => [m, String(s)]));
};

describe('sorted sets read as one, in score order', () => {
  it('gives every member once, in order, whatever the page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 30 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        async (sets, size, descending) => {
          const page = mergedPages(
            sets.map((s) => setOf(s, descending)),
            descending,
          );
          const got: [number, string, number][] = [];
          for (let offset = 0; ; offset += size) {
            const flat = await page(offset, size);
            for (let i = 0; i < flat.length; i += 2) {
              const [source, member] = mergedMember(flat[i]!);
              got.push([source, member, Number(flat[i + 1])]);
            }
            // A short page means the end, as the lists read it.
            if (flat.length / 2 < size) break;
          }
          const total = sets.reduce((a, s) => a + s.length, 0);
          expect(got).toHaveLength(total);
          expect(new Set(got.map(([s, m]) => `${s}/${m}`)).size).toBe(total);
          const scores = got.map(([, , score]) => score);
          const ordered = [...scores].sort((a, b) => (descending ? b - a : a - b));
          expect(scores).toEqual(ordered);
        },
      ),
    );
  });
});
