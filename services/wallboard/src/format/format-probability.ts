/**
 * A probability (0..1) as a whole percentage ("73 %"): a tenth of a point would claim a
 * precision a forecast from a few hundred durations does not have. Only a certainty reads
 * "100 %", and only none "0 %".
 */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p >= 1) return '100 %';
  if (p <= 0) return '0 %';
  return `${Math.min(99, Math.max(1, Math.round(p * 100)))} %`;
}
