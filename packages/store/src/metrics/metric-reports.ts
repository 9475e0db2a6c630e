import type { Dimension, MetricValues, TrendFigures } from '@slawatch/core';

/** A window cut into slices, each with its windowed figures by dimension value. */
export interface MetricsTrend {
  readonly at: string;
  readonly window: string;
  readonly dimension: Dimension;
  readonly stepMinutes: number;
  readonly slices: readonly {
    readonly from: string;
    readonly to: string;
    readonly values: Record<string, TrendFigures>;
  }[];
}

/** Every metric for one window of one team's tickets: the team's, then by agent. */
export interface AgentsReport {
  readonly at: string;
  readonly window: string;
  /** The window's first minute, as in MetricsReport. */
  readonly from: string;
  readonly team: string;
  /** The team's figures, for comparison: every ticket of the team, assigned or not. */
  readonly teamValues: MetricValues;
  /** By agent, over the team's tickets only (`-`: not assigned, `other`: past the cap). */
  readonly values: Record<string, MetricValues>;
}

/** Every metric for one window and dimension, by dimension value. */
export interface MetricsReport {
  readonly at: string;
  readonly window: string;
  /**
   * The window's first minute: `window` before `at`'s minute ends, or for windows longer
   * than a day the first whole hour after that (docs/metrics.md, "Windows and dimensions").
   */
  readonly from: string;
  readonly dimension: Dimension;
  readonly values: Record<string, MetricValues>;
}
