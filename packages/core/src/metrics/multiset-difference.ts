/**
 * The multiset difference `a - b` (each element of `b` cancels one equal element of `a`,
 * equal meaning the same `key`), in `a`'s order: how a ticket's new metric contribution
 * differs from the one applied before, fact by fact and gauge by gauge.
 */
export function multisetDifference<T>(
  a: readonly T[],
  b: readonly T[],
  key: (x: T) => string,
): T[] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
  return a.filter((x) => {
    const k = key(x);
    const left = counts.get(k) ?? 0;
    if (left === 0) return true;
    counts.set(k, left - 1);
    return false;
  });
}
