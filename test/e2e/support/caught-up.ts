import type { TicketStore } from '@slawatch/store';

/**
 * Waits until every ticket's stored history holds all its distinct events (by id): the
 * events were folded, however often they were delivered. Polls every 200 ms.
 */
export async function waitCaughtUp(
  store: Pick<TicketStore, 'load'>,
  events: readonly object[],
  ms: number,
): Promise<void> {
  const want = new Map<string, Set<string>>();
  for (const e of events as readonly { subject: string; id: string }[])
    want.set(e.subject, (want.get(e.subject) ?? new Set()).add(e.id));
  const until = Date.now() + ms;
  for (;;) {
    const records = await store.load([...want.keys()]);
    const behind = [...want].filter(
      ([id, ids]) => records.get(id)!.history.length < ids.size,
    ).length;
    if (behind === 0) return;
    if (Date.now() > until)
      throw new Error(`${behind} of ${want.size} tickets not caught up after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
