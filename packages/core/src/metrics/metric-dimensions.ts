import type { TicketState } from '../ticket/ticket-state.js';
import { foldValue, type DimensionFold } from './dimension-fold.js';

/** The dimensions a metric can be broken down by (docs/metrics.md, "Windows and dimensions"). */
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

const NO_FOLD: DimensionFold = new Map();

/**
 * The ticket's value for each dimension, in DIMENSIONS order (its values as of now), with
 * undeclared values of declared dimensions folded into `other` (dimension-fold.ts). Folded
 * here, where a metric contribution's dimensions are decided, the bound holds for every
 * bucket key, Prometheus series and listed value alike.
 */
export function dimensionValues(t: TicketState, fold: DimensionFold = NO_FOLD): string[] {
  const f = t.fields;
  const folded = (d: 'team' | 'queue' | 'customerTier' | 'assignee', v: string | undefined) =>
    v === undefined ? NONE : foldValue(fold, d, v);
  return [
    ALL,
    folded('team', f.team),
    folded('queue', f.queue),
    f.priority,
    f.channel,
    folded('customerTier', f.customerTier),
    t.policyId ?? NONE,
    folded('assignee', f.assigneeId),
  ];
}
