import type { AttributeValue, Attributes } from '../contract/ticket-event.js';
import type { Policy, PolicyMatch } from './policy.js';

/** The ticket fields policies match on. */
export interface MatchableTicket {
  readonly priority: string;
  readonly channel: string;
  readonly team?: string | undefined;
  readonly queue?: string | undefined;
  readonly customerTier?: string | undefined;
  readonly category?: string | undefined;
  readonly tags: readonly string[];
  readonly attributes: Attributes;
}

const SCALAR_FIELDS = ['priority', 'channel', 'team', 'queue', 'customerTier', 'category'] as const;

const listed = (values: readonly AttributeValue[] | undefined, value: AttributeValue | undefined) =>
  values === undefined || (value !== undefined && values.includes(value));

/** Whether every field the policy lists matches the ticket. */
export function matches(match: PolicyMatch, ticket: MatchableTicket): boolean {
  for (const field of SCALAR_FIELDS) if (!listed(match[field], ticket[field])) return false;
  if (match.tags !== undefined && !match.tags.some((tag) => ticket.tags.includes(tag)))
    return false;
  if (match.attributes !== undefined)
    for (const [name, values] of Object.entries(match.attributes))
      if (!listed(values, ticket.attributes[name])) return false;
  return true;
}

/** The first policy, in document order, whose match holds; null when none does. */
export function matchPolicy(policies: readonly Policy[], ticket: MatchableTicket): Policy | null {
  for (const policy of policies) if (matches(policy.match, ticket)) return policy;
  return null;
}
