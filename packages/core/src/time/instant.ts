/** Epoch milliseconds (UTC): the only representation of an instant inside the core. */
export type Instant = number;

// RFC 3339 date-time (the `date-time` format of the events contract): a full date, `T`,
// a full time with optional fraction, and an explicit offset.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

const daysInMonth = (year: number, month: number): number =>
  [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ][month - 1] ?? 0;

/**
 * Parses an RFC 3339 timestamp into an instant, or null when it is not one (including
 * impossible dates such as 2026-02-30). A leap second (`:60`) is read as the next second.
 */
export function parseInstant(text: string): Instant | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, , , oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null;
  if (oh !== undefined && (Number(oh) > 23 || Number(om) > 59)) return null;
  const leap = Number(s) === 60;
  const ms = Date.parse(leap ? text.replace(/:60(?=[.Zz+-])/, ':59') : text);
  if (Number.isNaN(ms)) return null;
  return leap ? ms + 1000 : ms;
}

/**
 * Formats an instant as UTC RFC 3339 with a `Z`; whole seconds print without a fraction
 * (the contract's form when event times have none), others with milliseconds.
 */
export function formatInstant(instant: Instant): string {
  const iso = new Date(instant).toISOString();
  return instant % 1000 === 0 ? `${iso.slice(0, 19)}Z` : iso;
}
