import type { MetricValues } from '@slawatch/core';
import type { MetricsData } from '../api/metrics-data';
import type { Received } from '../live/live-data';
import type { BoardView } from '../state/board-view';
import { scopeLabel } from '../state/scope';
import { windowMinutes } from '../state/window-minutes';
import { scopeFilters, type DrillRequest } from './drill-query';
import { clockChoices, type DrillTarget } from './drill-target';

/**
 * Where the board's window starts: the metrics view's `from` (its answer says it, to the
 * minute, and longer windows start on the hour), else the window back from `now`.
 */
export function windowStart(
  metrics: Received<MetricsData> | null,
  window: string,
  now: number,
): number {
  const from = (metrics?.data as { readonly from?: unknown } | undefined)?.from;
  const parsed = typeof from === 'string' ? Date.parse(from) : Number.NaN;
  if (Number.isFinite(parsed)) return parsed;
  return (metrics?.at ?? now) - (windowMinutes(window) ?? 60) * 60_000;
}

/** What a tile of the board opens: its list, narrowed to the board's scope and window. */
export function boardDrillRequest(
  target: DrillTarget,
  view: BoardView,
  metrics: Received<MetricsData> | null,
  values: MetricValues | undefined,
  now: number,
): DrillRequest {
  return {
    target,
    filters: scopeFilters(view.scope),
    since: windowStart(metrics, view.window, now),
    values: values ?? null,
    whose: scopeLabel(view.scope),
    clocks: clockChoices(values ?? null),
  };
}
