import type { TicketState } from '../ticket/ticket-state.js';
import { foldPair, foldValue, OTHER, type DimensionFold } from './dimension-fold.js';
import { teamAgent } from './team-agent.js';

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

/**
 * The dimensions of a ticket's metric contribution: the public ones, then a team and agent
 * pair (team-agent.ts) that no metrics query names. It serves the agents view, whose rows
 * are one team's agents over that team's tickets only, so a team-limited token can read
 * them (docs/api.md, "Agents"); the `assignee` dimension is read as its sum over teams
 * instead of buckets of its own (contribution-diff.ts). Last, so the public dimensions
 * keep their bucket keys.
 */
export const BUCKET_DIMENSIONS = [...DIMENSIONS, 'teamAssignee'] as const;
export type BucketDimension = (typeof BUCKET_DIMENSIONS)[number];

/** The value of `all`, and of a dimension the ticket has no value for. */
export const ALL = '*';
export const NONE = '-';

const NO_FOLD: DimensionFold = new Map();

/**
 * The ticket's value for each bucket dimension, in BUCKET_DIMENSIONS order (its values as
 * of now), with undeclared values of declared dimensions folded into `other`
 * (dimension-fold.ts). Folded here, where a metric contribution's dimensions are decided,
 * the bound holds for every bucket key, Prometheus series and listed value alike.
 */
export function dimensionValues(t: TicketState, fold: DimensionFold = NO_FOLD): string[] {
  const f = t.fields;
  const folded = (d: 'team' | 'queue' | 'customerTier' | 'assignee', v: string | undefined) =>
    v === undefined ? NONE : foldValue(fold, d, v);
  const team = folded('team', f.team);
  const assignee = folded('assignee', f.assigneeId);
  return [
    ALL,
    team,
    folded('queue', f.queue),
    f.priority,
    f.channel,
    folded('customerTier', f.customerTier),
    t.policyId ?? NONE,
    assignee,
    // Past the cap the agent is kept and the team folded: the assignee dimension, read as
    // the sum of the pairs over teams, then stays whole (metric-windows.ts).
    teamAgent(foldPair(fold, f.team, f.assigneeId) ? team : OTHER, assignee),
  ];
}
