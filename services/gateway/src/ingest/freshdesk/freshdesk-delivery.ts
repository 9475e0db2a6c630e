import { formatInstant } from '@slawatch/core';
import type { RequestProblem } from '../../errors.js';
import { isJsonObject, type JsonObject } from '../json-payload.js';
import { readFreshdeskTime, isKnownZone } from './freshdesk-time.js';
import {
  readTriggeredEvent,
  triggeredEventKey,
  type TriggeredEvent,
} from './freshdesk-triggered-event.js';

/**
 * The object Freshdesk's "Trigger webhook" action wraps its fields in: the "Simple" content
 * sends `{"freshdesk_webhook": {"ticket_id": …, …}}`, and the body slawatch asks for in
 * "Advanced" mode (docs/helpdesks/freshdesk.md) keeps that wrapper and those names.
 */
export const FRESHDESK_WRAPPER = 'freshdesk_webhook';

/** The longest ticket id or event text taken into an id (the contract allows 256 in all). */
const MAX_ID_PART_LENGTH = 100;

/** A Freshdesk webhook delivery, its envelope read and checked. */
export interface FreshdeskDelivery {
  /** `freshdesk/<host of ticket_url>` (or of `domain`), `freshdesk` when neither is given. */
  readonly source: string;
  /** The ticket id (`{{ticket.id}}`, the number agents see) as text: the events' `subject`. */
  readonly ticketId: string;
  /** When the change happened in Freshdesk, UTC RFC 3339. */
  readonly time: string;
  /** What `{{triggered_event}}` (or the body's own `event`) says happened. */
  readonly event: TriggeredEvent;
  /** The event as text for ids (`status:2>3`). */
  readonly eventKey: string;
  /** Where the event is, for messages: `….triggered_event`, or `….event`. */
  readonly eventPath: string;
  /** The fields (inside `freshdesk_webhook`, or the body itself). */
  readonly fields: JsonObject;
  /** Where the fields are, for messages: `body.freshdesk_webhook` or `body`. */
  readonly path: string;
}

export type DeliveryReading =
  | { readonly kind: 'ticket'; readonly delivery: FreshdeskDelivery }
  | { readonly kind: 'problems'; readonly problems: readonly RequestProblem[] };

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
  nbsp: ' ',
};

/**
 * A field as text, or null for none. Freshdesk renders an empty placeholder as `""` and
 * HTML-escapes some values (`R&amp;D`); both are undone. Text over 256 characters (the
 * contract's limit) is none too.
 */
export function fieldText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const text = value
    .replace(/&(amp|lt|gt|quot|apos|#39|nbsp);/g, (_, name: string) => ENTITIES[name]!)
    .trim();
  return text === '' || text.length > 256 ? null : text;
}

/** A Freshdesk id (a positive whole number, as a number or text), or null for none. */
export function idText(value: unknown): string | null {
  const text = typeof value === 'number' ? String(value) : fieldText(value);
  return text !== null && /^[1-9]\d{0,29}$/.test(text) ? text : null;
}

// A host name, as in `https://acme.freshdesk.com/a/tickets/35436`.
const HOST =
  /^(?:https?:\/\/)?([a-z0-9](?:[a-z0-9-]{0,62}\.)*[a-z0-9-]{1,63})(?::\d+)?(?:[/?#].*)?$/i;

function sourceOf(fields: JsonObject, path: string): string | RequestProblem {
  const [name, value] =
    fields.domain !== undefined ? ['domain', fields.domain] : ['ticket_url', fields.ticket_url];
  const text = fieldText(value);
  if (text === null) return 'freshdesk';
  const host = HOST.exec(text)?.[1];
  if (host === undefined || host.length > MAX_ID_PART_LENGTH)
    return { path: `${path}.${name}`, message: 'must be the Freshdesk helpdesk address' };
  return `freshdesk/${host.toLowerCase()}`;
}

/** The date fields that can date each event, in the order they are tried. */
function timeFieldsFor(event: TriggeredEvent): readonly string[] {
  if (event.name === 'ticket_action' && event.value === 'created')
    return ['ticket_created_on', 'ticket_modified_on'];
  if (event.name === 'status') return ['ticket_modified_on', 'ticket_status_changed_on'];
  return ['ticket_modified_on'];
}

function timeOf(
  fields: JsonObject,
  path: string,
  event: TriggeredEvent,
  problems: RequestProblem[],
): string | null {
  const zoneText = fieldText(fields.time_zone);
  if (zoneText !== null && !isKnownZone(zoneText)) {
    problems.push({
      path: `${path}.time_zone`,
      message: `must be an IANA time zone (Europe/Berlin) or an offset (+05:30), got ${JSON.stringify(zoneText)}`,
    });
    return null;
  }
  const names = timeFieldsFor(event);
  const name = names.find((n) => fieldText(fields[n]) !== null);
  if (name === undefined) {
    problems.push({
      path: `${path}.${names[0]}`,
      message: `missing: the time of the change ({{ticket.${names[0]!.slice('ticket_'.length)}}})`,
    });
    return null;
  }
  const text = fieldText(fields[name])!;
  const read = readFreshdeskTime(text, zoneText);
  if (read.kind === 'instant') return formatInstant(read.instant);
  problems.push({
    path: `${path}.${name}`,
    message:
      read.kind === 'no-zone'
        ? `${JSON.stringify(text)} has no UTC offset: add time_zone (the helpdesk's time zone) to the body`
        : `must be a date such as 2026-11-23 09:00:00 +0100 or 2026-11-23T09:00:00Z, got ${JSON.stringify(text)}`,
  });
  return null;
}

/**
 * Reads the envelope of a delivery: its fields, ticket, event, time and helpdesk. Every
 * problem is listed at once, by its path in the body.
 */
export function readFreshdeskDelivery(payload: unknown): DeliveryReading {
  if (!isJsonObject(payload))
    return {
      kind: 'problems',
      problems: [{ path: 'body', message: 'must be a Freshdesk webhook body, a JSON object' }],
    };
  const wrapped = payload[FRESHDESK_WRAPPER];
  if (wrapped !== undefined && !isJsonObject(wrapped))
    return {
      kind: 'problems',
      problems: [{ path: `body.${FRESHDESK_WRAPPER}`, message: 'must be an object' }],
    };
  const [fields, path] =
    wrapped !== undefined ? [wrapped, `body.${FRESHDESK_WRAPPER}`] : [payload, 'body'];
  if (wrapped === undefined && payload.ticket_id === undefined)
    return {
      kind: 'problems',
      problems: [
        {
          path: `body.${FRESHDESK_WRAPPER}`,
          message:
            'missing: a Freshdesk webhook body for slawatch holds its fields in freshdesk_webhook (docs/helpdesks/freshdesk.md)',
        },
      ],
    };

  const problems: RequestProblem[] = [];
  const ticketId = idText(fields.ticket_id);
  if (ticketId === null || ticketId.length > MAX_ID_PART_LENGTH)
    problems.push({ path: `${path}.ticket_id`, message: 'must be the ticket id ({{ticket.id}})' });
  // An explicit `event` (written into the body by the rule) stands for {{triggered_event}}.
  const [eventName, eventValue] =
    fieldText(fields.event) !== null || isJsonObject(fields.event)
      ? ['event', fields.event]
      : ['triggered_event', fields.triggered_event];
  const event = readTriggeredEvent(eventValue);
  if (event === null) {
    problems.push({
      path: `${path}.${eventName}`,
      message:
        eventValue === undefined || fieldText(eventValue) === null
          ? 'missing: what happened ({{triggered_event}})'
          : `must be a Freshdesk triggered event such as {ticket_action:created} or {status:{from:2,to:3}}, got ${JSON.stringify(eventValue)}`,
    });
  }
  const time = event === null ? null : timeOf(fields, path, event, problems);
  const source = sourceOf(fields, path);
  if (typeof source !== 'string') problems.push(source);
  if (problems.length > 0) return { kind: 'problems', problems };
  const eventKey = triggeredEventKey(event!);
  return {
    kind: 'ticket',
    delivery: {
      source: source as string,
      ticketId: ticketId!,
      time: time!,
      event: event!,
      eventKey: eventKey.length > MAX_ID_PART_LENGTH ? event!.name : eventKey,
      eventPath: `${path}.${eventName}`,
      fields,
      path,
    },
  };
}
