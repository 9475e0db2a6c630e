import { eventKey, type AcceptedEvent } from '../contract/ticket-event.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { Instant } from '../time/instant.js';
import { applyEvent } from './apply-event.js';
import { emptyTicket, type TicketState } from './ticket-state.js';

/** Event-time order; events with the same time keep their production order. */
export const byEventOrder = (a: AcceptedEvent, b: AcceptedEvent): number =>
  a.time - b.time || a.seq - b.seq;

/**
 * Drops repeats of an event (same `source` and `id`), keeping the first delivered
 * (lowest `seq`), and sorts the rest into event-time order.
 */
export function orderEvents(events: readonly AcceptedEvent[]): AcceptedEvent[] {
  const seen = new Set<string>();
  const unique: AcceptedEvent[] = [];
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const key = eventKey(e.event);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(e);
  }
  return unique.sort(byEventOrder);
}

/**
 * The ticket's state from all its events, whatever order and repetitions they arrived in:
 * the same result as folding them sorted by time (docs/events.md, "Order and repeats"). Events after
 * `until` (when given) are left out, so the state is the one as of that instant.
 */
export function foldTicket(
  ticketId: string,
  events: readonly AcceptedEvent[],
  policies: PolicySet,
  until: Instant = Infinity,
): TicketState {
  const state = emptyTicket(ticketId);
  for (const e of orderEvents(events)) {
    if (e.time > until) break;
    applyEvent(state, e, policies);
  }
  return state;
}

/** Whether `e` can be folded onto `state` directly (it comes after everything folded). */
export const isInOrder = (state: TicketState, e: AcceptedEvent): boolean =>
  e.time > state.lastTime || (e.time === state.lastTime && e.seq > state.lastSeq);
