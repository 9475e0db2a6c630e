import type { TicketState } from '../ticket/ticket-state.js';

/** The dimensions a metric can be broken down by (metrics.md, "Windows and dimensions"). */
export const DIMENSIONS = [
  'all',
  'team',
  'queue',
  'priority',
  'channel',
  'customerTier',
  'policy',
  'assignee',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The value of `all`, and of a dimension the ticket has no value for. */
export const ALL = '*';
export const NONE = '-';

/** The ticket's value for each dimension, in DIMENSIONS order (its values as of now). */
export function dimensionValues(t: TicketState): string[] {
  const f = t.fields;
  return [
    ALL,
    f.team ?? NONE,
    f.queue ?? NONE,
    f.priority,
    f.channel,
    f.customerTier ?? NONE,
    t.policyId ?? NONE,
    f.assigneeId ?? NONE,
  ];
}
