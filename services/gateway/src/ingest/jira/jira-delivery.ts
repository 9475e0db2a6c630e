import { formatInstant } from '@slawatch/core';
import type { RequestProblem } from '../../errors.js';
import { isJsonObject, objectAt, type JsonObject } from '../json-payload.js';

/** Jira's issue events (`jira:issue_created`, …) and comment events (`comment_created`, …). */
export const JIRA_ISSUE_EVENT_PREFIX = 'jira:issue_';
export const JIRA_COMMENT_EVENT_PREFIX = 'comment_';

/** The longest Jira id taken (issue, changelog and comment ids are numbers, as text). */
export const MAX_JIRA_ID_LENGTH = 64;

// A Jira `webhookEvent`: `jira:issue_updated`, `comment_created`, `sprint_started`, ….
const WEBHOOK_EVENT = /^(?:jira:)?[a-z][a-z_]{0,63}$/;
// An issue key: the project key (a letter, then letters, digits or `_`), `-`, the number.
const ISSUE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,99}-\d{1,18}$/;

/** A Jira issue or comment event delivery, its envelope read and checked. */
export interface JiraDelivery {
  /** `webhookEvent`, e.g. `jira:issue_updated`. */
  readonly webhookEvent: string;
  /** `issue_event_type_name` (`issue_commented`, `issue_generic`, …), or null. */
  readonly eventTypeName: string | null;
  /** `jira/<host of issue.self>`, or `jira` when the issue names no address. */
  readonly source: string;
  /** The issue key (`SUP-123`): the contract events' `subject`. */
  readonly issueKey: string;
  /** Jira's numeric issue id as text, which survives a move to another project; else the key. */
  readonly issueRef: string;
  /** The delivery's `timestamp` (epoch ms) as UTC RFC 3339. */
  readonly time: string;
  /** The issue's fields (`issue.fields`), as they are after the event; `{}` when absent. */
  readonly fields: JsonObject;
  /** `changelog`, when the event changed fields; null otherwise. */
  readonly changelog: JsonObject | null;
  /** `comment`, when the event is about one; null otherwise. */
  readonly comment: JsonObject | null;
}

export type DeliveryReading =
  | { readonly kind: 'issue'; readonly delivery: JiraDelivery }
  /** A well-formed Jira event about something else (a sprint, a project, a worklog, …). */
  | { readonly kind: 'other'; readonly webhookEvent: string }
  | { readonly kind: 'problems'; readonly problems: readonly RequestProblem[] };

/** A Jira id or account id as text, or null for none (`null`, `""`, anything not an id). */
export function idText(value: unknown): string | null {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' || text.length > 256 ? null : text;
}

/** A Jira id (issue, changelog, comment) to build event ids from: a short, plain token. */
export function jiraIdPart(value: unknown): string | null {
  const id = idText(value);
  return id !== null && id.length <= MAX_JIRA_ID_LENGTH && /^[\w.:-]+$/.test(id) ? id : null;
}

/** `jira/<host>` from an API address such as `https://acme.atlassian.net/rest/api/2/issue/1`. */
function sourceOf(self: unknown): string | RequestProblem {
  if (self === undefined || self === null) return 'jira';
  let host: string | null = null;
  if (typeof self === 'string') {
    try {
      const url = new URL(self);
      if (url.protocol === 'https:' || url.protocol === 'http:') host = url.host.toLowerCase();
    } catch {
      host = null;
    }
  }
  if (host === null || host === '' || host.length > 200)
    return { path: 'body.issue.self', message: "must be the issue's REST address (https://…)" };
  return `jira/${host}`;
}

// Jira dates its events in epoch milliseconds; anything past 9999 is not a date it sends.
const MAX_TIMESTAMP = Date.UTC(10000, 0, 1) - 1;

/**
 * Reads the envelope of a Jira webhook delivery: its event, timestamp, site and issue.
 * Every problem is listed at once, by its path in the body.
 */
export function readJiraDelivery(payload: unknown): DeliveryReading {
  if (!isJsonObject(payload))
    return {
      kind: 'problems',
      problems: [{ path: 'body', message: 'must be a Jira webhook event, a JSON object' }],
    };
  const webhookEvent = payload.webhookEvent;
  const problems: RequestProblem[] = [];
  if (typeof webhookEvent !== 'string' || !WEBHOOK_EVENT.test(webhookEvent))
    problems.push({
      path: 'body.webhookEvent',
      message:
        typeof webhookEvent === 'string'
          ? `must be a Jira webhook event (jira:issue_created, comment_created, …), got ${JSON.stringify(webhookEvent.slice(0, 80))}`
          : 'missing: a Jira webhook names its event (jira:issue_created, comment_created, …)',
    });
  const timestamp = payload.timestamp;
  if (
    typeof timestamp !== 'number' ||
    !Number.isSafeInteger(timestamp) ||
    timestamp < 0 ||
    timestamp > MAX_TIMESTAMP
  )
    problems.push({
      path: 'body.timestamp',
      message: `must be the event's time in epoch milliseconds, got ${JSON.stringify(timestamp ?? null)}`,
    });
  if (problems.length > 0) return { kind: 'problems', problems };
  const event = webhookEvent as string;
  if (!event.startsWith(JIRA_ISSUE_EVENT_PREFIX) && !event.startsWith(JIRA_COMMENT_EVENT_PREFIX))
    return { kind: 'other', webhookEvent: event };

  const issue = objectAt(payload, 'issue', problems);
  const changelog = objectAt(payload, 'changelog', problems);
  const comment = objectAt(payload, 'comment', problems);
  if (issue === null && problems.length === 0)
    problems.push({
      path: 'body.issue',
      message: 'missing: an issue or comment event names its issue',
    });
  let fields: JsonObject = {};
  let issueKey: string | null = null;
  let issueRef: string | null = null;
  let source: string | RequestProblem = 'jira';
  if (issue !== null) {
    if (isJsonObject(issue.fields)) fields = issue.fields;
    else if (issue.fields !== undefined && issue.fields !== null)
      problems.push({ path: 'body.issue.fields', message: 'must be an object' });
    const key = issue.key;
    if (typeof key === 'string' && ISSUE_KEY.test(key)) issueKey = key;
    else
      problems.push({
        path: 'body.issue.key',
        message: `must be the issue key (SUP-123), got ${JSON.stringify(typeof key === 'string' ? key.slice(0, 80) : (key ?? null))}`,
      });
    issueRef = jiraIdPart(issue.id) ?? issueKey;
    source = sourceOf(issue.self);
    if (typeof source !== 'string') problems.push(source);
  }
  if (problems.length > 0) return { kind: 'problems', problems };
  const eventTypeName = payload.issue_event_type_name;
  return {
    kind: 'issue',
    delivery: {
      webhookEvent: event,
      eventTypeName: typeof eventTypeName === 'string' ? eventTypeName : null,
      source: source as string,
      issueKey: issueKey!,
      issueRef: issueRef!,
      time: formatInstant(timestamp as number),
      fields,
      changelog,
      comment,
    },
  };
}
