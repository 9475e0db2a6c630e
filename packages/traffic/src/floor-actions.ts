/** Follow-ups of a ticket planned for later; void if the ticket moved on meanwhile. */
export type FollowUp = 'reply' | 'customer-reply' | 'hold-ends' | 'auto-solve' | 'close';

/** What the floor has planned at some simulated instant. */
export type Action =
  | { readonly kind: 'arrival' }
  | { readonly kind: 'roster' }
  | { readonly kind: FollowUp; readonly ticketId: string; readonly epoch: number }
  | { readonly kind: 'reprioritise' | 'delete-spam'; readonly ticketId: string }
  | { readonly kind: 'survey'; readonly ticketId: string; readonly survey: 'csat' | 'nps' };

/** An action about one ticket. */
export type TicketAction = Exclude<
  Action,
  { readonly kind: 'arrival' } | { readonly kind: 'roster' }
>;
