import { formatInstant, parseInstant } from '@slawatch/core';
import type { RequestProblem } from '../../errors.js';
import { isJsonObject, objectAt, positiveIdText, type JsonObject } from '../json-payload.js';

/** The Chatwoot webhook events slawatch reads; every other one is answered and ignored. */
export const CHATWOOT_CONVERSATION_EVENTS = [
  'conversation_created',
  'conversation_status_changed',
  'conversation_updated',
] as const;
export const CHATWOOT_MESSAGE_EVENT = 'message_created';

/**
 * The longest Chatwoot id taken (its ids are integers): contract ids allow 256 characters,
 * and the events' ids put a conversation id beside the event and its time.
 */
export const MAX_CHATWOOT_ID_LENGTH = 100;

// Chatwoot's event names (`message_created`, `contact_updated`, `conversation_typing_on`).
const EVENT_NAME = /^[a-z][a-z0-9_]{0,99}$/;

/** A Chatwoot conversation or message event delivery, its envelope read and checked. */
export interface ChatwootDelivery {
  /** The delivery's `event` (`conversation_status_changed`). */
  readonly event: string;
  /** `chatwoot/<account id>`, or `chatwoot` when the delivery names no account. */
  readonly source: string;
  /** The conversation's id in its account (`display_id`) as text: the events' `subject`. */
  readonly conversationId: string;
  /** The conversation: the body itself for conversation events, its `conversation` for messages. */
  readonly conversation: JsonObject;
  /** Where the conversation is in the body, for messages: `body` or `body.conversation`. */
  readonly conversationPath: string;
  /** When the change happened, UTC RFC 3339 (see {@link timeOf}). */
  readonly time: string;
  /** The whole body. */
  readonly body: JsonObject;
  /** Notes on how the delivery was read (a fallback time), answered under `ignored`. */
  readonly notes: readonly RequestProblem[];
}

export type DeliveryReading =
  | { readonly kind: 'read'; readonly delivery: ChatwootDelivery }
  /** A well-formed Chatwoot event slawatch does not read (`contact_created`, …). */
  | { readonly kind: 'other'; readonly event: string }
  | { readonly kind: 'problems'; readonly problems: readonly RequestProblem[] };

/**
 * A Chatwoot id as text, or null for none. Chatwoot's ids are integers in its webhooks;
 * digit strings are taken too. `null`, `""` and `0` are none.
 */
export const idText = (value: unknown): string | null =>
  positiveIdText(value, MAX_CHATWOOT_ID_LENGTH);

// `created_at.to_s` of a Ruby time, as Chatwoot's older webhook examples show it.
const RUBY_UTC = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) UTC$/;
// Unix seconds beyond this (year 5138) are not Chatwoot's.
const MAX_UNIX_SECONDS = 1e11;

/**
 * A Chatwoot time as an instant (ms), or null. Conversations date themselves in Unix
 * seconds (`created_at` an integer, `updated_at` a float to the microsecond); messages as
 * text, `2026-11-23T09:14:30.123Z` (or `2026-11-23 09:14:30 UTC` in older versions).
 */
export function chatwootInstant(value: unknown): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0 || value >= MAX_UNIX_SECONDS) return null;
    // Through microseconds, so that 1763888400.123 (…122.9999 in binary) stays …123 ms.
    return Math.floor(Math.round(value * 1e6) / 1000);
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const ruby = RUBY_UTC.exec(text);
  return parseInstant(ruby ? `${ruby[1]}T${ruby[2]}Z` : text);
}

/** The `current_value` of attribute `name` in a `changed_attributes` list, if it is there. */
export function changedValue(
  changes: unknown,
  name: string,
): { readonly value: unknown } | undefined {
  if (!Array.isArray(changes)) return undefined;
  for (const change of changes) {
    if (!isJsonObject(change) || !Object.hasOwn(change, name)) continue;
    const values = change[name];
    return { value: isJsonObject(values) ? values.current_value : undefined };
  }
  return undefined;
}

/**
 * The account id, where the delivery has one: `account.id` (message events),
 * `account_id`, or the account of the conversation's last message (`messages[0]`):
 * Chatwoot's conversation payloads carry no account of their own.
 */
function sourceOf(
  body: JsonObject,
  conversation: JsonObject,
  conversationPath: string,
): string | RequestProblem {
  const account = isJsonObject(body.account) ? body.account : {};
  const messages: unknown = conversation.messages;
  const lastMessage: unknown = Array.isArray(messages) ? (messages as unknown[])[0] : undefined;
  const candidates: [unknown, string][] = [
    [account.id, 'body.account.id'],
    [body.account_id, 'body.account_id'],
    [conversation.account_id, `${conversationPath}.account_id`],
    [
      isJsonObject(lastMessage) ? lastMessage.account_id : undefined,
      `${conversationPath}.messages[0].account_id`,
    ],
  ];
  const found = candidates.find(([value]) => value !== undefined && value !== null);
  if (found === undefined) return 'chatwoot';
  const id = idText(found[0]);
  return id === null
    ? { path: found[1], message: 'must be the Chatwoot account id' }
    : `chatwoot/${id}`;
}

/**
 * When the change happened, by event:
 * - `conversation_created`: the conversation's `created_at` (Unix seconds);
 * - `conversation_status_changed`, `conversation_updated`: its `updated_at` (Unix seconds,
 *   to the microsecond), else the `updated_at` of `changed_attributes`; a Chatwoot that
 *   sends neither is dated by `timestamp` (the last activity), and the answer says so;
 * - `message_created`: the message's `created_at`.
 */
function timeOf(
  event: string,
  body: JsonObject,
  notes: RequestProblem[],
): { readonly value: unknown; readonly path: string } {
  if (event === CHATWOOT_MESSAGE_EVENT || event === 'conversation_created')
    return { value: body.created_at, path: 'body.created_at' };
  if (body.updated_at !== undefined && body.updated_at !== null)
    return { value: body.updated_at, path: 'body.updated_at' };
  const changed = changedValue(body.changed_attributes, 'updated_at');
  if (changed !== undefined)
    return { value: changed.value, path: 'body.changed_attributes.updated_at.current_value' };
  if (chatwootInstant(body.timestamp) !== null)
    notes.push({
      path: 'body.updated_at',
      message:
        "missing: the change is dated by the conversation's last activity (`timestamp`), the nearest time this Chatwoot sends",
    });
  return { value: body.timestamp, path: 'body.updated_at' };
}

/**
 * Reads the envelope of a Chatwoot account webhook delivery: its event, conversation,
 * account and time. Every problem is listed at once, by its path in the body.
 */
export function readChatwootDelivery(payload: unknown): DeliveryReading {
  if (!isJsonObject(payload))
    return {
      kind: 'problems',
      problems: [{ path: 'body', message: 'must be a Chatwoot webhook event, a JSON object' }],
    };
  const event = payload.event;
  if (typeof event !== 'string' || !EVENT_NAME.test(event))
    return {
      kind: 'problems',
      problems: [
        {
          path: 'body.event',
          message:
            typeof event === 'string'
              ? `must be a Chatwoot webhook event name (message_created, …), got ${JSON.stringify(event.slice(0, 100))}`
              : 'missing: a Chatwoot webhook names its event (conversation_created, message_created, …)',
        },
      ],
    };
  const isMessage = event === CHATWOOT_MESSAGE_EVENT;
  if (!isMessage && !(CHATWOOT_CONVERSATION_EVENTS as readonly string[]).includes(event))
    return { kind: 'other', event };

  const problems: RequestProblem[] = [];
  const notes: RequestProblem[] = [];
  const conversationPath = isMessage ? 'body.conversation' : 'body';
  const conversation = isMessage ? (objectAt(payload, 'conversation', problems) ?? {}) : payload;
  // `id` is the conversation's number in its account (`display_id`); older payloads name
  // it `display_id` beside the database `id`, which is then not the one agents see.
  const hasDisplayId = conversation.display_id !== undefined && conversation.display_id !== null;
  const conversationId = idText(hasDisplayId ? conversation.display_id : conversation.id);
  if (conversationId === null)
    problems.push({
      path: `${conversationPath}.${hasDisplayId ? 'display_id' : 'id'}`,
      message: 'missing: the conversation id (a positive integer)',
    });
  if (isMessage && idText(payload.id) === null)
    problems.push({ path: 'body.id', message: 'missing: the message id (a positive integer)' });
  const source = sourceOf(payload, conversation, conversationPath);
  if (typeof source !== 'string') problems.push(source);
  const time = timeOf(event, payload, notes);
  const instant = chatwootInstant(time.value);
  if (instant === null)
    problems.push({
      path: time.path,
      message: `must be the time of the change (Unix seconds, or an RFC 3339 timestamp), got ${JSON.stringify(time.value ?? null)?.slice(0, 100)}`,
    });
  if (problems.length > 0) return { kind: 'problems', problems };
  return {
    kind: 'read',
    delivery: {
      event,
      source: source as string,
      conversationId: conversationId!,
      conversation,
      conversationPath,
      time: formatInstant(instant!),
      body: payload,
      notes,
    },
  };
}
