import type { AttributeValue } from '../contract/ticket-event.js';
import type { Channel, ClockKind, Priority, TicketStatus } from '../contract/vocabulary.js';

/** Which tickets a policy applies to: every listed field must match; omitted = any. */
export interface PolicyMatch {
  readonly priority?: readonly Priority[];
  readonly channel?: readonly Channel[];
  readonly team?: readonly string[];
  readonly queue?: readonly string[];
  readonly customerTier?: readonly string[];
  readonly category?: readonly string[];
  /** Matches when the ticket has any of these tags. */
  readonly tags?: readonly string[];
  /** `attributes.<name>`: the ticket's custom field equals one of the values. */
  readonly attributes?: Readonly<Record<string, readonly AttributeValue[]>>;
}

/** One SLA policy of the policy document, validated; targets in milliseconds. */
export interface Policy {
  readonly id: string;
  readonly match: PolicyMatch;
  readonly calendar: string;
  readonly targets: Readonly<Partial<Record<ClockKind, number>>>;
  /** Statuses that pause the resolution clock. */
  readonly pauseOn: readonly TicketStatus[];
  /** At-risk thresholds as fractions of the target, ascending. */
  readonly warnAt: readonly number[];
}

export const DEFAULT_PAUSE_ON: readonly TicketStatus[] = ['pending', 'on_hold'];
