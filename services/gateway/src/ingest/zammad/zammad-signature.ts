import type { WebhookRequest } from '../helpdesk-adapter.js';
import { headerValue, hmacMatches } from '../webhook-signature.js';

/**
 * Zammad's signature (lib/user_agent.rb, `set_signature`): `sha1=` and the hex HMAC-SHA1 of
 * the raw body, keyed with the webhook's "HMAC SHA1 Signature Token". It is not dated.
 */
export const ZAMMAD_SIGNATURE_HEADER = 'x-hub-signature';

const SIGNATURE = /^sha1=([0-9a-f]{40})$/i;

/**
 * Null when the request carries Zammad's signature of its body made with `secret`;
 * otherwise why not, naming the header. Zammad does not date its signatures, so there is
 * no replay window: `now` is not read, and a captured delivery can be sent again (it then
 * maps to the same event ids, which slawatch counts once).
 */
export function verifyZammadSignature(
  request: WebhookRequest,
  secret: string,
  _now: number,
): string | null {
  // An empty key signs anything anyone can compute: refuse rather than accept every request.
  if (secret === '') return 'no signing secret is configured for Zammad webhooks';
  const header = headerValue(request, ZAMMAD_SIGNATURE_HEADER);
  if (typeof header !== 'string') return header.why;
  const hex = SIGNATURE.exec(header.trim())?.[1];
  const signed = request.rawBody;
  if (
    hex === undefined ||
    !hmacMatches({ algorithm: 'sha1', secret, signed, given: hex, encoding: 'hex' })
  )
    return `${ZAMMAD_SIGNATURE_HEADER}: does not match the body signed with the webhook's HMAC SHA1 signature token (expected sha1=<40 hex digits>)`;
  return null;
}
