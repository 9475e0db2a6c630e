import { decodeEvent } from '@slawatch/core';

export type Verdict = { readonly valid: true; readonly value: unknown } | { readonly valid: false };

/** The tracker's settings its verdict depends on. */
export interface TrackerRules {
  /** SLAWATCH_MAX_EVENT_BYTES. */
  readonly maxEventBytes: number;
  /** The tracker's clock. */
  readonly now: number;
  /** SLAWATCH_MAX_EVENT_FUTURE in ms (0: no bound). */
  readonly maxFutureMs: number;
}

/**
 * What the tracker decides about one message value, from the project's own rules and not
 * from a list kept here: empty values and values over the byte limit are dead-lettered
 * unread, the rest are valid exactly when `decodeEvent` (UTF-8, JSON, the events contract,
 * the accepted time range, the nesting limit) accepts them and their time is not more than
 * the allowed skew after the tracker's clock (services/tracker/src/tracker.ts). A test
 * built on it stays right as those rules change.
 */
export function trackerVerdict(value: Buffer | null, rules: TrackerRules): Verdict {
  if (value === null || value.length === 0 || value.length > rules.maxEventBytes)
    return { valid: false };
  const text = value.toString('utf8');
  const decoded = decodeEvent(text);
  if (!decoded.ok) return { valid: false };
  if (rules.maxFutureMs > 0 && decoded.time > rules.now + rules.maxFutureMs)
    return { valid: false };
  return { valid: true, value: JSON.parse(text) as unknown };
}
