import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseInstant } from '@slawatch/core';
import type { WebhookRequest } from '../helpdesk-adapter.js';

/** Zendesk's signature: base64 of HMAC-SHA256 over the timestamp header then the raw body. */
export const ZENDESK_SIGNATURE_HEADER = 'x-zendesk-webhook-signature';
/** When Zendesk signed the delivery, RFC 3339 (e.g. `2026-11-23T09:00:00Z`). */
export const ZENDESK_TIMESTAMP_HEADER = 'x-zendesk-webhook-signature-timestamp';

/**
 * How far a signature's timestamp may be from the gateway's clock, either way. A captured
 * delivery replayed later is refused; five minutes absorbs clock drift and Zendesk's own
 * queueing of a delivery (its retries are signed afresh).
 */
export const ZENDESK_REPLAY_WINDOW_MS = 5 * 60_000;

// HMAC-SHA256 digests are 32 bytes: anything else cannot match and is refused before comparing.
const DIGEST_BYTES = 32;

/** One header's single value, or why not (missing, or sent more than once). */
function headerValue(request: WebhookRequest, name: string): string | { readonly why: string } {
  const value = request.headers[name];
  if (value === undefined) return { why: `${name}: missing` };
  if (typeof value !== 'string') {
    if (value.length !== 1) return { why: `${name}: sent ${value.length} times, expected once` };
    return value[0]!;
  }
  return value.trim() === '' ? { why: `${name}: empty` } : value;
}

/**
 * Null when the request carries Zendesk's signature of its body made with `secret` within
 * {@link ZENDESK_REPLAY_WINDOW_MS} of `now`; otherwise why not, naming the header.
 */
export function verifyZendeskSignature(
  request: WebhookRequest,
  secret: string,
  now: number,
): string | null {
  // An empty key signs anything anyone can compute: refuse rather than accept every request.
  if (secret === '') return 'no signing secret is configured for Zendesk webhooks';
  const signature = headerValue(request, ZENDESK_SIGNATURE_HEADER);
  if (typeof signature !== 'string') return signature.why;
  const timestamp = headerValue(request, ZENDESK_TIMESTAMP_HEADER);
  if (typeof timestamp !== 'string') return timestamp.why;
  const signedAt = parseInstant(timestamp);
  if (signedAt === null)
    return `${ZENDESK_TIMESTAMP_HEADER}: must be an RFC 3339 timestamp, got ${JSON.stringify(timestamp)}`;
  // Checked before the HMAC so that a replayed (genuine) delivery says so plainly.
  if (Math.abs(now - signedAt) > ZENDESK_REPLAY_WINDOW_MS)
    return `${ZENDESK_TIMESTAMP_HEADER}: ${timestamp} is more than ${ZENDESK_REPLAY_WINDOW_MS / 1000} s from the gateway's clock (a replayed or delayed delivery)`;
  const given = Buffer.from(signature, 'base64');
  const expected = createHmac('sha256', secret)
    .update(timestamp + request.rawBody, 'utf8')
    .digest();
  // Buffer's base64 decoding skips stray characters, so also require the canonical text back.
  const wellFormed = given.length === DIGEST_BYTES && given.toString('base64') === signature;
  if (!wellFormed || !timingSafeEqual(given, expected))
    return `${ZENDESK_SIGNATURE_HEADER}: does not match the body and timestamp signed with the webhook's signing secret`;
  return null;
}
