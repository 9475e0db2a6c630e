import type { Channel, Priority, TicketStatus } from '@slawatch/core';

// Zendesk spells these in upper case in its webhook examples (`OPEN`, `HIGH`) and in lower
// case in its REST API; both are read, through lower case. `slawatch import zendesk` reads
// the incremental export through the same tables (exported by the gateway's index).

/** Zendesk's ticket statuses and ours. `archived`, `deleted` and `scrubbed` have no match. */
export const ZENDESK_STATUSES: Readonly<Record<string, TicketStatus>> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'on_hold',
  on_hold: 'on_hold',
  solved: 'solved',
  closed: 'closed',
};

/** Zendesk's priorities are the contract's own four. */
export const ZENDESK_PRIORITIES: Readonly<Record<string, Priority>> = {
  urgent: 'urgent',
  high: 'high',
  normal: 'normal',
  low: 'low',
};

/**
 * Zendesk's `via.channel` values that mean one of our channels; every other one (rules,
 * merges, side conversations, imports, sample tickets, …) is `other`.
 */
export const ZENDESK_CHANNELS: Readonly<Record<string, Channel>> = {
  email: 'email',
  mail: 'email',
  connect_mail: 'email',
  web: 'web',
  web_form: 'web',
  web_widget: 'web',
  helpcenter: 'web',
  help_center_post: 'web',
  feedback_tab: 'web',
  mobile_sdk: 'web',
  chat: 'chat',
  chat_transcript: 'chat',
  chat_offline_message: 'chat',
  native_messaging: 'chat',
  messaging: 'chat',
  sunshine_conversations_api: 'chat',
  apple_business_chat: 'chat',
  google_business_messages: 'chat',
  google_rcs: 'chat',
  whatsapp: 'chat',
  line: 'chat',
  telegram: 'chat',
  viber: 'chat',
  wechat: 'chat',
  kakaotalk: 'chat',
  sms: 'chat',
  text_message: 'chat',
  twilio_sms: 'chat',
  messagebird_sms: 'chat',
  connect_sms: 'chat',
  voice: 'phone',
  phone_call_inbound: 'phone',
  phone_call_outbound: 'phone',
  voicemail: 'phone',
  api_phone_call_inbound: 'phone',
  api_phone_call_outbound: 'phone',
  api_voicemail: 'phone',
  twitter: 'social',
  twitter_dm: 'social',
  twitter_favorite: 'social',
  twitter_like: 'social',
  facebook_post: 'social',
  facebook_message: 'social',
  instagram_dm: 'social',
  sunshine_conversations_facebook_messenger: 'social',
  sunshine_conversations_twitter_dm: 'social',
  api: 'api',
  web_service: 'api',
};

const lookUp = <T>(table: Readonly<Record<string, T>>, value: string): T | null =>
  Object.hasOwn(table, value.toLowerCase()) ? table[value.toLowerCase()]! : null;

/** Our status for a Zendesk one, or null when it has none. */
export const contractStatus = (value: string): TicketStatus | null =>
  lookUp(ZENDESK_STATUSES, value);

/** Our priority for a Zendesk one, or null when it is none of the four. */
export const contractPriority = (value: string): Priority | null =>
  lookUp(ZENDESK_PRIORITIES, value);

/** Our channel for a Zendesk `via.channel`: `other` for any we do not list. */
export const contractChannel = (value: unknown): Channel =>
  typeof value === 'string' ? (lookUp(ZENDESK_CHANNELS, value) ?? 'other') : 'other';
