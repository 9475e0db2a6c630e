import { formatInstant, type Instant } from '@slawatch/core';
import type { RequestProblem } from '../../errors.js';
import { instantAt, isJsonObject, positiveIdText, type JsonObject } from '../json-payload.js';

/** Zammad's default payload names no instance (no fqdn): every delivery's source is this. */
export const ZAMMAD_SOURCE = 'zammad';

/** Zammad's article senders (db/seeds/ticket_article_senders.rb). */
export const ZAMMAD_SENDERS = ['Agent', 'Customer', 'System'] as const;
export type ZammadSender = (typeof ZAMMAD_SENDERS)[number];

/** A Zammad instant: the epoch milliseconds and the contract's UTC text of it. */
export interface ZammadTime {
  readonly at: Instant;
  readonly text: string;
}

/** The article a trigger fired with, read and checked. */
export interface ZammadArticle {
  /** The article id as text (`"104"`). */
  readonly id: string;
  readonly createdAt: ZammadTime;
  readonly sender: ZammadSender;
  readonly internal: boolean;
  /** Whom the article is from: `origin_by_id` (an agent writing for a customer), else `created_by_id`. */
  readonly authorId: string | null;
  /** The article type (`email`, `phone`, `note`, …), when named. */
  readonly type: string | null;
}

/** One delivery of Zammad's default trigger payload: the ticket as it is, and the article. */
export interface ZammadDelivery {
  readonly source: string;
  /** The ticket id as text (`"81"`, not the ticket number): the events' `subject`. */
  readonly ticketId: string;
  readonly createdAt: ZammadTime;
  /** When the ticket last changed: the time and the id root of its current-value events. */
  readonly updatedAt: ZammadTime;
  /** The ticket's attributes as sent. */
  readonly ticket: JsonObject;
  /** The article the trigger fired with; null when it fired without one (`{}`). */
  readonly article: ZammadArticle | null;
}

/** Zammad's user 1 is its system user (`-`): a ticket it owns has no owner, an article it wrote no author. */
export const ZAMMAD_SYSTEM_USER = '1';

/**
 * A Zammad id as text, or null for none. Zammad sends ids as JSON numbers (`81`); text is
 * read too. `0`, `""` and null are none.
 */
export const idText = (value: unknown): string | null => positiveIdText(value, 64);

/** A user id, or null for none and for Zammad's system user. */
export const personOf = (id: string | null): string | null =>
  id === ZAMMAD_SYSTEM_USER ? null : id;

/** The name of an association Zammad sent as its name (`"open"`) or as its record (`{name}`). */
export function nameOf(value: unknown): string | null {
  const name = isJsonObject(value) ? value.name : value;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}

function timeAt(
  record: JsonObject,
  field: string,
  path: string,
  problems: RequestProblem[],
): ZammadTime | null {
  const at = instantAt(record, field, path, problems);
  return at === null ? null : { at, text: formatInstant(at) };
}

function readArticle(value: unknown, problems: RequestProblem[]): ZammadArticle | null {
  // Zammad sends `{}` when the trigger fired without an article.
  if (value === undefined || value === null) return null;
  if (!isJsonObject(value)) {
    problems.push({ path: 'body.article', message: 'must be an object (`{}` for none)' });
    return null;
  }
  if (Object.keys(value).length === 0) return null;
  const count = problems.length;
  const id = idText(value.id);
  if (id === null) problems.push({ path: 'body.article.id', message: 'missing: the article id' });
  const createdAt = timeAt(value, 'created_at', 'body.article', problems);
  const senderName = nameOf(value.sender);
  const sender = ZAMMAD_SENDERS.find((s) => s === senderName);
  if (sender === undefined)
    problems.push({
      path: 'body.article.sender',
      message: `must be Agent, Customer or System, got ${JSON.stringify(value.sender ?? null)}`,
    });
  if (typeof value.internal !== 'boolean')
    problems.push({ path: 'body.article.internal', message: 'must be true or false' });
  if (problems.length > count) return null;
  return {
    id: id!,
    createdAt: createdAt!,
    sender: sender!,
    internal: value.internal as boolean,
    authorId: personOf(idText(value.origin_by_id) ?? idText(value.created_by_id)),
    type: nameOf(value.type),
  };
}

/**
 * Reads a delivery of Zammad's default trigger webhook payload (`{"ticket", "article"}`):
 * the ticket's id and times, and the article when there is one. Every problem is listed
 * at once, by its path in the body.
 */
export function readZammadDelivery(
  payload: unknown,
): ZammadDelivery | { readonly problems: readonly RequestProblem[] } {
  if (!isJsonObject(payload))
    return {
      problems: [
        { path: 'body', message: "must be a Zammad trigger webhook's payload, a JSON object" },
      ],
    };
  const ticket = payload.ticket;
  if (!isJsonObject(ticket))
    return {
      problems: [
        {
          path: 'body.ticket',
          message:
            ticket === undefined
              ? "missing: Zammad's default webhook payload sends the ticket (a custom payload is not read)"
              : 'must be the ticket, an object',
        },
      ],
    };
  const problems: RequestProblem[] = [];
  const ticketId = idText(ticket.id);
  if (ticketId === null)
    problems.push({ path: 'body.ticket.id', message: 'missing: the ticket id' });
  const createdAt = timeAt(ticket, 'created_at', 'body.ticket', problems);
  const updatedAt = timeAt(ticket, 'updated_at', 'body.ticket', problems);
  const article = readArticle(payload.article, problems);
  if (problems.length > 0) return { problems };
  return {
    source: ZAMMAD_SOURCE,
    ticketId: ticketId!,
    createdAt: createdAt!,
    updatedAt: updatedAt!,
    ticket,
    article,
  };
}
