/**
 * A ratio (0..1) as a percentage with one decimal below 100 ("92.3 %", "100 %"). A ratio
 * just short of 1 reads "99.9 %", never a rounded-up "100 %" that would hide a breach.
 */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  if (ratio >= 1) return '100 %';
  const fixed = (Math.max(0, ratio) * 100).toFixed(1);
  return `${fixed === '100.0' ? '99.9' : fixed} %`;
}
