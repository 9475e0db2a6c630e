import type { AcceptedEvent } from '../contract/ticket-event.js';
import type { PolicySet } from '../policy/policy-set.js';
import { applyEvent } from './apply-event.js';
import { byEventOrder, foldTicket, isInOrder } from './fold-ticket.js';
import type { TicketState } from './ticket-state.js';

const sameEvent = (a: AcceptedEvent, b: AcceptedEvent): boolean =>
  a.event.id === b.event.id && a.event.source === b.event.source;

/**
 * Whether `list` is already sorted by `order`: a batch delivers a ticket's events in offset
 * order, nearly always their event order too, and a sort (stable, so it would leave such a
 * list as it is) copies it (issue 18).
 */
function inOrder<T>(list: readonly T[], order: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (order(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

const bySeq = (a: AcceptedEvent, b: AcceptedEvent): number => a.seq - b.seq;

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
  for (const e of inOrder(incoming, bySeq) ? incoming : [...incoming].sort(bySeq)) {
    if (!history.some((h) => sameEvent(h, e)) && !fresh.some((f) => sameEvent(f, e))) fresh.push(e);
  }
  const duplicates = incoming.length - fresh.length;
  if (!inOrder(fresh, byEventOrder)) fresh.sort(byEventOrder);
  const first = fresh[0];
  if (state !== null && (first === undefined || isInOrder(state, first))) {
    for (const e of fresh) applyEvent(state, e, policies);
    return { history: history.concat(fresh), state, duplicates, refolded: false };
  }
  const merged = history.concat(fresh);
  if (!inOrder(merged, byEventOrder)) merged.sort(byEventOrder);
  return {
    history: merged,
    state: foldTicket(ticketId, merged, policies),
    duplicates,
    refolded: state !== null && fresh.length > 0,
  };
}
