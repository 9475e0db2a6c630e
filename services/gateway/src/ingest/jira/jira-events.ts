import type { EventDataByType, Priority, TicketStatus } from '@slawatch/core';
import type { RequestProblem } from '../../errors.js';
import type { EventDraft } from '../contract-event.js';
import { outcomeBuilders, type EventOutcome } from '../event-outcome.js';
import { isJsonObject, type JsonObject } from '../json-payload.js';
import { idText, jiraIdPart, type JiraDelivery } from './jira-delivery.js';
import { contractPriority, contractStatus } from './jira-vocabulary.js';

/** A draft and the id of its contract event, made from Jira's own ids. */
export type JiraEventDraft = EventDraft & { readonly id: string };

/** What one Jira delivery becomes. Problems stop the delivery; ignored notes do not. */
export type JiraEventOutcome = EventOutcome<JiraEventDraft>;

type Mapper = (delivery: JiraDelivery) => JiraEventOutcome;

const { outcome, ignore } = outcomeBuilders<JiraEventDraft>();

/** The event id of what a changelog (one edit of the issue) says. */
export const changelogEventId = (changelogId: string): string => `changelog/${changelogId}`;
/** The event id of a comment, whichever delivery (comment or issue event) carries it. */
export const commentEventId = (commentId: string): string => `comment/${commentId}`;
/** The event id of the issue's creation, or deletion. */
export const issueEventId = (issueRef: string, what: 'created' | 'deleted'): string =>
  `issue/${issueRef}/${what}`;

// The contract's limits on `tags` and its text fields (docs/events.md).
const MAX_TAGS = 64;
const MAX_TEXT = 256;

/** `object[name]` when the object has it as its own (`toString` is also every object's method). */
const own = (object: JsonObject, name: string): unknown =>
  Object.hasOwn(object, name) ? object[name] : undefined;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' && value.trim().length <= MAX_TEXT
    ? value.trim()
    : null;

/** A user's id: `accountId` on Jira Cloud (`key`, then `name`, on Data Center). */
function userId(user: unknown): string | null {
  if (!isJsonObject(user)) return null;
  return idText(user.accountId) ?? idText(user.key) ?? idText(user.name);
}

/** A priority's name: Jira sends `{name: "High", …}`, its documentation's example `"High"`. */
const priorityName = (value: unknown): string | null =>
  typeof value === 'string' ? value : isJsonObject(value) ? text(value.name) : null;

/** The issue's priority at creation, none being `normal`; an unknown one is noted. */
function createdPriority(value: unknown, notes: RequestProblem[]): Priority {
  if (value === undefined || value === null) return 'normal';
  const name = priorityName(value);
  const priority = name === null ? null : contractPriority(name);
  if (priority === null)
    notes.push({
      path: 'body.issue.fields.priority',
      message: `${JSON.stringify(name ?? value)} is not a Jira priority we know: taken as normal`,
    });
  return priority ?? 'normal';
}

/** Our status for the issue's `fields.status` (its name, else its category). */
function fieldStatus(status: unknown): { name: string | null; status: TicketStatus | null } {
  if (!isJsonObject(status)) return { name: null, status: null };
  const name = text(status.name);
  const category = isJsonObject(status.statusCategory) ? text(status.statusCategory.key) : null;
  return {
    name,
    status: name === null && category === null ? null : contractStatus(name ?? '', category),
  };
}

/**
 * The request type of a Jira Service Management request: the value of its "Customer Request
 * Type" field, a custom field whose id differs from site to site, so it is found by shape
 * (`{requestType: {name}}`).
 */
function requestTypeName(fields: JsonObject): string | null {
  for (const [name, value] of Object.entries(fields))
    if (name.startsWith('customfield_') && isJsonObject(value) && isJsonObject(value.requestType)) {
      const requestType = text(value.requestType.name);
      if (requestType !== null) return requestType;
    }
  return null;
}

/** The issue's labels as tags; repeats dropped, since the contract refuses them. */
function tagsOf(value: unknown, notes: RequestProblem[]): string[] | null {
  const raw = Array.isArray(value) ? value : [];
  const tags = [...new Set(raw.filter((t): t is string => typeof t === 'string' && text(t) === t))];
  if (tags.length > MAX_TAGS) {
    notes.push({
      path: 'body.issue.fields.labels',
      message: `${tags.length} labels, over the contract's ${MAX_TAGS} tags: left out of ticket.created`,
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

const created: Mapper = ({ fields, issueRef }) => {
  const notes: RequestProblem[] = [];
  const { name, status } = fieldStatus(fields.status);
  if (name !== null && status === null)
    notes.push({
      path: 'body.issue.fields.status',
      message: `${JSON.stringify(name)} maps to no contract status: the ticket starts new`,
    });
  const project = isJsonObject(fields.project) ? text(fields.project.key) : null;
  const data: EventDataByType['ticket.created'] = {
    priority: createdPriority(fields.priority, notes),
    // Jira's webhooks do not say how a request came in (portal, email, …).
    channel: 'other',
    ...present({
      status,
      queue: project,
      assigneeId: userId(fields.assignee),
      requesterId: userId(fields.reporter),
      category: requestTypeName(fields),
      tags: tagsOf(fields.labels, notes),
    }),
  };
  return outcome({
    drafts: [{ id: issueEventId(issueRef, 'created'), type: 'ticket.created', data }],
    ignored: notes,
  });
};

/** What one changelog item says, in the contract's terms: a draft, a note, or nothing. */
type ItemReading = EventDraft | RequestProblem | null;

function statusItem(item: JsonObject, path: string, fields: JsonObject): ItemReading {
  const name = text(own(item, 'toString'));
  if (name === null)
    return { path: `${path}.toString`, message: 'missing: the status the issue moved to' };
  // The item names the status; its category is on the issue, which is as it is after the change.
  const current = isJsonObject(fields.status) ? fields.status : {};
  const same =
    (typeof current.name === 'string' &&
      current.name.trim().toLowerCase() === name.toLowerCase()) ||
    (idText(current.id) !== null && idText(current.id) === idText(item.to));
  const category =
    same && isJsonObject(current.statusCategory) ? text(current.statusCategory.key) : null;
  const status = contractStatus(name, category);
  if (status === null)
    return {
      path: `${path}.toString`,
      message: `${JSON.stringify(name)} maps to no contract status, and the issue names no category for it`,
    };
  return { type: 'ticket.status_changed', data: { status } };
}

function assigneeItem(item: JsonObject, path: string): ItemReading {
  // Jira Cloud puts the account id in `to` (and `tmpToAccountId`); Data Center the user key.
  const assigneeId = idText(item.to) ?? idText(item.tmpToAccountId);
  if (assigneeId === null)
    return {
      path: `${path}.to`,
      message:
        'the issue was unassigned: the contract has no event for that, so it keeps its last assignee',
    };
  return { type: 'ticket.assigned', data: { assigneeId } };
}

function priorityItem(item: JsonObject, path: string): ItemReading {
  const name = text(own(item, 'toString'));
  const priority = name === null ? null : contractPriority(name);
  // An unknown priority is not a change to `normal`: nothing is said rather than a guess.
  if (priority === null)
    return {
      path: `${path}.toString`,
      message: `${JSON.stringify(name ?? own(item, 'toString') ?? null)} is not a Jira priority we know`,
    };
  const from = text(own(item, 'fromString'));
  if (from !== null && contractPriority(from) === priority)
    return {
      path: `${path}.toString`,
      message: `${from} and ${name} are both ${priority}: no change`,
    };
  return { type: 'ticket.updated', data: { changes: { priority } } };
}

/** The changelog fields slawatch reads, by Jira's field id (`fieldId`, else `field`). */
const ITEM_READERS: Readonly<
  Record<string, (item: JsonObject, path: string, fields: JsonObject) => ItemReading>
> = {
  status: statusItem,
  assignee: assigneeItem,
  priority: priorityItem,
};

const isDraft = (reading: EventDraft | RequestProblem): reading is EventDraft => 'type' in reading;

/**
 * Who wrote a comment, and whether the customer sees it:
 * - `jsdPublic: false` (a Jira Service Management internal note), or a comment restricted
 *   to a role or group (`visibility`), is not public;
 * - an app's account (Automation for Jira, integrations) is `system`, and so is a comment
 *   with no author;
 * - a non-public comment is an agent's (customers can write only public ones);
 * - a portal-only customer account (`accountType: customer`) is a customer;
 * - otherwise the reporter is the customer and anyone else an agent. Comment events carry
 *   the issue without its reporter; without one, the comment is ignored rather than guessed.
 */
function commentDraft(
  comment: JsonObject,
  fields: JsonObject,
): JiraEventDraft | { readonly note: RequestProblem } | { readonly problem: RequestProblem } {
  const commentId = jiraIdPart(comment.id);
  if (commentId === null)
    return { problem: { path: 'body.comment.id', message: "must be the comment's id" } };
  const jsdPublic = comment.jsdPublic;
  if (jsdPublic !== undefined && jsdPublic !== null && typeof jsdPublic !== 'boolean')
    return { problem: { path: 'body.comment.jsdPublic', message: 'must be true or false' } };
  const author = isJsonObject(comment.author) ? comment.author : null;
  const accountType = author === null ? null : author.accountType;
  const isPublic =
    jsdPublic !== false && (comment.visibility === undefined || comment.visibility === null);
  const authorId = userId(author);
  const reporterId = userId(fields.reporter);
  let kind: 'agent' | 'customer' | 'system';
  if (author === null || accountType === 'app') kind = 'system';
  else if (!isPublic) kind = 'agent';
  else if (accountType === 'customer') kind = 'customer';
  else if (reporterId !== null && authorId !== null)
    kind = authorId === reporterId ? 'customer' : 'agent';
  else
    return {
      note: {
        path: 'body.comment.author',
        message:
          "cannot tell an agent's public comment from a customer's without the issue's reporter: the same comment arrives with jira:issue_updated (issue_commented), which names it",
      },
    };
  return {
    id: commentEventId(commentId),
    type: 'ticket.commented',
    data: { author: kind, public: isPublic, ...(authorId === null ? {} : { authorId }) },
  };
}

/** A comment's draft, or why it maps to nothing, added to `into`. */
function addComment(comment: JsonObject, fields: JsonObject, into: JiraEventOutcome): void {
  const reading = commentDraft(comment, fields);
  if ('problem' in reading) into.problems.push(reading.problem);
  else if ('note' in reading) into.ignored.push(reading.note);
  else into.drafts.push(reading);
}

// `jira:issue_updated` carries the comment of these too; neither is a new comment.
const COMMENT_CHANGES: Readonly<Record<string, string>> = {
  issue_comment_edited: 'an edited comment is not a new comment',
  issue_comment_deleted: 'a deleted comment takes nothing back: a response given stays given',
};

const updated: Mapper = ({ changelog, comment, fields, eventTypeName }) => {
  const result = outcome({});
  const rawItems = changelog === null ? [] : changelog.items;
  if (rawItems !== undefined && rawItems !== null && !Array.isArray(rawItems))
    return outcome({ problems: [{ path: 'body.changelog.items', message: 'must be an array' }] });
  const items = (rawItems ?? []) as unknown[];
  const changes: EventDraft[] = [];
  const unread = new Set<string>();
  items.forEach((item, index) => {
    if (!isJsonObject(item)) return;
    const field = text(item.fieldId) ?? text(item.field);
    const key = field === null ? null : field.toLowerCase();
    const reader = key !== null && Object.hasOwn(ITEM_READERS, key) ? ITEM_READERS[key]! : null;
    if (reader === null) {
      if (field !== null) unread.add(field);
      return;
    }
    const reading = reader(item, `body.changelog.items[${index}]`, fields);
    if (reading === null) return;
    if (isDraft(reading)) changes.push(reading);
    else result.ignored.push(reading);
  });
  if (changes.length > 0) {
    const changelogId = jiraIdPart(changelog?.id);
    if (changelogId === null)
      return outcome({
        problems: [{ path: 'body.changelog.id', message: "must be the changelog's id" }],
      });
    // One edit can change several fields at once (a transition that also assigns): each
    // becomes an event, numbered in the changelog's order.
    changes.forEach((draft, index) =>
      result.drafts.push({
        ...draft,
        id:
          changes.length === 1
            ? changelogEventId(changelogId)
            : `${changelogEventId(changelogId)}#${index + 1}`,
      }),
    );
  }
  if (comment !== null) {
    const why = eventTypeName !== null && Object.hasOwn(COMMENT_CHANGES, eventTypeName);
    if (why)
      result.ignored.push({ path: 'body.comment', message: COMMENT_CHANGES[eventTypeName]! });
    else addComment(comment, fields, result);
  }
  if (result.problems.length > 0) return outcome({ problems: result.problems });
  if (result.drafts.length === 0 && result.ignored.length === 0)
    return ignore(
      changelog === null ? 'body.changelog' : 'body.changelog.items',
      unread.size > 0
        ? `changes to ${[...unread].join(', ')} map to no contract event`
        : `${eventTypeName ?? 'the update'} changed nothing slawatch reads`,
    );
  return result;
};

const commentCreated: Mapper = ({ comment, fields }) => {
  if (comment === null)
    return outcome({
      problems: [{ path: 'body.comment', message: 'missing: the comment that was added' }],
    });
  const result = outcome({});
  addComment(comment, fields, result);
  return result;
};

const deleted: Mapper = ({ issueRef }) =>
  outcome({
    drafts: [{ id: issueEventId(issueRef, 'deleted'), type: 'ticket.deleted', data: {} }],
  });

/** The Jira events slawatch reads, by `webhookEvent`. Every other one is ignored. */
export const JIRA_EVENTS: Readonly<Record<string, Mapper>> = {
  'jira:issue_created': created,
  'jira:issue_updated': updated,
  'jira:issue_deleted': deleted,
  comment_created: commentCreated,
};

// Events read and deliberately mapped to nothing, with why.
const IGNORED_EVENTS: Readonly<Record<string, string>> = {
  comment_updated: 'an edited comment is not a new comment',
  comment_deleted: 'a deleted comment takes nothing back: a response given stays given',
};

/** What one Jira issue or comment event delivery becomes. */
export function jiraIssueEvents(delivery: JiraDelivery): JiraEventOutcome {
  const event = delivery.webhookEvent;
  if (Object.hasOwn(JIRA_EVENTS, event)) return JIRA_EVENTS[event]!(delivery);
  return ignore(
    'body.webhookEvent',
    Object.hasOwn(IGNORED_EVENTS, event)
      ? `${event}: ${IGNORED_EVENTS[event]!}`
      : `${event} maps to no contract event`,
  );
}
