import { PRIORITIES, type Priority } from '../contract/vocabulary.js';
import type { Instant } from '../time/instant.js';

/** A ticket waiting for an agent's reply (see `waitingSince`). */
export interface WaitingTicket {
  readonly ticketId: string;
  readonly priority: Priority;
  readonly since: Instant;
}

const rank = (p: Priority): number => PRIORITIES.indexOf(p);

/**
 * How many of a team's waiting tickets go before `ticket`: those of a higher priority, and
 * those of its priority waiting longer. That is the order agents usually take a queue in
 * (the traffic simulator's do); `ticket` itself may be in `waiting`.
 */
export function queueAhead(waiting: readonly WaitingTicket[], ticket: WaitingTicket): number {
  const mine = rank(ticket.priority);
  let ahead = 0;
  for (const w of waiting) {
    if (w.ticketId === ticket.ticketId) continue;
    const theirs = rank(w.priority);
    if (theirs < mine || (theirs === mine && w.since < ticket.since)) ahead++;
  }
  return ahead;
}
