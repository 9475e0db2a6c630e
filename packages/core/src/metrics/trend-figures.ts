import type { MetricValues } from './metric-summary.js';

/**
 * The figures of one slice of a window that a wallboard draws as trends: the windowed
 * metrics only, since the `now` gauges have no history to slice.
 */
export interface TrendFigures {
  readonly attainment: MetricValues['attainment'];
  readonly breaches: number;
  readonly firstResponseP50: number | null;
  readonly firstResponseP90: number | null;
  readonly resolutionP90: number | null;
  readonly created: number;
  readonly solved: number;
  readonly fcrRate: number | null;
  readonly csatShare: number | null;
  readonly nps: number | null;
  readonly qualityScore: number | null;
}

export function trendFigures(v: MetricValues): TrendFigures {
  return {
    attainment: v.attainment,
    breaches: v.breaches.total,
    firstResponseP50: v.firstResponseTime.p50,
    firstResponseP90: v.firstResponseTime.p90,
    resolutionP90: v.resolutionTime.p90,
    created: v.volume.created,
    solved: v.volume.solved,
    fcrRate: v.fcrRate,
    csatShare: v.csat.share,
    nps: v.nps.score,
    qualityScore: v.qualityScore,
  };
}

/** Slice lengths a trend may use, in minutes: each a divisor or multiple of an hour. */
const STEPS = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 4320, 10080];

/** At most this many slices per window, so a sparkline stays readable and cheap to read. */
export const MAX_TREND_SLICES = 24;

/**
 * The slice length of a window's trend: the shortest step giving at most
 * {@link MAX_TREND_SLICES} slices (15m → 1m, 1h → 5m, 24h → 1h, 7d → 12h). Steps of an
 * hour or more are whole hours, so the slices read the hourly buckets.
 */
export function trendStepMinutes(windowMinutes: number): number {
  return STEPS.find((step) => Math.ceil(windowMinutes / step) <= MAX_TREND_SLICES) ?? STEPS.at(-1)!;
}
