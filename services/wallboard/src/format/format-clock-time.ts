/** Options for the wall-clock formats; the viewer's own zone unless a test pins one. */
export interface ClockTimeOptions {
  readonly timeZone?: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let found = formatters.get(key);
  if (found === undefined) {
    found = new Intl.DateTimeFormat('en-GB', { hourCycle: 'h23', ...options });
    formatters.set(key, found);
  }
  return found;
}

function parts(ms: number, key: string, options: Intl.DateTimeFormatOptions) {
  const found: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter(key, options).formatToParts(ms)) found[part.type] = part.value;
  return found;
}

/** The time of day in the viewer's zone, to the second ("10:02:13"). */
export function formatClockTime(ms: number, options: ClockTimeOptions = {}): string {
  const { timeZone } = options;
  const p = parts(ms, `t${timeZone ?? ''}`, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    ...(timeZone === undefined ? {} : { timeZone }),
  });
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** The time of day to the minute ("10:02"). */
export function formatShortTime(ms: number, options: ClockTimeOptions = {}): string {
  return formatClockTime(ms, options).slice(0, 5);
}

/**
 * When something happens next, in the viewer's zone: "Mon 08:00", or with the date when it
 * is a week or more away ("Mon 12 Jan 08:00"), so a weekday is never ambiguous.
 */
export function formatOpening(at: number, now: number, options: ClockTimeOptions = {}): string {
  const { timeZone } = options;
  const p = parts(at, `o${timeZone ?? ''}`, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone === undefined ? {} : { timeZone }),
  });
  const time = `${p.hour}:${p.minute}`;
  const farAway = at - now > 6 * 86_400_000;
  return farAway ? `${p.weekday} ${p.day} ${p.month} ${time}` : `${p.weekday} ${time}`;
}
