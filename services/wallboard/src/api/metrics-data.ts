import type { MetricValues } from '@slawatch/core';
import type { Scope } from '../state/scope';

/** `data` of a metrics view: every metric of one window, per dimension value. */
export interface MetricsData {
  readonly window: string;
  readonly dimension: string;
  readonly values: Readonly<Record<string, MetricValues>>;
}

/** The figures of one slice of a window (the windowed metrics only: gauges have no history). */
export interface TrendFigures {
  readonly attainment: MetricValues['attainment'];
  readonly breaches: number | null;
  readonly firstResponseP50: number | null;
  readonly firstResponseP90: number | null;
  readonly resolutionP90: number | null;
  readonly created: number | null;
  readonly solved: number | null;
  readonly fcrRate: number | null;
  readonly csatShare: number | null;
  readonly nps: number | null;
  readonly qualityScore: number | null;
}

/** `data` of a trend view: the window cut into slices, oldest first. */
export interface TrendData {
  readonly window: string;
  readonly dimension: string;
  readonly stepMinutes: number;
  readonly slices: readonly {
    readonly from: string;
    readonly to: string;
    readonly values: Readonly<Record<string, TrendFigures>>;
  }[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isMetricsData = (data: unknown): data is MetricsData =>
  isObject(data) &&
  typeof data.window === 'string' &&
  typeof data.dimension === 'string' &&
  isObject(data.values);

export const isTrendData = (data: unknown): data is TrendData =>
  isObject(data) &&
  typeof data.window === 'string' &&
  typeof data.dimension === 'string' &&
  Array.isArray(data.slices);

/** The dimension a scope's metrics are asked by. */
export const scopeDimension = (scope: Scope): string => (scope.kind === 'all' ? 'all' : scope.kind);

/**
 * The entry of a per-value map that belongs to the scope: for `all` the only one (`*`),
 * else the scope's value. Undefined when the value has no data yet.
 */
export function valueOf<T>(values: Readonly<Record<string, T>>, scope: Scope): T | undefined {
  if (scope.kind === 'all') return Object.values(values)[0];
  return Object.hasOwn(values, scope.value) ? values[scope.value] : undefined;
}
