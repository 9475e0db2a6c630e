import type { EventDataByType, Priority, TicketStatus } from '@slawatch/core';
import { parseInstant } from '@slawatch/core';
import type { RequestProblem } from '../../errors.js';
import type { EventDraft } from '../contract-event.js';
import { outcomeBuilders, type EventOutcome } from '../event-outcome.js';
import { isJsonObject, type JsonObject } from '../json-payload.js';
import {
  chatwootInstant,
  changedValue,
  idText,
  type ChatwootDelivery,
} from './chatwoot-delivery.js';
import { contractChannel, contractPriority, contractStatus } from './chatwoot-vocabulary.js';

/**
 * A draft and what makes its id: `<kind>` is appended to the delivery's own root (the
 * conversation and the time of the change, or the message), so that each change of a
 * conversation has one id whichever Chatwoot event carried it.
 */
export interface KeyedDraft {
  readonly key: string;
  readonly draft: EventDraft;
}

/** What one Chatwoot delivery becomes. Problems stop the delivery; ignored notes do not. */
export type ChatwootEventOutcome = EventOutcome<KeyedDraft>;

type Mapper = (delivery: ChatwootDelivery) => ChatwootEventOutcome;

const { outcome, ignore, problem } = outcomeBuilders<KeyedDraft>();

// The contract's limits on `tags` (docs/events.md): at most 64, each 1 to 256 characters.
const MAX_TAGS = 64;

/** The conversation's labels as tags, repeats dropped (the contract refuses them). */
function tagsOf(value: unknown, path: string, notes: RequestProblem[]): string[] | null {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const tags = [
    ...new Set(
      raw
        .filter((t): t is string => typeof t === 'string')
        .map((t) => t.trim())
        .filter((t) => t !== '' && t.length <= 256),
    ),
  ];
  if (tags.length > MAX_TAGS) {
    notes.push({
      path,
      message: `${tags.length} labels, over the contract's ${MAX_TAGS} tags: left out`,
    });
    return null;
  }
  return tags;
}

/** A Chatwoot priority, `null` (none set) being `normal`; an unknown one is noted. */
function priorityOf(value: unknown, path: string, notes: RequestProblem[]): Priority {
  if (value === undefined || value === null || value === '') return 'normal';
  const priority = typeof value === 'string' ? contractPriority(value) : null;
  if (priority === null)
    notes.push({
      path,
      message: `${JSON.stringify(value)} is not a Chatwoot priority: taken as normal`,
    });
  return priority ?? 'normal';
}

/** The non-null entries of `fields`: the contract's optional fields are left out, not null. */
const present = <T extends Record<string, unknown>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };

const metaOf = (conversation: JsonObject): JsonObject =>
  isJsonObject(conversation.meta) ? conversation.meta : {};

/** The conversation's team id: `meta.team.id`, else `team_id`. */
function teamOf(conversation: JsonObject): string | null {
  const team = metaOf(conversation).team;
  if (isJsonObject(team)) return idText(team.id);
  return idText(conversation.team_id);
}

/** The assigned agent's id; null when none, or when an agent bot holds the conversation. */
function assigneeOf(conversation: JsonObject): string | null {
  const meta = metaOf(conversation);
  const assignee = meta.assignee;
  if (!isJsonObject(assignee)) return null;
  if (meta.assignee_type === 'AgentBot' || assignee.type === 'agent_bot') return null;
  return idText(assignee.id);
}

const created: Mapper = ({ conversation }) => {
  const notes: RequestProblem[] = [];
  let status: TicketStatus | null = null;
  if (typeof conversation.status === 'string') {
    status = contractStatus(conversation.status);
    if (status === null)
      notes.push({
        path: 'body.status',
        message: `${JSON.stringify(conversation.status)} maps to no contract status: the ticket starts new`,
      });
  }
  const sender = metaOf(conversation).sender;
  const tags = tagsOf(conversation.labels, 'body.labels', notes);
  const data: EventDataByType['ticket.created'] = {
    priority: priorityOf(conversation.priority, 'body.priority', notes),
    channel: contractChannel(conversation.channel),
    ...present({
      status,
      team: teamOf(conversation),
      assigneeId: assigneeOf(conversation),
      requesterId: isJsonObject(sender) ? idText(sender.id) : null,
      tags: tags !== null && tags.length > 0 ? tags : null,
    }),
  };
  return outcome({
    drafts: [{ key: 'created', draft: { type: 'ticket.created', data } }],
    ignored: notes,
  });
};

/** The status a change set, as a draft keyed `status`, or why there is none. */
function statusDraft(value: unknown, path: string): ChatwootEventOutcome {
  if (typeof value !== 'string' || value === '')
    return problem(path, 'missing: the status the conversation changed to');
  const status = contractStatus(value);
  if (status === null) return ignore(path, `${JSON.stringify(value)} maps to no contract status`);
  return outcome({
    drafts: [{ key: 'status', draft: { type: 'ticket.status_changed', data: { status } } }],
  });
}

// The status this change set is in `changed_attributes` (the conversation itself may have
// moved on by the time Chatwoot serialises it); the conversation's `status` otherwise.
const statusChanged: Mapper = ({ body }) => {
  const changed = changedValue(body.changed_attributes, 'status');
  return changed !== undefined
    ? statusDraft(changed.value, 'body.changed_attributes.status.current_value')
    : statusDraft(body.status, 'body.status');
};

// Chatwoot names a change of labels so (acts-as-taggable's list, and its cached copy).
const LABEL_ATTRIBUTES = ['label_list', 'cached_label_list'];

/** The fields of a `ticket.updated` this adapter sets. */
interface Changes {
  priority?: Priority;
  team?: string;
  tags?: string[];
}

const updated: Mapper = ({ body, conversation }) => {
  const list = body.changed_attributes;
  if (list === undefined || list === null)
    return ignore('body.changed_attributes', 'missing: the update names no changed attribute');
  if (!Array.isArray(list))
    return problem(
      'body.changed_attributes',
      'must be a list of {attribute: {previous_value, current_value}}',
    );
  const names = list.flatMap((change) => (isJsonObject(change) ? Object.keys(change) : []));
  const notes: RequestProblem[] = [];
  const drafts: KeyedDraft[] = [];
  const problems: RequestProblem[] = [];
  const at = (name: string) => `body.changed_attributes.${name}.current_value`;
  const value = (name: string) => changedValue(list, name)?.value;

  const changes: Changes = {};
  if (names.includes('priority')) {
    const unknown: RequestProblem[] = [];
    const priority = priorityOf(value('priority'), at('priority'), unknown);
    // An unknown priority is not a change to `normal`: nothing is said rather than a guess.
    if (unknown.length > 0) notes.push(...unknown);
    else changes.priority = priority;
  }
  if (names.includes('team_id')) {
    const team = idText(value('team_id'));
    if (team === null)
      notes.push({
        path: at('team_id'),
        message:
          'the conversation left its team: the contract cannot clear a team, so it keeps its last one',
      });
    else changes.team = team;
  }
  if (names.some((name) => LABEL_ATTRIBUTES.includes(name))) {
    // The labels as they are now; `label_list`'s own values are taken when they are absent.
    const labels = Array.isArray(conversation.labels) ? conversation.labels : value('label_list');
    const tags = tagsOf(labels, 'body.labels', notes);
    if (tags !== null) changes.tags = tags;
  }
  if (Object.keys(changes).length > 0)
    drafts.push({ key: 'updated', draft: { type: 'ticket.updated', data: { changes } } });

  if (names.includes('assignee_id')) {
    const assigneeId = idText(value('assignee_id'));
    if (assigneeId === null)
      notes.push({
        path: at('assignee_id'),
        message:
          'the conversation was unassigned: the contract has no event for that, so it keeps its last assignee',
      });
    else {
      const team = teamOf(conversation);
      drafts.push({
        key: 'assigned',
        draft: {
          type: 'ticket.assigned',
          data: team === null ? { assigneeId } : { assigneeId, team },
        },
      });
    }
  }
  // Chatwoot also sends `conversation_status_changed` for this change; both give the same
  // event id, so a webhook subscribed to both counts it once.
  if (names.includes('status')) {
    const status = statusDraft(value('status'), at('status'));
    drafts.push(...status.drafts);
    notes.push(...status.ignored);
    problems.push(...status.problems);
  }
  if (problems.length > 0) return outcome({ problems });
  if (drafts.length === 0 && notes.length === 0)
    notes.push({
      path: 'body.changed_attributes',
      message: `${names.length > 0 ? names.join(', ') : 'nothing'} changed: nothing slawatch reads (priority, team_id, assignee_id, status, labels)`,
    });
  return outcome({ drafts, ignored: notes });
};

// Chatwoot's message types; its webhooks spell them out, its live events number them.
const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;
type MessageType = (typeof MESSAGE_TYPES)[number];

function messageTypeOf(value: unknown): MessageType | null {
  if (typeof value === 'number') return MESSAGE_TYPES[value] ?? null;
  return typeof value === 'string' && (MESSAGE_TYPES as readonly string[]).includes(value)
    ? (value as MessageType)
    : null;
}

/**
 * How soon after the conversation's creation an agent's message is its opening one: the
 * conversation dates itself in whole seconds, so this is "in that second or the next".
 */
export const OPENING_MESSAGE_WINDOW_MS = 2000;

/**
 * Whether the message opened the conversation: an agent starting a conversation (a new
 * email, a WhatsApp template, the API) writes its first message as it creates it.
 */
function isOpeningMessage(time: string, conversation: JsonObject): boolean {
  const createdAt = chatwootInstant(conversation.created_at);
  const at = parseInstant(time);
  if (createdAt === null || at === null) return false;
  const after = at - createdAt;
  return after >= 0 && after < OPENING_MESSAGE_WINDOW_MS;
}

const messageCreated: Mapper = ({ body, conversation, time }) => {
  const type = messageTypeOf(body.message_type);
  if (type === null)
    return ignore(
      'body.message_type',
      `${JSON.stringify(body.message_type ?? null)} is not a Chatwoot message type`,
    );
  if (type === 'activity')
    return ignore(
      'body.message_type',
      "an activity message (Chatwoot's own note of a change) is not a comment",
    );
  if (body.private !== undefined && body.private !== null && typeof body.private !== 'boolean')
    return problem('body.private', 'must be true or false');
  const isPublic = body.private !== true;
  if (body.sender !== undefined && body.sender !== null && !isJsonObject(body.sender))
    return problem('body.sender', 'must be an object');
  const sender = isJsonObject(body.sender) ? body.sender : null;
  // Incoming messages are the contact's. Outgoing ones are an agent's when a user sent
  // them; an agent bot's, an assistant's, an automation's (no sender) are the system's.
  const author =
    type === 'incoming'
      ? 'customer'
      : type === 'outgoing' && sender !== null && sender.type === 'user'
        ? 'agent'
        : 'system';
  if (author === 'agent' && isPublic && isOpeningMessage(time, conversation))
    return ignore(
      'body.id',
      "the conversation's opening message (sent as an agent started it) is not a response",
    );
  const authorId = sender === null || author === 'system' ? null : idText(sender.id);
  return outcome({
    drafts: [
      {
        key: '',
        draft: {
          type: 'ticket.commented',
          data: { author, public: isPublic, ...(authorId === null ? {} : { authorId }) },
        },
      },
    ],
  });
};

/**
 * The Chatwoot events slawatch reads, by `event`. Every other one (`message_updated`,
 * `contact_created`, `webwidget_triggered`, …) maps to no contract event and is ignored.
 */
export const CHATWOOT_EVENTS: Readonly<Record<string, Mapper>> = {
  conversation_created: created,
  conversation_status_changed: statusChanged,
  conversation_updated: updated,
  message_created: messageCreated,
};

/** What one Chatwoot delivery becomes. */
export function chatwootEvents(delivery: ChatwootDelivery): ChatwootEventOutcome {
  const mapper = Object.hasOwn(CHATWOOT_EVENTS, delivery.event)
    ? CHATWOOT_EVENTS[delivery.event]!
    : null;
  if (mapper === null) return ignore('body.event', `${delivery.event} maps to no contract event`);
  return mapper(delivery);
}
