import type { ClockTimeOptions } from './format-clock-time';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A date and time to the minute in the viewer's zone: "Tue, 1 Dec 2026, 09:05". */
export function formatDateTime(ms: number, options: ClockTimeOptions = {}): string {
  const key = options.timeZone ?? '';
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    });
    formatters.set(key, f);
  }
  return f.format(ms);
}
