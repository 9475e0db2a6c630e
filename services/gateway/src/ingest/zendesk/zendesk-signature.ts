import { parseInstant } from '@slawatch/core';
import type { WebhookRequest } from '../helpdesk-adapter.js';
import { headerValue, hmacMatches, replayWindowProblem } from '../webhook-signature.js';

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
  const replayed = replayWindowProblem({
    header: ZENDESK_TIMESTAMP_HEADER,
    timestamp,
    signedAt,
    now,
    windowMs: ZENDESK_REPLAY_WINDOW_MS,
  });
  if (replayed !== null) return replayed;
  const signed = timestamp + request.rawBody;
  if (!hmacMatches({ algorithm: 'sha256', secret, signed, given: signature, encoding: 'base64' }))
    return `${ZENDESK_SIGNATURE_HEADER}: does not match the body and timestamp signed with the webhook's signing secret`;
  return null;
}
