const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Time left on a clock as a ticking countdown: `12:34`, `1:02:03`, `2d 03:04:05`. Rounded
 * up to the second, so it shows `0:00` only once the time is really up.
 */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const seconds = total % 60;
  const minutes = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600) % 24;
  const days = Math.floor(total / 86_400);
  if (days > 0) return `${days}d ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  if (hours > 0) return `${hours}:${pad(minutes)}:${pad(seconds)}`;
  return `${minutes}:${pad(seconds)}`;
}
