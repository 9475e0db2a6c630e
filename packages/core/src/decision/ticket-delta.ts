import type { TicketView } from '../ticket/ticket-view.js';

/** What a wallboard needs to know about one ticket that changed. */
export interface TicketDelta {
  readonly ticketId: string;
  readonly deleted: boolean;
  readonly view: TicketView | null;
  readonly team: string | null;
  readonly queue: string | null;
  readonly priority: string;
}
