import {
  decodeCompact,
  foldTicket,
  ticketView,
  type PolicySet,
  type TicketView,
} from '@slawatch/core';
import type { TicketStore } from './ticket-store.js';

/**
 * The contract's TicketView of a ticket as of `now`, from its stored history: the same
 * fold `simulate` runs. Null for an unknown, never-created or deleted ticket (404).
 */
export async function readTicketView(
  store: TicketStore,
  ticketId: string,
  now: number,
  policies: PolicySet,
): Promise<TicketView | null> {
  const record = await store.loadOne(ticketId);
  if (record.version === 0) return null;
  const events = record.history.map((c) => decodeCompact(ticketId, c));
  return ticketView(foldTicket(ticketId, events, policies, now), now, policies);
}
