/**
 * A span as on-call staff read it in a message: "45s", "12m", "1h 5m", "1d 1h": the two
 * largest units that are not zero (days, hours, minutes; seconds only under a minute), sign
 * ignored (the caller says "left" or "late by"). The same as the Slack receiver's shortSpan.
 */
export function formatSpan(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean);
  return parts.length > 0 ? parts.slice(0, 2).join(' ') : `${s}s`;
}

/** "late by 12m" past the deadline, "5m left" before it, "due now" within a second of it. */
export function relativeToDeadline(deadline: number, now: number): string {
  if (Math.abs(now - deadline) < 1000) return 'due now';
  return now > deadline
    ? `late by ${formatSpan(now - deadline)}`
    : `${formatSpan(deadline - now)} left`;
}
