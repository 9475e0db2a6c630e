import { civilFromDays } from '../calendar/civil-days.js';

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
  const utc = parseUtcSeconds(text);
  return utc === undefined ? parseRfc3339(text) : utc;
}

/**
 * parseInstant's general way, for every RFC 3339 form (exported so that a test holds the
 * quick way for the common form to it).
 */
export function parseRfc3339(text: string): Instant | null {
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

/** The digit at `i` of `text`, or -1. */
const digit = (text: string, i: number): number => {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
};

/** The two-digit number at `i`, or -1. */
const two = (text: string, i: number): number => {
  const a = digit(text, i);
  const b = digit(text, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
};

/**
 * The form nearly every event has, `YYYY-MM-DDTHH:MM:SS` with no fraction or one of three
 * digits and `Z`, read without a regular expression (its match was a tenth of the
 * tracker's allocation per event, issue 18). Undefined for any other text, which the
 * general parse reads; null for this form with an impossible date or time.
 */
function parseUtcSeconds(text: string): Instant | null | undefined {
  const n = text.length;
  if (n !== 20 && n !== 24) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':') return undefined;
  if (text[16] !== ':' || text[n - 1] !== 'Z' || (n === 24 && text[19] !== '.')) return undefined;
  const century = two(text, 0);
  const rest = two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const h = two(text, 11);
  const mi = two(text, 14);
  const s = two(text, 17);
  const centis = n === 24 ? two(text, 20) : 0;
  const millis = n === 24 ? digit(text, 22) : 0;
  if (century < 0 || rest < 0 || month < 0 || day < 0 || h < 0 || mi < 0 || s < 0) return undefined;
  if (centis < 0 || millis < 0) return undefined;
  const year = century * 100 + rest;
  // Leap seconds, and years Date.UTC would read as 19xx, go the general way.
  if (s === 60 || year < 100) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (h > 23 || mi > 59 || s > 60) return null;
  return Date.UTC(year, month - 1, day, h, mi, s, centis * 10 + millis);
}

/**
 * Formats an instant as UTC RFC 3339 with a `Z`; whole seconds print without a fraction
 * (the contract's form when event times have none), others with milliseconds.
 */
export function formatInstant(instant: Instant): string {
  // Field by field for the instants of four-digit years from 1970: every view and alert
  // the tracker builds formats several, and a Date with toISOString was four times slower
  // (bench:pipeline profile, issue 18). Anything else goes through Date, as it always did.
  if (!Number.isSafeInteger(instant) || instant < 0 || instant >= YEAR_10000) {
    const iso = new Date(instant).toISOString();
    return instant % 1000 === 0 ? `${iso.slice(0, 19)}Z` : iso;
  }
  const dayNumber = Math.floor(instant / DAY);
  const ms = instant - dayNumber * DAY;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const text = `${datePart(dayNumber)}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}`;
  const fraction = ms % 1000;
  return fraction === 0 ? `${text}Z` : `${text}.${String(fraction).padStart(3, '0')}Z`;
}

/** `00` to `59`, made once: formatting is most of a ticket view's garbage. */
const PAD2 = Array.from({ length: 60 }, (_, n) => (n < 10 ? `0${n}` : `${n}`));

/**
 * `YYYY-MM-DDT` of a day (days since 1970-01-01), kept for the days asked lately: the
 * instants a batch formats fall on a few days.
 */
function datePart(dayNumber: number): string {
  let text = DATE_PARTS.get(dayNumber);
  if (text === undefined) {
    const { year, month, day } = civilFromDays(dayNumber);
    if (DATE_PARTS.size >= MAX_DATE_PARTS) DATE_PARTS.clear();
    DATE_PARTS.set(dayNumber, (text = `${year}-${PAD2[month]}-${PAD2[day]}T`));
  }
  return text;
}

const DATE_PARTS = new Map<number, string>();
const MAX_DATE_PARTS = 4096;

const DAY = 86_400_000;
/** 10000-01-01T00:00:00Z, from where toISOString writes six-digit years. */
const YEAR_10000 = 253_402_300_800_000;
