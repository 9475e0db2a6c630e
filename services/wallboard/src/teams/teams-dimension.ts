import type { Session } from '../api/session';

/** What the Teams page has one row per: the dimensions supervisors compare side by side. */
export const TEAMS_DIMENSIONS = ['team', 'queue', 'policy', 'customerTier'] as const;
export type TeamsDimension = (typeof TEAMS_DIMENSIONS)[number];

interface DimensionWords {
  /** The choice, and the first column's heading. */
  readonly label: string;
  /** The table's name ("Teams side by side"). */
  readonly plural: string;
  /** The row of every ticket, for comparison. */
  readonly all: string;
  /** The row of tickets without a value (the gateway's `-`). */
  readonly none: string;
}

const WORDS: Readonly<Record<TeamsDimension, DimensionWords>> = {
  team: { label: 'Team', plural: 'Teams', all: 'All teams', none: 'No team' },
  queue: { label: 'Queue', plural: 'Queues', all: 'All queues', none: 'No queue' },
  policy: { label: 'Policy', plural: 'Policies', all: 'All policies', none: 'No policy' },
  customerTier: {
    label: 'Customer tier',
    plural: 'Customer tiers',
    all: 'All customer tiers',
    none: 'No customer tier',
  },
};

export const dimensionLabel = (dimension: TeamsDimension): string => WORDS[dimension].label;

export const dimensionPlural = (dimension: TeamsDimension): string => WORDS[dimension].plural;

/** The gateway's value for tickets without one (NONE in @slawatch/core). */
const NONE = '-';

/** A row's name: the value as sent, or words for the tickets that have none. */
export const valueLabel = (dimension: TeamsDimension, value: string): string =>
  value === NONE ? WORDS[dimension].none : value;

export const allLabel = (dimension: TeamsDimension): string => WORDS[dimension].all;

/** Whether a row is the tickets without a value, which sort after every named one. */
export const isNoValue = (value: string): boolean => value === NONE;

/**
 * The dimensions this token may read: a token limited to teams may ask for metrics by team
 * only (anything else is a 403 from the gateway), so it is offered nothing else.
 */
export const dimensionsFor = (session: Session): readonly TeamsDimension[] =>
  session.teams === null ? TEAMS_DIMENSIONS : ['team'];
