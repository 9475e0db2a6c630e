import { parseInstant, type Instant } from '@slawatch/core';

/**
 * How Freshdesk writes a date placeholder (`{{ticket.modified_on}}`): Ruby's rendering of the
 * time, `2026-11-23 10:00:00 +0100` or `2026-11-23 09:00:00 UTC`; some accounts get it
 * without the offset (`2026-11-23 10:00:00`, the account's time zone). RFC 3339 is read too,
 * for bodies that format the date themselves.
 */
const FRESHDESK_TIME =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d+)?\s*(?:([Zz]|UTC|GMT)|([+-])(\d{2}):?(\d{2}))?$/;

/** A fixed offset written as `+05:30`, `-0300`, `Z` or `UTC`, in milliseconds; else null. */
function fixedOffset(zone: string): number | null {
  if (/^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

const LONG_OFFSET = /GMT(?:([+-])(\d{2}):(\d{2}))?$/;

/** The offset of IANA zone `format` at `instant`, in milliseconds (local = instant + offset). */
function zoneOffset(format: Intl.DateTimeFormat, instant: Instant): number {
  const name = format.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = LONG_OFFSET.exec(name);
  if (!m || m[1] === undefined) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/** A formatter for IANA zone `zone`, or null when Node does not know it. */
function zoneFormat(zone: string): Intl.DateTimeFormat | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  } catch {
    return null;
  }
}

/** Whether `zone` (a body's `time_zone`) is a fixed offset or an IANA zone Node knows. */
export const isKnownZone = (zone: string): boolean =>
  fixedOffset(zone) !== null || zoneFormat(zone) !== null;

export type FreshdeskTime =
  | { readonly kind: 'instant'; readonly instant: Instant }
  /** A well-formed time without an offset, and no usable `time_zone` to read it in. */
  | { readonly kind: 'no-zone' }
  | { readonly kind: 'invalid' };

/**
 * Reads a Freshdesk date into an instant. A time without its own offset is read in `zone`
 * (the body's `time_zone`: an IANA zone such as `Europe/Berlin`, or a fixed `+05:30`). A
 * local time that a daylight-saving change skips or repeats is read with one of the two
 * offsets around the change: Freshdesk's text does not say which was meant.
 */
export function readFreshdeskTime(text: string, zone: string | null): FreshdeskTime {
  const m = FRESHDESK_TIME.exec(text.trim());
  if (!m) return { kind: 'invalid' };
  const [, date, time, fraction = '', utc, sign, oh, om] = m;
  if (utc !== undefined || sign !== undefined) {
    const offset = utc !== undefined ? 'Z' : `${sign}${oh}:${om}`;
    const instant = parseInstant(`${date}T${time}${fraction}${offset}`);
    return instant === null ? { kind: 'invalid' } : { kind: 'instant', instant };
  }
  // No offset: the wall-clock time read as UTC first (which also checks the date), then moved.
  const local = parseInstant(`${date}T${time}${fraction}Z`);
  if (local === null) return { kind: 'invalid' };
  if (zone === null) return { kind: 'no-zone' };
  const fixed = fixedOffset(zone);
  if (fixed !== null) return { kind: 'instant', instant: local - fixed };
  const format = zoneFormat(zone);
  if (format === null) return { kind: 'no-zone' };
  const guess = local - zoneOffset(format, local);
  return { kind: 'instant', instant: local - zoneOffset(format, guess) };
}
