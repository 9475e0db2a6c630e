import { acceptEvent, type MessageLimits } from '@slawatch/core';
import { pathWithin, type RequestProblem } from '../errors.js';
import type { EventMessage } from './event-sink.js';

/** The media types `POST /api/v1/events` reads, all JSON. */
export const SINGLE_EVENT_TYPE = 'application/cloudevents+json';
export const EVENT_BATCH_TYPE = 'application/cloudevents-batch+json';

/** An event taken: where it was in the request, and what names it. */
export interface AcceptedEntry {
  readonly index: number;
  readonly source: string;
  readonly id: string;
  readonly subject: string;
}

/** An event refused, with every problem by its path in the request. */
export interface RejectedEntry {
  readonly index: number;
  /** The event's `id` when it has a string one, to find it by. */
  readonly id: string | null;
  readonly problems: RequestProblem[];
}

export interface SortedEvents {
  readonly accepted: AcceptedEntry[];
  readonly rejected: RejectedEntry[];
  /** The accepted events as messages for the topic, in the request's order. */
  readonly messages: EventMessage[];
}

/**
 * The events a body holds, by its media type: a CloudEvent (`application/cloudevents+json`),
 * a batch (`application/cloudevents-batch+json`, a JSON array), or either as
 * `application/json`. A body of the wrong shape is one problem at `body`.
 */
export function eventsOfBody(
  body: unknown,
  contentType: string | undefined,
): { readonly values: readonly unknown[]; readonly batch: boolean } | RequestProblem {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const isArray = Array.isArray(body);
  if (type === EVENT_BATCH_TYPE && !isArray)
    return { path: 'body', message: `a batch (${EVENT_BATCH_TYPE}) is a JSON array of events` };
  if (type === SINGLE_EVENT_TYPE && isArray)
    return {
      path: 'body',
      message: `${SINGLE_EVENT_TYPE} is one event; send an array as ${EVENT_BATCH_TYPE}`,
    };
  if (isArray) {
    if (body.length === 0) return { path: 'body', message: 'a batch must hold at least one event' };
    return { values: body as unknown[], batch: true };
  }
  return { values: [body], batch: false };
}

/** Where the events of a request body are: `body` for one event, `body[i]` in a batch. */
export const bodyPaths =
  (batch: boolean) =>
  (index: number): string =>
    batch ? `body[${index}]` : 'body';

/**
 * Checks each event by the tracker's rules (core's `acceptEvent`, with the same limits),
 * so that what is accepted here is what the tracker folds. `now` is the gateway's clock:
 * the future limit is measured from it; `where` names the event of each index in problems.
 */
export function sortEvents(
  values: readonly unknown[],
  where: (index: number) => string,
  limits: MessageLimits,
  now: number,
): SortedEvents {
  const out: SortedEvents = { accepted: [], rejected: [], messages: [] };
  values.forEach((value, index) => {
    const r = acceptEvent(value, limits, now);
    if (r.ok) {
      const { source, id, subject } = r.event;
      out.accepted.push({ index, source, id, subject });
      out.messages.push({ key: subject, value: r.text });
      return;
    }
    const id = (value as { id?: unknown } | null)?.id;
    out.rejected.push({
      index,
      id: typeof id === 'string' ? id : null,
      problems: r.problems.map((p) => ({
        path: pathWithin(where(index), p.path),
        message: p.message,
      })),
    });
  });
  return out;
}
