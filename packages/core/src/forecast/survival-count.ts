import { GAMMA, ZERO_BIN } from '../metrics/histogram.js';

/** Recent durations: histogram bin (metrics/histogram.ts `binOf`) → count. */
export type DurationHistogram = ReadonlyMap<string, number>;

const LOG_GAMMA = Math.log(GAMMA);

/** How many durations the histogram holds. */
export function sampleCount(histogram: DurationHistogram): number {
  let total = 0;
  for (const n of histogram.values()) total += n;
  return total;
}

/**
 * How many of the histogram's durations were longer than `ms`. Bin i holds durations in
 * (γ^(i-1), γ^i] seconds; the bin that contains `ms` counts in part, as if its durations
 * were spread evenly over the logarithm of its range. That keeps the count continuous and
 * non-increasing in `ms` (a plain "bins above" count would jump by a whole bin at each
 * edge, and two deadlines in one bin would get the same forecast). Zero-length durations
 * are longer than nothing.
 */
export function survivalCount(histogram: DurationHistogram, ms: number): number {
  const position = ms > 0 ? Math.log(ms / 1000) / LOG_GAMMA : -Infinity;
  let longer = 0;
  for (const [bin, n] of histogram) {
    if (bin === ZERO_BIN) continue;
    longer += n * Math.min(1, Math.max(0, Number(bin) - position));
  }
  return longer;
}
