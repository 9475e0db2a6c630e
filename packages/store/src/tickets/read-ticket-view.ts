import {
  decodeCompact,
  foldTicket,
  ticketView,
  type PolicySet,
  type TicketView,
} from '@slawatch/core';
import type { TicketStore } from './ticket-store.js';

/** A ticket's view with the team it belongs to (for team-limited readers). */
export interface StoredTicketView {
  readonly view: TicketView;
  readonly team: string | null;
}

/**
 * The contract's TicketView of a ticket as of `now`, from its stored history: the same
 * fold `simulate` runs. Null for an unknown, never-created or deleted ticket (404).
 */
export async function readTicket(
  store: TicketStore,
  ticketId: string,
  now: number,
  policies: PolicySet,
): Promise<StoredTicketView | null> {
  const record = await store.loadOne(ticketId);
  if (record.version === 0) return null;
  const events = record.history.map((c) => decodeCompact(ticketId, c));
  const state = foldTicket(ticketId, events, policies, now);
  const view = ticketView(state, now, policies);
  return view === null ? null : { view, team: state.fields.team ?? null };
}

/** `readTicket`'s view alone. */
export async function readTicketView(
  store: TicketStore,
  ticketId: string,
  now: number,
  policies: PolicySet,
): Promise<TicketView | null> {
  return (await readTicket(store, ticketId, now, policies))?.view ?? null;
}
