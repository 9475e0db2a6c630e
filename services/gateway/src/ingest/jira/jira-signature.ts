import type { WebhookRequest } from '../helpdesk-adapter.js';
import { headerValue, hmacMatches } from '../webhook-signature.js';

/**
 * Jira's signature of an admin webhook registered with a secret: `sha256=` and the hex
 * HMAC-SHA256, keyed with the secret, of the raw body (the WebSub `method=signature` form).
 */
export const JIRA_SIGNATURE_HEADER = 'x-hub-signature';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Null when the request carries Jira's signature of its body made with `secret`; otherwise
 * why not, naming the header. Jira does not date its signatures, so there is no replay
 * window: a replayed delivery maps to the same events, which slawatch counts once.
 */
export function verifyJiraSignature(
  request: WebhookRequest,
  secret: string,
  _now: number,
): string | null {
  // An empty key signs anything anyone can compute: refuse rather than accept every request.
  if (secret === '') return 'no signing secret is configured for Jira webhooks';
  const signature = headerValue(request, JIRA_SIGNATURE_HEADER);
  if (typeof signature !== 'string') return signature.why;
  const match = SIGNATURE.exec(signature.trim());
  if (match === null)
    return `${JIRA_SIGNATURE_HEADER}: must be sha256=<hex HMAC-SHA256 of the body>, got ${JSON.stringify(signature.split('=')[0]!.slice(0, 20) + '=…')}`;
  const signed = request.rawBody;
  if (!hmacMatches({ algorithm: 'sha256', secret, signed, given: match[1]!, encoding: 'hex' }))
    return `${JIRA_SIGNATURE_HEADER}: does not match the body signed with the webhook's secret`;
  return null;
}
