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
  return keep(a, a.map(key), tally(b.map(key)));
}

/**
 * `a - b` and `b - a` (see multisetDifference), each element's key worked out once: a
 * ticket's old and new facts are compared this way on every batch (issue 18).
 */
export function multisetChanges<T>(
  a: readonly T[],
  b: readonly T[],
  key: (x: T) => string,
): { readonly onlyInA: T[]; readonly onlyInB: T[] } {
  const aKeys = a.map(key);
  const bKeys = b.map(key);
  return { onlyInA: keep(a, aKeys, tally(bKeys)), onlyInB: keep(b, bKeys, tally(aKeys)) };
}

function tally(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** The elements of `list` (keys `keys`) left once each count in `cancel` took one away. */
function keep<T>(list: readonly T[], keys: readonly string[], cancel: Map<string, number>): T[] {
  const out: T[] = [];
  for (let i = 0; i < list.length; i++) {
    const left = cancel.get(keys[i]!) ?? 0;
    if (left === 0) out.push(list[i]!);
    else cancel.set(keys[i]!, left - 1);
  }
  return out;
}
