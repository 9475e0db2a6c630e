import type { WebhookRequest } from '../helpdesk-adapter.js';
import { headerValue, hmacMatches, replayWindowProblem } from '../webhook-signature.js';

/** Chatwoot's signature: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>`. */
export const CHATWOOT_SIGNATURE_HEADER = 'x-chatwoot-signature';
/** When Chatwoot signed the delivery, in Unix seconds (`1763888400`). */
export const CHATWOOT_TIMESTAMP_HEADER = 'x-chatwoot-timestamp';

/**
 * How far a signature's timestamp may be from the gateway's clock, either way. A captured
 * delivery replayed later is refused; Chatwoot signs each attempt afresh, so five minutes
 * covers clock drift and its own queueing.
 */
export const CHATWOOT_REPLAY_WINDOW_MS = 5 * 60_000;

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;
// Unix seconds, as Chatwoot writes them (`Time.now.to_i`).
const UNIX_SECONDS = /^\d{1,12}$/;

/**
 * Null when the request carries Chatwoot's signature of its body made with `secret` within
 * {@link CHATWOOT_REPLAY_WINDOW_MS} of `now`; otherwise why not, naming the header.
 */
export function verifyChatwootSignature(
  request: WebhookRequest,
  secret: string,
  now: number,
): string | null {
  // An empty key signs anything anyone can compute: refuse rather than accept every request.
  if (secret === '') return 'no signing secret is configured for Chatwoot webhooks';
  const signature = headerValue(request, CHATWOOT_SIGNATURE_HEADER);
  if (typeof signature !== 'string') return signature.why;
  const timestamp = headerValue(request, CHATWOOT_TIMESTAMP_HEADER);
  if (typeof timestamp !== 'string') return timestamp.why;
  if (!UNIX_SECONDS.test(timestamp))
    return `${CHATWOOT_TIMESTAMP_HEADER}: must be Unix seconds, got ${JSON.stringify(timestamp.slice(0, 40))}`;
  const replayed = replayWindowProblem({
    header: CHATWOOT_TIMESTAMP_HEADER,
    timestamp,
    signedAt: Number(timestamp) * 1000,
    now,
    windowMs: CHATWOOT_REPLAY_WINDOW_MS,
  });
  if (replayed !== null) return replayed;
  const hex = SIGNATURE.exec(signature)?.[1];
  const signed = `${timestamp}.${request.rawBody}`;
  if (
    hex === undefined ||
    !hmacMatches({ algorithm: 'sha256', secret, signed, given: hex, encoding: 'hex' })
  )
    return `${CHATWOOT_SIGNATURE_HEADER}: does not match the body and timestamp signed with the webhook's secret`;
  return null;
}
