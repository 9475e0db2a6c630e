/**
 * Log-bucketed histogram of durations (the DDSketch idea): bin i holds values in
 * (γ^(i-1), γ^i] seconds and reads back as 2γ^i/(γ+1), within (γ-1)/(γ+1) = 1.96 % of
 * every value in it. A percentile read from the bins is therefore within 2 % of the exact
 * nearest-rank percentile; zero-length durations get a bin of their own.
 */
export const GAMMA = 1.04;
const LOG_GAMMA = Math.log(GAMMA);
export const ZERO_BIN = 'z';

/** The bin of a duration in ms. */
export function binOf(ms: number): string {
  if (ms <= 0) return ZERO_BIN;
  return String(Math.ceil(Math.log(ms / 1000) / LOG_GAMMA));
}

/** The value a bin reads back as, in seconds. */
export function binValue(bin: string): number {
  if (bin === ZERO_BIN) return 0;
  return (2 * GAMMA ** Number(bin)) / (GAMMA + 1);
}

/** The nearest-rank `q` quantile (0 < q <= 1) of a histogram, in seconds; null when empty. */
export function quantile(bins: ReadonlyMap<string, number>, q: number): number | null {
  const sorted = [...bins].filter(([, n]) => n > 0).sort((a, b) => binValue(a[0]) - binValue(b[0]));
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bin, n] of sorted) {
    seen += n;
    if (seen >= rank) return binValue(bin);
  }
  return binValue(sorted.at(-1)![0]);
}
