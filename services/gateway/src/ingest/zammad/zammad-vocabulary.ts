import type { Channel, Priority, TicketStatus } from '@slawatch/core';

/** What a Zammad ticket state means here: a contract status, or the ticket's deletion. */
export type StateMeaning = TicketStatus | 'deleted';

/**
 * Zammad's ticket states (db/seeds/ticket_states.rb) by name, and the names of its state
 * types (a custom state named after its type reads as that type). `merged` and `removed`
 * take the ticket out of slawatch: a merged ticket lives on in the ticket it was merged
 * into, and counting both would count the conversation twice.
 */
export const ZAMMAD_STATES: Readonly<Record<string, StateMeaning>> = {
  new: 'new',
  open: 'open',
  'pending reminder': 'pending',
  'pending close': 'pending',
  'pending action': 'pending',
  closed: 'closed',
  merged: 'deleted',
  removed: 'deleted',
};

/**
 * The ids Zammad seeds its states with, for a payload that names a state only by
 * `state_id`. A custom state has another id and is then unknown.
 */
export const ZAMMAD_STATE_IDS: Readonly<Record<string, string>> = {
  '1': 'new',
  '2': 'open',
  '3': 'pending reminder',
  '4': 'closed',
  '5': 'merged',
  '6': 'removed',
  '7': 'pending close',
};

/**
 * Zammad's priorities are named `<rank> <word>`, seeded as `1 low`, `2 normal` and
 * `3 high`; the word is read, so a custom `4 urgent` is urgent.
 */
export const ZAMMAD_PRIORITY_WORDS: Readonly<Record<string, Priority>> = {
  low: 'low',
  normal: 'normal',
  high: 'high',
  urgent: 'urgent',
};

/** Zammad's article types (db/seeds/ticket_article_types.rb) and our channels. */
export const ZAMMAD_CHANNELS: Readonly<Record<string, Channel>> = {
  email: 'email',
  web: 'web',
  phone: 'phone',
  chat: 'chat',
  sms: 'chat',
  'telegram personal-message': 'chat',
  'whatsapp message': 'chat',
  'twitter status': 'social',
  'twitter direct-message': 'social',
  'facebook feed post': 'social',
  'facebook feed comment': 'social',
  'facebook direct-message': 'social',
};

const lookUp = <T>(table: Readonly<Record<string, T>>, value: string): T | null => {
  const key = value.trim().toLowerCase();
  return Object.hasOwn(table, key) ? table[key]! : null;
};

/** What a Zammad state name means, or null for a state we cannot place (a custom one). */
export const stateMeaning = (name: string): StateMeaning | null => lookUp(ZAMMAD_STATES, name);

/** The seeded state of a `state_id`, or null. */
export const seededStateName = (id: string): string | null => lookUp(ZAMMAD_STATE_IDS, id);

// `2 normal` → `normal`; a name without a rank is read whole.
const PRIORITY_NAME = /^(?:\d+\s+)?(.+)$/;

/** Our priority for a Zammad priority name, or null when its word is none of our four. */
export function contractPriority(name: string): Priority | null {
  const word = PRIORITY_NAME.exec(name.trim())?.[1];
  return word === undefined ? null : lookUp(ZAMMAD_PRIORITY_WORDS, word);
}

/** Our channel for a Zammad article type: `other` for any we do not list (`note`, `fax`). */
export const contractChannel = (type: unknown): Channel =>
  typeof type === 'string' ? (lookUp(ZAMMAD_CHANNELS, type) ?? 'other') : 'other';
