/** How long ago an instant was, coarsely: "42 s ago", "3 min ago", "2 h 05 min ago", "3 d ago". */
export function formatAgo(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min ago`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d ago` : `${days} d ${hours % 24} h ago`;
}
