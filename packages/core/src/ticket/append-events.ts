import type { AcceptedEvent } from '../contract/ticket-event.js';
import type { PolicySet } from '../policy/policy-set.js';
import { applyEvent } from './apply-event.js';
import { byEventOrder, foldTicket, isInOrder } from './fold-ticket.js';
import type { TicketState } from './ticket-state.js';

const sameEvent = (a: AcceptedEvent, b: AcceptedEvent): boolean =>
  a.event.id === b.event.id && a.event.source === b.event.source;

export interface AppendResult {
  /** The ticket's events in event-time order, without repeats. */
  readonly history: AcceptedEvent[];
  readonly state: TicketState;
  /** Incoming events that were repeats of ones already folded (or of each other). */
  readonly duplicates: number;
  /** Whether a late event made the whole history be folded again. */
  readonly refolded: boolean;
}

/**
 * Adds newly delivered events to a ticket: repeats are dropped, events that come after
 * everything folded so far are applied to `state` directly (the common case), and a late
 * event makes the whole history fold again, so the result always equals `foldTicket` over
 * every event. `state` is mutated when it can be reused; pass a copy to keep the original.
 */
export function appendEvents(
  ticketId: string,
  history: readonly AcceptedEvent[],
  state: TicketState | null,
  incoming: readonly AcceptedEvent[],
  policies: PolicySet,
): AppendResult {
  const fresh: AcceptedEvent[] = [];
  // A ticket has tens of events: a scan beats building a set on every delivery.
  for (const e of incoming.length > 1 ? [...incoming].sort((a, b) => a.seq - b.seq) : incoming) {
    if (!history.some((h) => sameEvent(h, e)) && !fresh.some((f) => sameEvent(f, e))) fresh.push(e);
  }
  const duplicates = incoming.length - fresh.length;
  fresh.sort(byEventOrder);
  const first = fresh[0];
  if (state !== null && (first === undefined || isInOrder(state, first))) {
    for (const e of fresh) applyEvent(state, e, policies);
    return { history: history.concat(fresh), state, duplicates, refolded: false };
  }
  const merged = history.concat(fresh).sort(byEventOrder);
  return {
    history: merged,
    state: foldTicket(ticketId, merged, policies),
    duplicates,
    refolded: state !== null && fresh.length > 0,
  };
}
