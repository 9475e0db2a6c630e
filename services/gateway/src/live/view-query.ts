import type { Dimension, MetricWindow, SurveyKind } from '@slawatch/core';
import type { ListFilters } from '@slawatch/store';
import { limitListFilters, limitMetricValues } from '../auth/team-limits.js';
import type { ViewRequest } from './client-message.js';

/**
 * What a view reads, once the caller's team limit is applied and its lists are sorted
 * and deduplicated: two subscriptions with equal queries see the same data, so they share
 * one view (one read, one serialization) whoever asked.
 */
export type ViewQuery =
  | {
      readonly kind: 'metrics' | 'trend';
      readonly window: MetricWindow;
      readonly dimension: Dimension;
      readonly values: readonly string[] | undefined;
    }
  | {
      readonly kind: 'atRisk';
      readonly filters: ListFilters;
      readonly limit: number;
      readonly paused: boolean;
    }
  | {
      readonly kind: 'breaches';
      readonly filters: ListFilters;
      readonly sinceMinutes: number;
      readonly limit: number;
    }
  | {
      readonly kind: 'followUps';
      readonly filters: ListFilters;
      readonly sinceMinutes: number;
      readonly survey: SurveyKind | null;
      readonly limit: number;
    };

const normalized = (values: readonly string[] | undefined) => values && [...new Set(values)].sort();

const sortedFilters = (f: ListFilters): ListFilters => ({
  ...(f.team ? { team: normalized(f.team) } : {}),
  ...(f.queue ? { queue: normalized(f.queue) } : {}),
  ...(f.priority ? { priority: normalized(f.priority) } : {}),
  ...(f.policy ? { policy: normalized(f.policy) } : {}),
});

/**
 * The query of a subscription by a caller limited to `teams` (null: every team), under
 * the REST routes' rules; or the field it may not ask for, and why.
 */
export function viewQuery(
  view: ViewRequest,
  teams: readonly string[] | null,
  windows: readonly MetricWindow[],
): { ok: true; query: ViewQuery } | { ok: false; path: string; message: string } {
  switch (view.kind) {
    case 'metrics':
    case 'trend': {
      const limited = limitMetricValues(teams, view.dimension, view.values);
      if (!limited.ok)
        return { ok: false, path: `view.${limited.field}`, message: limited.message };
      return {
        ok: true,
        query: {
          kind: view.kind,
          window: windows.find((w) => w.name === view.window)!,
          dimension: view.dimension,
          values: normalized(limited.values),
        },
      };
    }
    case 'atRisk':
      return {
        ok: true,
        query: {
          kind: 'atRisk',
          filters: sortedFilters(limitListFilters(teams, view)),
          limit: view.limit,
          paused: view.paused,
        },
      };
    case 'breaches':
      return {
        ok: true,
        query: {
          kind: 'breaches',
          filters: sortedFilters(limitListFilters(teams, view)),
          sinceMinutes: view.sinceMinutes,
          limit: view.limit,
        },
      };
    case 'followUps':
      return {
        ok: true,
        query: {
          kind: 'followUps',
          filters: sortedFilters(limitListFilters(teams, view)),
          sinceMinutes: view.sinceMinutes,
          survey: view.survey ?? null,
          limit: view.limit,
        },
      };
  }
}

/** Equal for equal queries, whatever order their fields were given in. */
export function viewKey(q: ViewQuery): string {
  switch (q.kind) {
    case 'metrics':
    case 'trend':
      return JSON.stringify([q.kind, q.window.name, q.dimension, q.values ?? null]);
    case 'atRisk':
      return JSON.stringify([q.kind, filterKey(q.filters), q.limit, q.paused]);
    case 'breaches':
      return JSON.stringify([q.kind, filterKey(q.filters), q.sinceMinutes, q.limit]);
    case 'followUps':
      return JSON.stringify([q.kind, filterKey(q.filters), q.sinceMinutes, q.survey, q.limit]);
  }
}

const filterKey = (f: ListFilters) => [
  f.team ?? null,
  f.queue ?? null,
  f.priority ?? null,
  f.policy ?? null,
];
