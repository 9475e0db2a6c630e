import type { RequestProblem } from '../errors.js';

/** A webhook request as an adapter sees it: headers (lower-case names) and the raw body. */
export interface WebhookRequest {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body exactly as received (signatures are over these bytes), UTF-8. */
  readonly rawBody: string;
}

/** What an adapter makes of one webhook delivery. */
export interface MappedDelivery {
  /**
   * Contract events (../docs/events.md), not yet validated: the ingest checks each as the
   * tracker does. Their ids derive from the delivery so that a redelivered webhook gives
   * the same events (idempotent end to end).
   */
  readonly events: readonly object[];
  /** What the delivery held that maps to no event, and why (answered, not an error). */
  readonly ignored: readonly RequestProblem[];
}

/**
 * One helpdesk's webhooks (`POST /api/v1/ingest/<name>`): how its deliveries are signed,
 * and how its payloads map to contract events. Both are pure: no clock but `now`, no I/O.
 */
export interface HelpdeskAdapter {
  readonly name: string;
  /** The environment variable holding the signing secret, when the helpdesk signs. */
  readonly secretVariable: string | null;
  /**
   * Null when `request` carries a valid signature made with `secret` (and, where the
   * helpdesk dates its signatures, one made within the replay window of `now`); otherwise
   * why not, naming the header.
   */
  verify(request: WebhookRequest, secret: string, now: number): string | null;
  /** The events of a delivery whose JSON body is `payload`, or the problems that stop it. */
  map(payload: unknown): MappedDelivery | { readonly problems: readonly RequestProblem[] };
}
