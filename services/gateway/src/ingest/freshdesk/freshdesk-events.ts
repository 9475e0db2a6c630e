import type { EventDataByType, TicketStatus } from '@slawatch/core';
import type { RequestProblem } from '../../errors.js';
import type { EventDraft } from '../contract-event.js';
import { outcomeBuilders, type EventOutcome } from '../event-outcome.js';
import { fieldText, idText, type FreshdeskDelivery } from './freshdesk-delivery.js';
import {
  contractChannel,
  contractPriority,
  contractStatus,
  wholeNumber,
} from './freshdesk-vocabulary.js';

/** What one Freshdesk delivery becomes. Problems stop the delivery; ignored notes do not. */
export type FreshdeskEventOutcome = EventOutcome<EventDraft>;

type Mapper = (delivery: FreshdeskDelivery) => FreshdeskEventOutcome;

const { outcome, one, ignore, problem } = outcomeBuilders<EventDraft>();

// The contract's limit on `tags` (docs/events.md): at most 64.
const MAX_TAGS = 64;

/** `{{ticket.tags}}` renders the tags joined by `, `. Repeats are dropped (the contract refuses them). */
function tagsOf({ fields, path }: FreshdeskDelivery, notes: RequestProblem[]): string[] | null {
  const raw = fields.ticket_tags;
  const parts = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : [];
  const tags = [...new Set(parts.map(fieldText).filter((tag): tag is string => tag !== null))];
  if (tags.length > MAX_TAGS) {
    notes.push({
      path: `${path}.ticket_tags`,
      message: `${tags.length} tags, over the contract's ${MAX_TAGS}: left out of ticket.created`,
    });
    return null;
  }
  return tags.length > 0 ? tags : null;
}

/** The non-null entries of `fields`: the contract's optional fields are left out, not null. */
const present = <T extends Record<string, unknown>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };

/** The group's name: teams are group names (`{{ticket.group.name}}`), not ids. */
const teamOf = ({ fields }: FreshdeskDelivery) => fieldText(fields.ticket_group_name);
/** The agent's email (`{{ticket.agent.email}}`): assignees are agents' emails. */
const assigneeOf = ({ fields }: FreshdeskDelivery) => fieldText(fields.ticket_agent_email);

const created: Mapper = (delivery) => {
  const { fields, path } = delivery;
  const notes: RequestProblem[] = [];
  let status: TicketStatus | null = null;
  if (fieldText(fields.ticket_status) !== null) {
    status = contractStatus(fieldText(fields.ticket_status));
    if (status === null)
      notes.push({
        path: `${path}.ticket_status`,
        message: `${JSON.stringify(fields.ticket_status)} maps to no contract status: the ticket starts new`,
      });
  }
  const priorityText = fieldText(fields.ticket_priority);
  const priority = priorityText === null ? 'normal' : contractPriority(priorityText);
  if (priority === null)
    notes.push({
      path: `${path}.ticket_priority`,
      message: `${JSON.stringify(priorityText)} is not a Freshdesk priority: taken as normal`,
    });
  const data: EventDataByType['ticket.created'] = {
    priority: priority ?? 'normal',
    channel: contractChannel(fieldText(fields.ticket_source)),
    ...present({
      status,
      team: teamOf(delivery),
      assigneeId: assigneeOf(delivery),
      requesterId: idText(fields.ticket_requester_id) ?? fieldText(fields.ticket_requester_email),
      customerId: fieldText(fields.ticket_company_name),
      tags: tagsOf(delivery, notes),
    }),
  };
  return outcome({ drafts: [{ type: 'ticket.created', data }], ignored: notes });
};

const eventPath = (delivery: FreshdeskDelivery) => delivery.eventPath;

/** A change's new value, or the problem that it has none readable. */
function changedTo(delivery: FreshdeskDelivery): { to: string | null } | FreshdeskEventOutcome {
  const { event } = delivery;
  if (!event.isChange)
    return problem(
      eventPath(delivery),
      `${event.name} must be a change such as {${event.name}:{from:2,to:3}}`,
    );
  return { to: event.to };
}

const statusChanged: Mapper = (delivery) => {
  const change = changedTo(delivery);
  if ('drafts' in change) return change;
  const number = wholeNumber(change.to);
  if (number === null)
    return problem(eventPath(delivery), 'missing: the status number the ticket changed to');
  // 2 to 5 are Freshdesk's own; the account's custom statuses (6 and up) are read by name.
  const name = fieldText(delivery.fields.ticket_status);
  const status = number <= 5 ? contractStatus(number) : contractStatus(name);
  if (status === null)
    return ignore(
      number <= 5 ? eventPath(delivery) : `${delivery.path}.ticket_status`,
      number <= 5
        ? `status ${number} maps to no contract status`
        : `custom status ${number} (${JSON.stringify(name)}) maps to no contract status`,
    );
  return one({ type: 'ticket.status_changed', data: { status } });
};

const priorityChanged: Mapper = (delivery) => {
  const change = changedTo(delivery);
  if ('drafts' in change) return change;
  const priority = contractPriority(change.to);
  // An unknown priority is not a change to `normal`: nothing is said rather than a guess.
  if (priority === null)
    return ignore(
      eventPath(delivery),
      `${JSON.stringify(change.to)} is not a Freshdesk priority (1 to 4)`,
    );
  return one({ type: 'ticket.updated', data: { changes: { priority } } });
};

const groupChanged: Mapper = (delivery) => {
  const change = changedTo(delivery);
  if ('drafts' in change) return change;
  if (idText(change.to) === null)
    return ignore(
      eventPath(delivery),
      'the ticket left its group: the contract cannot clear a team, so it keeps its last one',
    );
  const team = teamOf(delivery);
  if (team === null)
    return ignore(
      `${delivery.path}.ticket_group_name`,
      'the group changed, but the body has no group name ({{ticket.group.name}}): the team is unchanged',
    );
  return one({ type: 'ticket.updated', data: { changes: { team } } });
};

const agentChanged: Mapper = (delivery) => {
  const change = changedTo(delivery);
  if ('drafts' in change) return change;
  if (idText(change.to) === null)
    return ignore(
      eventPath(delivery),
      'the ticket was unassigned: the contract has no event for that, so it keeps its last assignee',
    );
  const assigneeId = assigneeOf(delivery);
  if (assigneeId === null)
    return ignore(
      `${delivery.path}.ticket_agent_email`,
      "the agent changed, but the body has no agent's email ({{ticket.agent.email}})",
    );
  const team = teamOf(delivery);
  return one({
    type: 'ticket.assigned',
    data: team === null ? { assigneeId } : { assigneeId, team },
  });
};

/** Whether the event's performer is an agent (`{{event_performer.is_agent}}`), or null. */
function performerIsAgent({ fields }: FreshdeskDelivery): boolean | null {
  const value = fields.event_performer_is_agent;
  if (typeof value === 'boolean') return value;
  const text = fieldText(value)?.toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : null;
}

const authorIdOf = ({ fields }: FreshdeskDelivery) => fieldText(fields.event_performer_email);

/** A reply, by an agent or by the customer: Freshdesk's event does not say which, the body does. */
const replySent: Mapper = (delivery) => {
  const isAgent = performerIsAgent(delivery);
  if (isAgent === null)
    return problem(
      `${delivery.path}.event_performer_is_agent`,
      'must be true or false ({{event_performer.is_agent}}): a reply is a response only when an agent sent it',
    );
  const authorId = authorIdOf(delivery);
  return one({
    type: 'ticket.commented',
    data: {
      author: isAgent ? 'agent' : 'customer',
      public: true,
      ...(authorId === null ? {} : { authorId }),
    },
  });
};

/** A note: `{note_type:public}` or `{note_type:private}`, added by an agent unless told otherwise. */
const noteAdded: Mapper = (delivery) => {
  const type = delivery.event.value;
  if (type !== 'public' && type !== 'private')
    return problem(eventPath(delivery), 'note_type must be public or private');
  const authorId = authorIdOf(delivery);
  return one({
    type: 'ticket.commented',
    data: {
      author: performerIsAgent(delivery) === false ? 'customer' : 'agent',
      public: type === 'public',
      ...(authorId === null ? {} : { authorId }),
    },
  });
};

const deleted: Mapper = () => one({ type: 'ticket.deleted', data: {} });

/** `{ticket_action:…}`: created, deleted, marked as spam; other actions say nothing we read. */
const ticketAction: Mapper = (delivery) => {
  const action = delivery.event.value ?? '';
  if (action === 'created') return created(delivery);
  if (action === 'delete' || action === 'deleted' || action === 'marked_spam')
    return deleted(delivery);
  return ignore(eventPath(delivery), `{ticket_action:${action}} maps to no contract event`);
};

/** A `deleted` or `spam` flag set (`{deleted:true}`), as Freshdesk's own events may say it. */
const flagged: Mapper = (delivery) =>
  delivery.event.value === 'true' || delivery.event.to === 'true'
    ? deleted(delivery)
    : ignore(eventPath(delivery), `${delivery.event.name} cleared: a deleted ticket stays deleted`);

/**
 * The Freshdesk events slawatch reads, by the name in `{{triggered_event}}`. Every other one
 * (ticket type, due dates, time entries, feedback, SLA reminders, …) is ignored.
 */
export const FRESHDESK_EVENTS: Readonly<Record<string, Mapper>> = {
  ticket_action: ticketAction,
  status: statusChanged,
  priority: priorityChanged,
  group_id: groupChanged,
  responder_id: agentChanged,
  reply_sent: replySent,
  note_type: noteAdded,
  deleted: flagged,
  spam: flagged,
};

/** What one Freshdesk delivery becomes. */
export function freshdeskTicketEvents(delivery: FreshdeskDelivery): FreshdeskEventOutcome {
  const { event } = delivery;
  const mapper = Object.hasOwn(FRESHDESK_EVENTS, event.name) ? FRESHDESK_EVENTS[event.name]! : null;
  if (mapper === null)
    return ignore(eventPath(delivery), `${event.name} events map to no contract event`);
  if (!event.readable)
    return problem(
      eventPath(delivery),
      `the ${event.name} event could not be read: expected {${event.name}:value} or {${event.name}:{from:…,to:…}}`,
    );
  return mapper(delivery);
}
