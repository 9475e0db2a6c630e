/** Percentiles of a set of durations (ms), nearest-rank. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return {
    count: sorted.length,
    p50: rank(0.5) ?? NaN,
    p90: rank(0.9) ?? NaN,
    p95: rank(0.95) ?? NaN,
    p99: rank(0.99) ?? NaN,
    max: sorted.at(-1) ?? NaN,
  };
}

export const formatLatencies = (s: LatencySummary): string =>
  `p50 ${Math.round(s.p50)} ms, p99 ${Math.round(s.p99)} ms, max ${Math.round(s.max)} ms`;
