import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookRequest } from './helpdesk-adapter.js';

/**
 * One header's single value, or why not (missing, empty, or sent more than once). A
 * signature header sent twice is refused rather than guessed at: either copy could be the
 * forged one.
 */
export function headerValue(
  request: WebhookRequest,
  name: string,
): string | { readonly why: string } {
  const value = request.headers[name];
  if (value === undefined) return { why: `${name}: missing` };
  if (typeof value !== 'string') {
    if (value.length !== 1) return { why: `${name}: sent ${value.length} times, expected once` };
    return value[0]!;
  }
  return value.trim() === '' ? { why: `${name}: empty` } : value;
}

/** An HMAC a webhook carries, and what it should be the HMAC of. */
export interface HmacCheck {
  readonly algorithm: 'sha1' | 'sha256';
  readonly secret: string;
  /** The text the helpdesk signed (UTF-8): the raw body, or the body with its timestamp. */
  readonly signed: string;
  /** The digest as the request gives it, without any `sha256=`-like prefix. */
  readonly given: string;
  readonly encoding: 'hex' | 'base64';
}

/**
 * Whether `given` is the HMAC of `signed` keyed with `secret`, compared in constant time.
 * Buffer's decoding skips what it cannot read (stray characters, a last odd hex digit), so
 * the digest must also have the HMAC's length and read back as the very text given (hex in
 * either case); timingSafeEqual would throw on a length that differs.
 */
export function hmacMatches({ algorithm, secret, signed, given, encoding }: HmacCheck): boolean {
  const expected = createHmac(algorithm, secret).update(signed, 'utf8').digest();
  const digest = Buffer.from(given, encoding);
  const canonical =
    encoding === 'hex'
      ? digest.toString('hex') === given.toLowerCase()
      : digest.toString('base64') === given;
  return digest.length === expected.length && canonical && timingSafeEqual(digest, expected);
}

/** A signature's timestamp as its header sent it and as an instant, and how far it may be off. */
export interface ReplayCheck {
  readonly header: string;
  readonly timestamp: string;
  readonly signedAt: number;
  readonly now: number;
  readonly windowMs: number;
}

/**
 * Null when a dated signature was made within `windowMs` of `now`, either way; otherwise
 * why not, naming the header. Checked before the HMAC, so that a replayed (genuine)
 * delivery says so plainly.
 */
export function replayWindowProblem(check: ReplayCheck): string | null {
  const { header, timestamp, signedAt, now, windowMs } = check;
  if (Math.abs(now - signedAt) > windowMs)
    return `${header}: ${timestamp} is more than ${windowMs / 1000} s from the gateway's clock (a replayed or delayed delivery)`;
  return null;
}
