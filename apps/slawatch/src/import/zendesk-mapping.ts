import {
  formatInstant,
  parseInstant,
  type Author,
  type Channel,
  type EventDataByType,
  type EventType,
  type Priority,
  type TicketEvent,
  type TicketStatus,
} from '@slawatch/core';
import { zendeskChannel, zendeskPriority, zendeskStatus } from '@slawatch/gateway';

// Zendesk's incremental ticket event export (GET /api/v2/incremental/ticket_events.json,
// docs/import.md) lists one "ticket event" per ticket update (an audit): `id`, `ticket_id`,
// `timestamp` (Unix seconds), `created_at`, `updater_id`, `via` and `child_events`, each
// child an `event_type` (`Create`, `Change`, `Comment`, `VoiceComment`, ...). A field a
// child sets is read either as `field_name`/`value`/`previous_value` (the audit shape) or
// as the field's own key (`"status": "open", "previous_value": "new"`), since both are
// seen in published examples. This file is pure: no I/O, no clock.

/** What the mapper remembers of a ticket between ticket events (kept in the state file). */
export interface TicketMemory {
  /** The requester: a comment by this user is the customer's. */
  r?: string;
  /** The group, sent as `team` with assignments. */
  g?: string;
}

/** A Zendesk ticket event that produced nothing, or a child event skipped, and why. */
export interface SkipNote {
  readonly zendeskId: string;
  readonly ticketId: string;
  readonly reason: string;
}

export interface MappedPage {
  readonly events: TicketEvent[];
  readonly skipped: SkipNote[];
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A Zendesk id as text: numbers and digit strings; null, "", 0 and -1 are "none". */
export function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^[1-9]\d{0,30}$/.test(value.trim())) return value.trim();
  return null;
}

// The gateway's Zendesk vocabulary (docs/helpdesks/zendesk.md): the export and the webhooks
// spell statuses, priorities and channels alike.
const statusOf = (value: unknown): TicketStatus | null =>
  typeof value === 'string' ? zendeskStatus(value) : null;
const priorityOf = (value: unknown): Priority | null =>
  typeof value === 'string' ? zendeskPriority(value) : null;

/**
 * Our channel for a Zendesk `via`: the export writes the top-level `via` as a name
 * ("Web form", "Mail", "Phone call (inbound)") and a comment's as an object with
 * `channel`; both are read, names as `web_form`, `mail`, `phone_call_inbound`.
 */
export function channelOf(via: unknown): Channel | null {
  const name = isObject(via) ? via.channel : via;
  if (typeof name !== 'string' || name.trim() === '') return null;
  const key = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  return zendeskChannel(key);
}

/** The fields slawatch reads from `Create` and `Change` child events. */
const FIELDS = [
  'status',
  'priority',
  'group_id',
  'assignee_id',
  'requester_id',
  'organization_id',
  'tags',
] as const;
type Field = (typeof FIELDS)[number];

interface FieldValue {
  readonly field: Field;
  readonly value: unknown;
}

/** The field a Create or Change child sets, in either shape; null for fields we do not read. */
function fieldOf(child: JsonObject): FieldValue | null {
  if (typeof child.field_name === 'string') {
    const field = FIELDS.find((f) => f === child.field_name);
    return field === undefined ? null : { field, value: child.value };
  }
  for (const field of FIELDS)
    if (Object.hasOwn(child, field)) return { field, value: child[field] };
  return null;
}

const MAX_TAGS = 64;

/** Tags as the contract takes them: distinct, 1 to 256 characters, at most 64 (else none). */
function tagsOf(value: unknown): string[] | null {
  const raw = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : [];
  const tags = [
    ...new Set(
      raw.filter((t): t is string => typeof t === 'string' && t !== '' && t.length <= 256),
    ),
  ];
  return tags.length > 0 && tags.length <= MAX_TAGS ? tags : null;
}

const COMMENT_TYPES = new Set(['Comment', 'VoiceComment']);

type Draft = {
  [T in EventType]: { readonly id: string; readonly type: T; readonly data: EventDataByType[T] };
}[EventType];

/**
 * Turns Zendesk ticket events into contract events, page after page. It remembers each
 * ticket's requester and group (`tickets`), which later pages need: give it the memory
 * of a previous run to resume.
 */
export class ZendeskMapper {
  readonly tickets: Map<string, TicketMemory>;

  constructor(
    readonly source: string,
    tickets: Iterable<[string, TicketMemory]> = [],
  ) {
    this.tickets = new Map(tickets);
  }

  /** Maps a page's ticket events, in order. */
  mapAll(ticketEvents: readonly unknown[]): MappedPage {
    const events: TicketEvent[] = [];
    const skipped: SkipNote[] = [];
    for (const raw of ticketEvents) {
      const mapped = this.map(raw);
      events.push(...mapped.events);
      skipped.push(...mapped.skipped);
    }
    return { events, skipped };
  }

  /** Maps one Zendesk ticket event (an update of one ticket) to its contract events. */
  map(raw: unknown): MappedPage {
    const skipped: SkipNote[] = [];
    const zendeskId = isObject(raw) ? (idText(raw.id) ?? String(raw.id)) : '?';
    const ticketId = isObject(raw) ? idText(raw.ticket_id) : null;
    const skip = (reason: string, id = zendeskId) =>
      skipped.push({ zendeskId: id, ticketId: ticketId ?? '?', reason });
    if (!isObject(raw) || ticketId === null || idText(raw.id) === null) {
      skip('not a Zendesk ticket event (an object with an id and a ticket_id)');
      return { events: [], skipped };
    }
    const time = timeOf(raw);
    if (time === null) {
      skip('no created_at or timestamp');
      return { events: [], skipped };
    }
    const children = Array.isArray(raw.child_events) ? raw.child_events.filter(isObject) : [];
    const memory = this.tickets.get(ticketId) ?? {};
    this.tickets.set(ticketId, memory);
    const drafts: Draft[] = [];

    const creates = children.filter((c) => c.event_type === 'Create');
    const isCreation = creates.length > 0;
    if (isCreation) drafts.push(this.created(zendeskId, raw, creates, children, memory));

    // A group change applies to an assignment made in the same update, whatever the order.
    for (const child of children) {
      const fv = child.event_type === 'Change' ? fieldOf(child) : null;
      if (fv?.field === 'group_id' && idText(fv.value) !== null) memory.g = idText(fv.value)!;
      if (fv?.field === 'requester_id' && idText(fv.value) !== null) memory.r = idText(fv.value)!;
    }

    // With the `comment_events` sideload the comment is its own child; a `comment_present`
    // flag next to it must not count it twice.
    const sideloaded = children.some(isSideloadedComment);
    const isComment = (c: JsonObject) =>
      isSideloadedComment(c) || (!sideloaded && c.comment_present === true);
    for (const child of children) {
      const childId = idText(child.id) ?? `${zendeskId}.${children.indexOf(child)}`;
      if (child.event_type === 'Change') {
        const draft = this.change(childId, child, memory, (reason) => skip(reason, childId));
        if (draft !== null) drafts.push(draft);
      }
      if (isComment(child)) {
        // A `comment_present` flag on a Change child makes two events of one child.
        const commentId = child.event_type === 'Change' ? `${childId}-comment` : childId;
        // The comment of the update that created the ticket is its description, not a
        // reply: an agent opening a ticket for a customer would meet its first response.
        if (isCreation) {
          skip(
            "the ticket's opening comment (added as the ticket was created) is not a response",
            commentId,
          );
          continue;
        }
        drafts.push(commented(commentId, child, raw, memory));
      }
    }

    const events = drafts.map(
      (d) =>
        ({
          specversion: '1.0',
          id: d.id,
          source: this.source,
          type: d.type,
          subject: ticketId,
          time: formatInstant(time),
          datacontenttype: 'application/json',
          data: d.data,
        }) as TicketEvent,
    );
    return { events, skipped };
  }

  private created(
    id: string,
    raw: JsonObject,
    creates: JsonObject[],
    children: JsonObject[],
    memory: TicketMemory,
  ): Draft {
    const set = new Map<Field, unknown>();
    for (const child of creates) {
      const fv = fieldOf(child);
      if (fv !== null) set.set(fv.field, fv.value);
    }
    const requester = idText(set.get('requester_id'));
    const group = idText(set.get('group_id'));
    if (requester !== null) memory.r = requester;
    if (group !== null) memory.g = group;
    const comment = children.find(isSideloadedComment);
    // The update's own `via` names the channel; a sideloaded comment's `via.channel` is finer.
    const channel = channelOf(comment?.via) ?? channelOf(raw.via) ?? 'other';
    const status = statusOf(set.get('status'));
    const fields = {
      status,
      team: group,
      assigneeId: idText(set.get('assignee_id')),
      requesterId: requester,
      customerId: idText(set.get('organization_id')),
      tags: tagsOf(set.get('tags')),
    };
    return {
      id,
      type: 'ticket.created',
      data: {
        priority: priorityOf(set.get('priority')) ?? 'normal',
        channel,
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)),
      },
    };
  }

  private change(
    id: string,
    child: JsonObject,
    memory: TicketMemory,
    skip: (reason: string) => void,
  ): Draft | null {
    const fv = fieldOf(child);
    if (fv === null) return null;
    const { field, value } = fv;
    switch (field) {
      case 'status': {
        if (typeof value === 'string' && value.toLowerCase() === 'deleted')
          return { id, type: 'ticket.deleted', data: {} };
        const status = statusOf(value);
        if (status === null) {
          skip(`status ${JSON.stringify(value)} maps to no contract status`);
          return null;
        }
        return { id, type: 'ticket.status_changed', data: { status } };
      }
      case 'priority': {
        // No priority (cleared) is `normal`, as at creation.
        const priority =
          value === null || value === '' || value === undefined ? 'normal' : priorityOf(value);
        if (priority === null) {
          skip(`priority ${JSON.stringify(value)} is not a Zendesk priority`);
          return null;
        }
        return { id, type: 'ticket.updated', data: { changes: { priority } } };
      }
      case 'group_id': {
        const team = idText(value);
        if (team === null) {
          skip('the ticket left its group: the contract cannot clear a team');
          return null;
        }
        return { id, type: 'ticket.updated', data: { changes: { team } } };
      }
      case 'assignee_id': {
        const assigneeId = idText(value);
        if (assigneeId === null) {
          skip('the ticket was unassigned: the contract cannot clear an assignee');
          return null;
        }
        return {
          id,
          type: 'ticket.assigned',
          data: memory.g === undefined ? { assigneeId } : { assigneeId, team: memory.g },
        };
      }
      case 'requester_id': // remembered (see map), for telling customers from agents
      case 'organization_id': // read at creation only
      case 'tags': // read at creation only, like the webhook adapter
        return null;
    }
  }
}

/**
 * A sideloaded comment child (`Comment`, `VoiceComment`). Without the `comment_events`
 * sideload a comment shows only as `comment_present: true` on a child.
 */
const isSideloadedComment = (child: JsonObject): boolean =>
  typeof child.event_type === 'string' && COMMENT_TYPES.has(child.event_type);

/**
 * Who wrote a comment: nobody (no author, or Zendesk's -1) is the `system`; the ticket's
 * requester is the `customer`; anyone else is an `agent`. When the requester is unknown
 * (the ticket was created before the import's start), the author is taken as the
 * customer: a customer mistaken for an agent would meet a response target that was not
 * met, while the other mistake leaves a clock running that an agent stopped.
 */
export function authorOf(authorId: string | null, memory: TicketMemory): Author {
  if (authorId === null) return 'system';
  if (memory.r === undefined || memory.r === authorId) return 'customer';
  return 'agent';
}

function commented(id: string, child: JsonObject, raw: JsonObject, memory: TicketMemory): Draft {
  // Without the sideload the comment names no author: the update's author wrote it.
  const authorId = idText(Object.hasOwn(child, 'author_id') ? child.author_id : raw.updater_id);
  const isPublic = typeof child.public === 'boolean' ? child.public : child.comment_public === true;
  return {
    id,
    type: 'ticket.commented',
    data: {
      author: authorOf(authorId, memory),
      public: isPublic,
      ...(authorId === null ? {} : { authorId }),
    },
  };
}

/** The update's time: `created_at` (RFC 3339), else `timestamp` (Unix seconds). */
export function timeOf(raw: JsonObject): number | null {
  if (typeof raw.created_at === 'string') {
    const at = parseInstant(raw.created_at);
    if (at !== null) return at;
  }
  if (typeof raw.timestamp === 'number' && Number.isFinite(raw.timestamp))
    return raw.timestamp * 1000;
  return null;
}
