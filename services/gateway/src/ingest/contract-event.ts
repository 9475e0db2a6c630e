import type { EventDataByType, EventType } from '@slawatch/core';

/** A contract event's type and data, as a helpdesk's mapping makes it; the adapter adds the envelope. */
export type EventDraft = {
  [T in EventType]: { readonly type: T; readonly data: EventDataByType[T] };
}[EventType];

/** What an adapter knows of an event beyond its draft: who it is, where from, about what, when. */
export interface EventEnvelope {
  /** Derived from the delivery, so that a redelivery gives the same id (docs/events.md). */
  readonly id: string;
  readonly source: string;
  /** The ticket (issue, conversation) as the helpdesk names it. */
  readonly subject: string;
  /** UTC RFC 3339. */
  readonly time: string;
}

/**
 * The CloudEvent of `draft` with `envelope`, not yet validated (the ingest checks it as the
 * tracker does). Its members are in one fixed order, so that one event always serialises
 * to the same bytes.
 */
export const cloudEvent = (envelope: EventEnvelope, draft: EventDraft): object => ({
  specversion: '1.0',
  id: envelope.id,
  source: envelope.source,
  type: draft.type,
  subject: envelope.subject,
  time: envelope.time,
  datacontenttype: 'application/json',
  data: draft.data,
});
