import type { Channel, Priority, TicketStatus } from '@slawatch/core';

// Freshdesk writes statuses, priorities and sources two ways: as numbers in `{{triggered_event}}`
// (`{status:{from:2,to:3}}`) and as names in `{{ticket.status}}`, `{{ticket.priority}}` and
// `{{ticket.source}}`. Both are read; names through lower case, spaces and dashes as `_`.

/** Freshdesk's built-in statuses, by number. Numbers from 6 up are the account's own. */
export const FRESHDESK_STATUS_NUMBERS: Readonly<Record<number, TicketStatus>> = {
  2: 'open',
  3: 'pending',
  4: 'solved',
  5: 'closed',
};

/**
 * Status names: the built-in four, and the custom statuses most accounts have (Freshdesk
 * creates the two "Waiting on …" ones in new accounts). Other custom statuses are unknown.
 */
export const FRESHDESK_STATUS_NAMES: Readonly<Record<string, TicketStatus>> = {
  open: 'open',
  pending: 'pending',
  resolved: 'solved',
  closed: 'closed',
  waiting_on_customer: 'pending',
  waiting_on_third_party: 'on_hold',
};

/** Freshdesk's priorities: 1 Low, 2 Medium, 3 High, 4 Urgent. */
export const FRESHDESK_PRIORITY_NUMBERS: Readonly<Record<number, Priority>> = {
  1: 'low',
  2: 'normal',
  3: 'high',
  4: 'urgent',
};

export const FRESHDESK_PRIORITY_NAMES: Readonly<Record<string, Priority>> = {
  low: 'low',
  medium: 'normal',
  high: 'high',
  urgent: 'urgent',
};

/**
 * Freshdesk's ticket sources, by number. Custom sources (101 and up) and any other number
 * are `other`.
 */
export const FRESHDESK_SOURCE_NUMBERS: Readonly<Record<number, Channel>> = {
  1: 'email',
  2: 'web', // Portal
  3: 'phone',
  4: 'web', // Forum
  5: 'social', // Twitter
  6: 'social', // Facebook
  7: 'chat',
  8: 'web', // MobiHelp (mobile SDK)
  9: 'web', // Feedback widget
  10: 'email', // Outbound email
  11: 'other', // Ecommerce
  12: 'chat', // Bot
  13: 'chat', // WhatsApp
};

/** Source names as `{{ticket.source}}` renders them (`Email`, `Feedback Widget`, …). */
export const FRESHDESK_SOURCE_NAMES: Readonly<Record<string, Channel>> = {
  email: 'email',
  portal: 'web',
  phone: 'phone',
  forum: 'web',
  twitter: 'social',
  facebook: 'social',
  chat: 'chat',
  mobihelp: 'web',
  feedback_widget: 'web',
  outbound_email: 'email',
  ecommerce: 'other',
  bot: 'chat',
  whatsapp: 'chat',
};

/** `Waiting on Customer` → `waiting_on_customer`; Freshdesk's i18n keys (`portal_key`) too. */
export const nameKey = (value: string): string =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace(/_(key|source)$/, '');

/** A whole number written as a number or as text (`3`, `"3"`), or null. */
export function wholeNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value !== 'string' || !/^\s*\d{1,15}\s*$/.test(value)) return null;
  return Number(value);
}

const lookUp = <T>(
  numbers: Readonly<Record<number, T>>,
  names: Readonly<Record<string, T>>,
  value: unknown,
): T | null => {
  const n = wholeNumber(value);
  if (n !== null) return Object.hasOwn(numbers, n) ? numbers[n]! : null;
  if (typeof value !== 'string') return null;
  const key = nameKey(value);
  return Object.hasOwn(names, key) ? names[key]! : null;
};

/** Our status for a Freshdesk status number or name, or null when it has none. */
export const contractStatus = (value: unknown): TicketStatus | null =>
  lookUp(FRESHDESK_STATUS_NUMBERS, FRESHDESK_STATUS_NAMES, value);

/** Our priority for a Freshdesk priority number or name, or null when it is none of the four. */
export const contractPriority = (value: unknown): Priority | null =>
  lookUp(FRESHDESK_PRIORITY_NUMBERS, FRESHDESK_PRIORITY_NAMES, value);

/** Our channel for a Freshdesk source number or name: `other` for any we do not list. */
export const contractChannel = (value: unknown): Channel =>
  lookUp(FRESHDESK_SOURCE_NUMBERS, FRESHDESK_SOURCE_NAMES, value) ?? 'other';
