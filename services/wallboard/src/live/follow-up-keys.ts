import type { FollowUp } from '@slawatch/wire';

/**
 * A key for each low score of a list, stable across its updates. The gateway names a
 * survey by ticket, kind, score and time; two surveys alike in all four (a helpdesk that
 * sent one twice under two ids) are told apart by their order.
 */
export function followUpKeys(list: readonly FollowUp[]): string[] {
  const counts = new Map<string, number>();
  return list.map((f) => {
    const key = `${f.ticketId}|${f.kind}|${f.score}|${f.at}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  });
}
