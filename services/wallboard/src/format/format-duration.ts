const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A duration for a person reading it from across the room: the two largest units only
 * ("42s", "4m 12s", "2h 05m", "3d 04h"). "—" when there is no figure.
 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds > 0 && seconds < 1) return '<1s';
  const total = Math.round(Math.max(0, seconds));
  if (total < 60) return `${total}s`;
  if (total < 3600) return `${Math.floor(total / 60)}m ${pad(total % 60)}s`;
  // Rounded to the minute, as seconds no longer matter at this size.
  const minutes = Math.round(total / 60);
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
  const hours = Math.round(minutes / 60);
  return `${Math.floor(hours / 24)}d ${pad(hours % 24)}h`;
}
