import type { Channel, Priority, TicketStatus } from '@slawatch/core';

/**
 * Chatwoot's conversation statuses and ours. `pending` is a conversation a bot holds
 * (Chatwoot opens it when the bot hands over); `snoozed` is an agent's pause until a time
 * or the customer's next message. Chatwoot has no `new` and no `closed`.
 */
export const CHATWOOT_STATUSES: Readonly<Record<string, TicketStatus>> = {
  open: 'open',
  pending: 'pending',
  snoozed: 'on_hold',
  resolved: 'solved',
};

/** Chatwoot's conversation priorities; `medium` is our `normal` (no priority is too). */
export const CHATWOOT_PRIORITIES: Readonly<Record<string, Priority>> = {
  urgent: 'urgent',
  high: 'high',
  medium: 'normal',
  low: 'low',
};

/**
 * Chatwoot's inbox channel types (the conversation's `channel`, `Channel::WebWidget`), by
 * the name after `Channel::`, in lower case. The contract has no messaging channel: SMS and
 * the messaging apps are `chat`, as the live widget is. Any other type is `other`.
 */
export const CHATWOOT_CHANNELS: Readonly<Record<string, Channel>> = {
  webwidget: 'chat',
  whatsapp: 'chat',
  sms: 'chat',
  twiliosms: 'chat',
  telegram: 'chat',
  line: 'chat',
  email: 'email',
  facebookpage: 'social',
  instagram: 'social',
  twitterprofile: 'social',
  tiktok: 'social',
  voice: 'phone',
  api: 'api',
};

const lookUp = <T>(table: Readonly<Record<string, T>>, value: string): T | null =>
  Object.hasOwn(table, value.toLowerCase()) ? table[value.toLowerCase()]! : null;

/** Our status for a Chatwoot one, or null when it has none. */
export const contractStatus = (value: string): TicketStatus | null =>
  lookUp(CHATWOOT_STATUSES, value);

/** Our priority for a Chatwoot one, or null when it is none of its four. */
export const contractPriority = (value: string): Priority | null =>
  lookUp(CHATWOOT_PRIORITIES, value);

/** Our channel for a Chatwoot `channel` (`Channel::Email`): `other` for any we do not list. */
export function contractChannel(value: unknown): Channel {
  if (typeof value !== 'string') return 'other';
  const name = value.startsWith('Channel::') ? value.slice('Channel::'.length) : value;
  return lookUp(CHATWOOT_CHANNELS, name) ?? 'other';
}
