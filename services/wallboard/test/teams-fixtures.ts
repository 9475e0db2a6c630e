import { DEFAULT_METRICS_SETTINGS, summarizeMetrics, type MetricValues } from '@slawatch/core';
import type { TrendData, TrendFigures } from '../src/api/metrics-data';
import type { MetricsAnswer } from '../src/api/teams-api';

/** An empty window's figures, with the few a test is about set. */
export function figures(set: {
  overall?: number | null;
  breaches?: number;
  created?: number;
  firstReplyP90?: number | null;
}): MetricValues {
  const empty = summarizeMetrics(new Map(), DEFAULT_METRICS_SETTINGS);
  return {
    ...empty,
    attainment: { ...empty.attainment, overall: set.overall ?? null },
    breaches: { ...empty.breaches, total: set.breaches ?? 0 },
    volume: { ...empty.volume, created: set.created ?? 0 },
    firstResponseTime: { ...empty.firstResponseTime, p90: set.firstReplyP90 ?? null },
  };
}

export const AT = Date.parse('2026-12-07T10:00:00Z');

export const metricsAnswer = (
  dimension: string,
  values: Record<string, MetricValues>,
): MetricsAnswer => ({ window: '1h', dimension, at: AT, from: AT - 3_600_000, values });

/** A slice's figures with only attainment overall and breaches set. */
export const sliceFigures = (overall: number | null, breaches: number): TrendFigures => ({
  attainment: { firstResponse: null, nextResponse: null, resolution: null, overall },
  breaches,
  firstResponseP50: null,
  firstResponseP90: null,
  resolutionP90: null,
  created: 0,
  solved: 0,
  fcrRate: null,
  csatShare: null,
  nps: null,
  qualityScore: null,
});

/** Three 20-minute slices of the hour before {@link AT}, each with its values. */
export function trendAnswer(
  dimension: string,
  slices: readonly Record<string, TrendFigures>[],
): TrendData {
  return {
    window: '1h',
    dimension,
    stepMinutes: 20,
    slices: slices.map((values, i) => ({
      from: new Date(AT - 3_600_000 + i * 1_200_000).toISOString(),
      to: new Date(AT - 3_600_000 + (i + 1) * 1_200_000).toISOString(),
      values,
    })),
  };
}
