import { parseInstant, type Instant } from '../time/instant.js';
import type { ClockView, TicketView } from '../ticket/ticket-view.js';

/**
 * The clock that waits for an agent's public reply: the first response, or the open
 * next-response cycle (breached ones still wait). Null when the ticket waits for no reply.
 */
export const replyWait = (view: TicketView): ClockView | null =>
  view.clocks.find(
    (c) =>
      (c.kind === 'firstResponse' || c.kind === 'nextResponse') &&
      c.stoppedAt === null &&
      (c.state === 'running' || c.state === 'breached'),
  ) ?? null;

/** Since when the ticket has waited for an agent's reply, or null when it waits for none. */
export function waitingSince(view: TicketView): Instant | null {
  const wait = replyWait(view);
  return wait === null ? null : parseInstant(wait.startedAt);
}
