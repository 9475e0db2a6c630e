const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count, grouped by thousands ("1,234"); "—" when unknown. */
export function formatCount(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return grouped.format(value);
}

/** A 0..100 score with one decimal below 100 ("87.3", "100"). */
export function formatScore(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (value >= 100) return '100';
  const fixed = value.toFixed(1);
  return fixed === '100.0' ? '99.9' : fixed;
}

/** A net promoter score, whole and signed ("+42", "-5", "0"). */
export function formatNps(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const whole = Math.round(value);
  return whole > 0 ? `+${whole}` : String(whole === 0 ? 0 : whole);
}

/** A mean survey score to one decimal ("4.3"). */
export function formatMean(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return value.toFixed(1);
}
