import type { Dimension } from '@slawatch/core';
import type { ListFilters } from '@slawatch/store';

/** List filters as asked for (query string, live subscription). */
export interface AskedListFilters {
  readonly team?: readonly string[] | undefined;
  readonly queue?: readonly string[] | undefined;
  readonly priority?: readonly string[] | undefined;
  readonly policy?: readonly string[] | undefined;
  readonly assignee?: readonly string[] | undefined;
}

/**
 * The list filters asked for, narrowed to `teams` (null: every team). A team-limited
 * token asking for other teams gets an empty list, not an error: lists are filters.
 */
export function limitListFilters(
  teams: readonly string[] | null,
  asked: AskedListFilters,
): ListFilters {
  const team = teams === null ? asked.team : (asked.team ?? teams).filter((t) => teams.includes(t));
  return {
    ...(team ? { team } : {}),
    ...(asked.queue ? { queue: asked.queue } : {}),
    ...(asked.priority ? { priority: asked.priority } : {}),
    ...(asked.policy ? { policy: asked.policy } : {}),
    ...(asked.assignee ? { assignee: asked.assignee } : {}),
  };
}

/** The metric values a caller may read, or which field it may not ask for and why. */
export type MetricLimit =
  | { readonly ok: true; readonly values: readonly string[] | undefined }
  | { readonly ok: false; readonly field: 'dimension' | 'values'; readonly message: string };

/**
 * Buckets are kept per dimension, not per team within another dimension: a team-limited
 * token can read the team dimension only, for its own teams (all of them by default).
 */
export function limitMetricValues(
  teams: readonly string[] | null,
  dimension: Dimension,
  values: readonly string[] | undefined,
): MetricLimit {
  if (teams === null) return { ok: true, values };
  if (dimension !== 'team')
    return {
      ok: false,
      field: 'dimension',
      message: 'this token is limited to teams: use dimension=team',
    };
  if (values?.some((v) => !teams.includes(v)))
    return { ok: false, field: 'values', message: 'this token is limited to other teams' };
  return { ok: true, values: values ?? teams };
}
