/** "Another ticket ... in the 7 days before" (docs/metrics.md, repeat contact rate). */
export const REPEAT_WITHIN = 7 * 86_400_000;

/**
 * Which tickets of one requester's list (ticket id to creation instant) are repeat
 * contacts: another ticket of the list was created in the 7 days before (strictly before).
 */
export function repeatContacts(list: ReadonlyMap<string, number>, into: Map<string, boolean>) {
  const sorted = [...list].sort((a, b) => a[1] - b[1]);
  let earlier: number | null = null; // latest creation strictly before the current one
  for (let i = 0; i < sorted.length; i++) {
    const [id, at] = sorted[i]!;
    if (i > 0 && sorted[i - 1]![1] < at) earlier = sorted[i - 1]![1];
    into.set(id, earlier !== null && earlier >= at - REPEAT_WITHIN);
  }
}
