import type { MetricValues } from '@slawatch/core';
import type { ClockKind } from '@slawatch/wire';
import type { Scope } from '../state/scope';
import type { DrillTarget } from './drill-target';

/** Reads one of the gateway's routes (relative path and query) as JSON. */
export type ReadRoute = (path: string) => Promise<unknown>;

/** Whose tickets a list holds: the board's scope, or one team's agent. */
export interface DrillFilters {
  readonly team?: string;
  readonly queue?: string;
  /** An agent as the gateway names it; `-` for the unassigned tickets. */
  readonly assignee?: string;
}

/** A list to open, with everything it is read with, fixed when it is opened. */
export interface DrillRequest {
  readonly target: DrillTarget;
  readonly filters: DrillFilters;
  /** Where the window starts (ms): the breaches and finished clocks are listed from it. */
  readonly since: number | null;
  /** The figures the count was read from, to say how many the list holds. */
  readonly values: MetricValues | null;
  /** Whose tickets, in words, for the title ("Team emea", "ana · Team emea"). */
  readonly whose: string;
  /** The clock kinds offered to narrow a list of clocks to (see clockChoices). */
  readonly clocks: readonly ClockKind[];
}

/** The first page of a list, and how far "Show more" goes (the routes' `limit` bounds). */
export const FIRST_LIMIT = 100;
export const MAX_LIMIT = 10_000;

/** "Show more": ten times as many, up to the most a list answers. */
export const nextLimit = (limit: number): number => Math.min(MAX_LIMIT, limit * 10);

/** The board's scope as a list's filters. */
export function scopeFilters(scope: Scope): DrillFilters {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'team':
      return { team: scope.value };
    case 'queue':
      return { queue: scope.value };
  }
}

const ROUTES: Readonly<Record<DrillTarget['list'], string>> = {
  backlog: 'open-tickets',
  openBreached: 'open-tickets',
  atRisk: 'at-risk',
  breaches: 'breaches',
  outcomes: 'outcomes',
};

/**
 * The route and query of a list (relative, as the API client takes it). The windowed lists
 * start at `since`; without it the gateway's default (24 hours) applies.
 */
export function drillPath(
  target: DrillTarget,
  filters: DrillFilters,
  since: number | null,
  limit: number,
): string {
  const query = new URLSearchParams();
  switch (target.list) {
    case 'backlog':
      // Every open status is the route's default; named anyway, so the query says it.
      query.set('status', target.status ?? 'new,open,pending,on_hold');
      break;
    case 'openBreached':
      query.set('breached', 'true');
      break;
    case 'atRisk':
      break;
    case 'breaches':
      if (target.clock !== null) query.set('clock', target.clock);
      break;
    case 'outcomes':
      if (target.clock !== null) query.set('clock', target.clock);
      if (target.outcome !== null) query.set('outcome', target.outcome);
      break;
  }
  if ((target.list === 'breaches' || target.list === 'outcomes') && since !== null)
    query.set('since', new Date(since).toISOString());
  for (const field of ['team', 'queue', 'assignee'] as const) {
    const value = filters[field];
    if (value !== undefined) query.set(field, value);
  }
  query.set('limit', String(Math.max(1, Math.min(MAX_LIMIT, limit))));
  return `api/v1/${ROUTES[target.list]}?${query.toString()}`;
}
