import type { EventDataByType, Priority, TicketStatus } from '@slawatch/core';
import type { RequestProblem } from '../../errors.js';
import type { EventDraft } from '../contract-event.js';
import { isJsonObject } from '../json-payload.js';
import {
  idText,
  nameOf,
  personOf,
  type ZammadArticle,
  type ZammadDelivery,
  type ZammadTime,
} from './zammad-delivery.js';
import {
  contractChannel,
  contractPriority,
  seededStateName,
  stateMeaning,
  type StateMeaning,
} from './zammad-vocabulary.js';

/** One contract event of a delivery: its id and time (each event has its own), and its draft. */
export interface ZammadEvent {
  readonly id: string;
  readonly time: ZammadTime;
  readonly draft: EventDraft;
}

/** What one delivery becomes; the notes say what it held that maps to nothing. */
export interface ZammadOutcome {
  readonly events: ZammadEvent[];
  readonly ignored: RequestProblem[];
}

/**
 * The ids of the contract events, from Zammad's own ids and times only (never from the
 * `X-Zammad-Delivery` header), so that the same ticket state or article delivered twice,
 * by a retry or by two triggers, maps to the same ids:
 * - the ticket's creation and its deletion happen once: `<ticket>/created`, `<ticket>/deleted`;
 * - an article is one comment: `<ticket>/article/<article>`;
 * - the ticket's current values are as of its `updated_at`:
 *   `<ticket>/<updated_at>/{update,owner,state}`.
 */
export const zammadEventId = {
  created: (ticketId: string) => `${ticketId}/created`,
  deleted: (ticketId: string) => `${ticketId}/deleted`,
  article: (ticketId: string, articleId: string) => `${ticketId}/article/${articleId}`,
  current: (ticketId: string, updatedAt: ZammadTime, part: 'update' | 'owner' | 'state') =>
    `${ticketId}/${updatedAt.text}/${part}`,
};

// The contract's limit on text fields such as `team`.
const MAX_TEXT = 256;
// Zammad writes the ticket and its first article in one transaction, within milliseconds.
const SAME_MOMENT_MS = 1000;

/** The ticket's state name: `state` (its name), else the seeded name of `state_id`. */
function stateOf(ticket: ZammadDelivery['ticket'], notes: RequestProblem[]): StateMeaning | null {
  const named = nameOf(ticket.state);
  const stateId = idText(ticket.state_id);
  const name = named ?? (stateId === null ? null : seededStateName(stateId));
  if (name === null) {
    notes.push({
      path: stateId === null ? 'body.ticket.state' : 'body.ticket.state_id',
      message:
        stateId === null
          ? 'missing: the ticket names no state, so no status is set'
          : `state_id ${stateId} is not one of Zammad's own states and the payload names no state: no status is set`,
    });
    return null;
  }
  const meaning = stateMeaning(name);
  if (meaning === null)
    notes.push({
      path: named === null ? 'body.ticket.state_id' : 'body.ticket.state',
      message: `${JSON.stringify(name)} maps to no contract status (a custom state): no status is set`,
    });
  return meaning;
}

/**
 * The ticket's priority, or null when it names none of ours; the note then says so and
 * what is done instead (`outcome`).
 */
function priorityOf(
  ticket: ZammadDelivery['ticket'],
  notes: RequestProblem[],
  outcome: string,
): Priority | null {
  const name = nameOf(ticket.priority);
  const priority = name === null ? null : contractPriority(name);
  if (priority === null)
    notes.push({
      path: 'body.ticket.priority',
      message:
        name === null
          ? `missing: the ticket names no priority: ${outcome}`
          : `${JSON.stringify(name)} is none of low, normal, high, urgent: ${outcome}`,
    });
  return priority;
}

/** The ticket's team: its group's name. */
function teamOf(ticket: ZammadDelivery['ticket'], notes: RequestProblem[]): string | null {
  const name = nameOf(ticket.group);
  if (name === null) {
    notes.push({
      path: 'body.ticket.group',
      message: 'missing: the ticket names no group, so its team is not set',
    });
    return null;
  }
  if (name.length > MAX_TEXT) {
    notes.push({
      path: 'body.ticket.group',
      message: `a group name of ${name.length} characters, over the contract's ${MAX_TEXT}: its team is not set`,
    });
    return null;
  }
  return name;
}

/** The ticket's owner, or null when Zammad's system user (nobody) holds it. */
function assigneeOf(ticket: ZammadDelivery['ticket']): string | null {
  return personOf(
    idText(ticket.owner_id) ?? (isJsonObject(ticket.owner) ? idText(ticket.owner.id) : null),
  );
}

/**
 * Whether the delivery is the ticket's creation. With an article: the article is the
 * ticket's first (the lowest of `article_ids`; without those, one written within a second
 * of the ticket). Without one: the ticket has not changed since it was created (within a
 * second).
 */
export function isCreation(delivery: ZammadDelivery): boolean {
  const { ticket, article, createdAt, updatedAt } = delivery;
  if (article === null) return Math.abs(updatedAt.at - createdAt.at) < SAME_MOMENT_MS;
  const ids = (Array.isArray(ticket.article_ids) ? ticket.article_ids : [])
    .map(idText)
    .filter((id): id is string => id !== null)
    .map(Number)
    .filter(Number.isSafeInteger);
  const articleId = Number(article.id);
  if (ids.length > 0 && Number.isSafeInteger(articleId)) return articleId <= Math.min(...ids);
  return Math.abs(article.createdAt.at - createdAt.at) < SAME_MOMENT_MS;
}

/** The non-null entries of `fields`: the contract's optional fields are left out, not null. */
const present = <T extends Record<string, unknown>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };

const isStatus = (meaning: StateMeaning | null): meaning is TicketStatus =>
  meaning !== null && meaning !== 'deleted';

function created(delivery: ZammadDelivery, notes: RequestProblem[]): ZammadOutcome {
  const { ticket, article, ticketId } = delivery;
  const meaning = stateOf(ticket, notes);
  const priority = priorityOf(ticket, notes, 'taken as normal');
  const data: EventDataByType['ticket.created'] = {
    priority: priority ?? 'normal',
    channel: contractChannel(nameOf(ticket.create_article_type) ?? article?.type),
    ...present({
      status: isStatus(meaning) ? meaning : null,
      team: teamOf(ticket, notes),
      assigneeId: assigneeOf(ticket),
      requesterId: idText(ticket.customer_id),
      customerId: idText(ticket.organization_id),
    }),
  };
  const events: ZammadEvent[] = [
    {
      id: zammadEventId.created(ticketId),
      time: delivery.createdAt,
      draft: { type: 'ticket.created', data },
    },
  ];
  if (meaning === 'deleted') events.push(deletion(delivery));
  if (article !== null)
    notes.push({
      path: 'body.article',
      message: "the ticket's opening article (its first) is not a response",
    });
  return { events, ignored: notes };
}

const deletion = (delivery: ZammadDelivery): ZammadEvent => ({
  id: zammadEventId.deleted(delivery.ticketId),
  time: delivery.updatedAt,
  draft: { type: 'ticket.deleted', data: {} },
});

const comment = (ticketId: string, article: ZammadArticle): ZammadEvent => ({
  id: zammadEventId.article(ticketId, article.id),
  time: article.createdAt,
  draft: {
    type: 'ticket.commented',
    data: {
      author:
        article.sender === 'Agent'
          ? 'agent'
          : article.sender === 'Customer'
            ? 'customer'
            : 'system',
      public: !article.internal,
      ...(article.authorId === null ? {} : { authorId: article.authorId }),
    },
  },
});

/** A later delivery: the article as a comment, then the ticket's values as of `updated_at`. */
function updated(delivery: ZammadDelivery, notes: RequestProblem[]): ZammadOutcome {
  const { ticket, article, ticketId, updatedAt } = delivery;
  const meaning = stateOf(ticket, notes);
  if (meaning === 'deleted') {
    if (article !== null)
      notes.push({
        path: 'body.article',
        message: 'the ticket was merged or removed: its article is not read',
      });
    return { events: [deletion(delivery)], ignored: notes };
  }
  const events: ZammadEvent[] = [];
  if (article !== null) events.push(comment(ticketId, article));
  const current = (part: 'update' | 'owner' | 'state', draft: EventDraft): ZammadEvent => ({
    id: zammadEventId.current(ticketId, updatedAt, part),
    time: updatedAt,
    draft,
  });
  const team = teamOf(ticket, notes);
  const changes = present({
    priority: priorityOf(ticket, notes, 'the priority is left as it was'),
    team,
  });
  if (Object.keys(changes).length > 0)
    events.push(current('update', { type: 'ticket.updated', data: { changes } }));
  const assigneeId = assigneeOf(ticket);
  if (assigneeId !== null)
    events.push(
      current('owner', {
        type: 'ticket.assigned',
        data: team === null ? { assigneeId } : { assigneeId, team },
      }),
    );
  if (isStatus(meaning))
    events.push(current('state', { type: 'ticket.status_changed', data: { status: meaning } }));
  return { events, ignored: notes };
}

/** What one delivery of Zammad's default trigger payload becomes. */
export function zammadTicketEvents(delivery: ZammadDelivery): ZammadOutcome {
  const notes: RequestProblem[] = [];
  return isCreation(delivery) ? created(delivery, notes) : updated(delivery, notes);
}
