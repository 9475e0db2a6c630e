/**
 * A change of a percentage in points, signed, one decimal ("+2.5 pt", "−1.0 pt", "±0 pt").
 * A change too small to show at one decimal says so ("+<0.1 pt"), never "+0.0": a figure
 * that moved must not read as one that did not. "—" when there is no figure.
 */
export function formatPoints(points: number | null): string {
  if (points === null || !Number.isFinite(points)) return '—';
  if (points === 0) return '±0 pt';
  const sign = points > 0 ? '+' : '\u2212';
  const size = Math.abs(points);
  return size < 0.05 ? `${sign}<0.1 pt` : `${sign}${size.toFixed(1)} pt`;
}
