import { parseInstant, type EventDataByType, type TicketStatus } from '@slawatch/core';
import type { RequestProblem } from '../../errors.js';
import type { EventDraft } from '../contract-event.js';
import { outcomeBuilders, type EventOutcome } from '../event-outcome.js';
import { isJsonObject, type JsonObject } from '../json-payload.js';
import { idText, type ZendeskDelivery } from './zendesk-delivery.js';
import { contractChannel, contractPriority, contractStatus } from './zendesk-vocabulary.js';

/** What one Zendesk ticket event becomes. Problems stop the delivery; ignored notes do not. */
export type ZendeskEventOutcome = EventOutcome<EventDraft>;

type Mapper = (delivery: ZendeskDelivery) => ZendeskEventOutcome;

const { outcome, one, ignore, problem } = outcomeBuilders<EventDraft>();

// The contract's limits on `tags` (docs/events.md): at most 64, each 1 to 256 characters.
const MAX_TAGS = 64;

/**
 * The ticket's tags for `ticket.created`: Zendesk sends an array (some payloads a
 * space-separated string). Repeats are dropped, since the contract refuses them.
 */
function tagsOf(value: unknown, notes: RequestProblem[]): string[] | null {
  const raw = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : [];
  const tags = [
    ...new Set(
      raw.filter((t): t is string => typeof t === 'string' && t !== '' && t.length <= 256),
    ),
  ];
  if (tags.length > MAX_TAGS) {
    notes.push({
      path: 'body.detail.tags',
      message: `${tags.length} tags, over the contract's ${MAX_TAGS}: left out of ticket.created`,
    });
    return null;
  }
  return tags.length > 0 ? tags : null;
}

/** A Zendesk priority, `null` (no priority set) being `normal`. */
function priorityOf(value: unknown, path: string, notes: RequestProblem[]) {
  if (value === undefined || value === null || value === '') return 'normal' as const;
  const priority = typeof value === 'string' ? contractPriority(value) : null;
  if (priority === null)
    notes.push({
      path,
      message: `${JSON.stringify(value)} is not a Zendesk priority: taken as normal`,
    });
  return priority ?? 'normal';
}

/** The non-null entries of `fields`: the contract's optional fields are left out, not null. */
const present = <T extends Record<string, unknown>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };

const created: Mapper = ({ detail }) => {
  const notes: RequestProblem[] = [];
  const via = isJsonObject(detail.via) ? detail.via : {};
  let status: TicketStatus | null = null;
  if (typeof detail.status === 'string') {
    status = contractStatus(detail.status);
    if (status === null)
      notes.push({
        path: 'body.detail.status',
        message: `${JSON.stringify(detail.status)} maps to no contract status: the ticket starts new`,
      });
  }
  const data: EventDataByType['ticket.created'] = {
    priority: priorityOf(detail.priority, 'body.detail.priority', notes),
    channel: contractChannel(via.channel),
    ...present({
      status,
      team: idText(detail.group_id),
      assigneeId: idText(detail.assignee_id),
      requesterId: idText(detail.requester_id),
      customerId: idText(detail.organization_id),
      tags: tagsOf(detail.tags, notes),
    }),
  };
  return outcome({ drafts: [{ type: 'ticket.created', data }], ignored: notes });
};

const statusChanged: Mapper = ({ event, detail }) => {
  const [value, path] =
    event.current !== undefined
      ? [event.current, 'body.event.current']
      : [detail.status, 'body.detail.status'];
  if (typeof value !== 'string' || value === '')
    return problem('body.event.current', 'missing: the status the ticket changed to');
  const status = contractStatus(value);
  if (status === null) return ignore(path, `${JSON.stringify(value)} maps to no contract status`);
  return one({ type: 'ticket.status_changed', data: { status } });
};

const priorityChanged: Mapper = ({ event }) => {
  if (event.current !== undefined && event.current !== null && typeof event.current !== 'string')
    return problem('body.event.current', 'must be the priority the ticket changed to, or null');
  const notes: RequestProblem[] = [];
  const priority = priorityOf(event.current, 'body.event.current', notes);
  // An unknown priority is not a change to `normal`: nothing is said rather than a guess.
  if (notes.length > 0) return outcome({ ignored: notes });
  return one({ type: 'ticket.updated', data: { changes: { priority } } });
};

const groupChanged: Mapper = ({ event }) => {
  const team = idText(event.current);
  if (team === null)
    return ignore(
      'body.event.current',
      'the ticket left its group: the contract cannot clear a team, so it keeps its last one',
    );
  return one({ type: 'ticket.updated', data: { changes: { team } } });
};

const agentChanged: Mapper = ({ event, detail }) => {
  const assigneeId = idText(event.current);
  if (assigneeId === null)
    return ignore(
      'body.event.current',
      'the ticket was unassigned: the contract has no event for that, so it keeps its last assignee',
    );
  const team = idText(detail.group_id);
  return one({
    type: 'ticket.assigned',
    data: team === null ? { assigneeId } : { assigneeId, team },
  });
};

/**
 * Whether a comment was added in the second the ticket was created: then it is the ticket's
 * opening comment (its description). Zendesk dates tickets to the second and events finer.
 */
function isOpeningComment(time: string, detail: JsonObject): boolean {
  const createdAt = typeof detail.created_at === 'string' ? parseInstant(detail.created_at) : null;
  const at = parseInstant(time);
  return (
    createdAt !== null && at !== null && Math.floor(at / 1000) === Math.floor(createdAt / 1000)
  );
}

const commentAdded: Mapper = ({ event, detail, time }) => {
  const comment = event.comment;
  if (!isJsonObject(comment))
    return problem('body.event.comment', 'missing: the comment that was added');
  if (typeof comment.is_public !== 'boolean')
    return problem('body.event.comment.is_public', 'must be true or false');
  const author = isJsonObject(comment.author) ? comment.author : null;
  if (author !== null && typeof author.is_staff !== 'boolean')
    return problem('body.event.comment.author.is_staff', 'must be true or false');
  // An agent opening a ticket on a customer's behalf (a phone call, a forwarded mail) writes
  // its first comment; counting that as the first response would meet every such ticket's
  // first-response target at once.
  if (isOpeningComment(time, detail))
    return ignore(
      'body.event.comment',
      "the ticket's opening comment (added as the ticket was created) is not a response",
    );
  // Zendesk names an author for people; a comment without one is the system's (triggers, …).
  const kind = author === null ? 'system' : author.is_staff === true ? 'agent' : 'customer';
  const authorId = author === null ? null : idText(author.id);
  return one({
    type: 'ticket.commented',
    data: {
      author: kind,
      public: comment.is_public,
      ...(authorId === null ? {} : { authorId }),
    },
  });
};

const deleted: Mapper = () => one({ type: 'ticket.deleted', data: {} });

/**
 * The Zendesk ticket events slawatch reads, by the name after `zen:event-type:ticket.`.
 * Every other one maps to no contract event and is ignored.
 */
export const ZENDESK_TICKET_EVENTS: Readonly<Record<string, Mapper>> = {
  created,
  status_changed: statusChanged,
  priority_changed: priorityChanged,
  group_assignment_changed: groupChanged,
  agent_assignment_changed: agentChanged,
  comment_added: commentAdded,
  // Deleted tickets leave Zendesk's views; spam is what `ticket.deleted` exists for.
  soft_deleted: deleted,
  permanently_deleted: deleted,
  marked_as_spam: deleted,
};

/** What one Zendesk ticket event delivery becomes. */
export function zendeskTicketEvents(delivery: ZendeskDelivery): ZendeskEventOutcome {
  const mapper = Object.hasOwn(ZENDESK_TICKET_EVENTS, delivery.ticketEvent)
    ? ZENDESK_TICKET_EVENTS[delivery.ticketEvent]!
    : null;
  if (mapper === null) return ignore('body.type', `${delivery.type} maps to no contract event`);
  return mapper(delivery);
}
