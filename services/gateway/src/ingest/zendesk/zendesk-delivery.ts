import { formatInstant } from '@slawatch/core';
import type { RequestProblem } from '../../errors.js';
import {
  instantAt,
  isJsonObject,
  objectAt,
  positiveIdText,
  type JsonObject,
} from '../json-payload.js';

/** Every event-subscribed webhook's `type` starts so; ticket events go on with `ticket.`. */
export const ZENDESK_EVENT_TYPE_PREFIX = 'zen:event-type:';
export const ZENDESK_TICKET_EVENT_PREFIX = `${ZENDESK_EVENT_TYPE_PREFIX}ticket.`;

/**
 * The longest Zendesk event id taken (its ids are UUIDs): the contract allows ids of 256
 * characters, and a delivery that yields several events suffixes each id.
 */
export const MAX_DELIVERY_ID_LENGTH = 200;

/** A Zendesk ticket event delivery, its envelope read and checked. */
export interface ZendeskDelivery {
  /** Zendesk's id of the event (`id`): the root of the contract events' ids. */
  readonly id: string;
  /** `zendesk/<account_id>`, or `zendesk` when the delivery names no account. */
  readonly source: string;
  /** The ticket id as text (`"12345"`): the contract events' `subject`. */
  readonly ticketId: string;
  /** The delivery's `time` as UTC RFC 3339, cut to the millisecond. */
  readonly time: string;
  /** What follows `zen:event-type:ticket.` (`status_changed`). */
  readonly ticketEvent: string;
  /** The full `type`, for messages. */
  readonly type: string;
  /** The ticket as it was after the event (`detail`); `{}` when absent. */
  readonly detail: JsonObject;
  /** What changed (`event`, e.g. `{current, previous}`); `{}` when absent. */
  readonly event: JsonObject;
}

export type DeliveryReading =
  | { readonly kind: 'ticket'; readonly delivery: ZendeskDelivery }
  /** A well-formed Zendesk event of another domain (user, organization, …). */
  | { readonly kind: 'other'; readonly type: string }
  | { readonly kind: 'problems'; readonly problems: readonly RequestProblem[] };

/**
 * A Zendesk id as text, or null for none. Zendesk sends ids as strings in webhooks
 * (`"35436"`) and as numbers elsewhere, and writes "no group" and the like as `null`, `""`
 * or `"0"`; all of those are none.
 */
export const idText = (value: unknown): string | null => positiveIdText(value, 256);

// The ticket id is `detail.id`; the `subject` (`zen:ticket:<id>`) names it too.
const SUBJECT_TICKET = /^zen:ticket:(\d{1,30})$/;

function ticketIdOf(body: JsonObject, detail: JsonObject): string | null {
  const fromDetail = idText(detail.id);
  if (fromDetail !== null) return fromDetail;
  const match = typeof body.subject === 'string' ? SUBJECT_TICKET.exec(body.subject) : null;
  return match ? match[1]! : null;
}

function sourceOf(accountId: unknown): string | RequestProblem {
  if (accountId === undefined || accountId === null) return 'zendesk';
  const id = idText(accountId);
  if (id === null || id.length > MAX_DELIVERY_ID_LENGTH)
    return { path: 'body.account_id', message: 'must be the Zendesk account id' };
  return `zendesk/${id}`;
}

/**
 * Reads the envelope of an event-subscribed webhook delivery: its type, id, time, account
 * and ticket. Every problem is listed at once, by its path in the body.
 */
export function readZendeskDelivery(payload: unknown): DeliveryReading {
  if (!isJsonObject(payload))
    return {
      kind: 'problems',
      problems: [{ path: 'body', message: 'must be a Zendesk webhook event, a JSON object' }],
    };
  const type = payload.type;
  if (typeof type !== 'string' || !type.startsWith(ZENDESK_EVENT_TYPE_PREFIX))
    return {
      kind: 'problems',
      problems: [
        {
          path: 'body.type',
          message:
            typeof type === 'string'
              ? `must be a Zendesk event type (zen:event-type:…), got ${JSON.stringify(type)}`
              : 'missing: an event-subscribed Zendesk webhook names its event type (zen:event-type:…)',
        },
      ],
    };
  if (!type.startsWith(ZENDESK_TICKET_EVENT_PREFIX)) return { kind: 'other', type };

  const problems: RequestProblem[] = [];
  const detail = objectAt(payload, 'detail', problems) ?? {};
  const event = objectAt(payload, 'event', problems) ?? {};
  const id = payload.id;
  if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_DELIVERY_ID_LENGTH)
    problems.push({
      path: 'body.id',
      message: `must be the Zendesk event id, text of 1 to ${MAX_DELIVERY_ID_LENGTH} characters`,
    });
  const instant = instantAt(payload, 'time', 'body', problems);
  const ticketId = ticketIdOf(payload, detail);
  if (ticketId === null)
    problems.push({
      path: 'body.detail.id',
      message: 'missing: a ticket event names its ticket (detail.id, or subject zen:ticket:<id>)',
    });
  const source = sourceOf(payload.account_id);
  if (typeof source !== 'string') problems.push(source);
  if (problems.length > 0) return { kind: 'problems', problems };
  return {
    kind: 'ticket',
    delivery: {
      id: id as string,
      source: source as string,
      ticketId: ticketId!,
      time: formatInstant(instant!),
      ticketEvent: type.slice(ZENDESK_TICKET_EVENT_PREFIX.length),
      type,
      detail,
      event,
    },
  };
}
