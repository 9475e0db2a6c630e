import type { Instant } from '../time/instant.js';
import type {
  Author,
  Channel,
  EventType,
  Priority,
  SurveyKind,
  TicketStatus,
} from './vocabulary.js';

export type AttributeValue = string | number | boolean;
export type Attributes = Readonly<Record<string, AttributeValue>>;

/** The ticket fields a policy can match and a `ticket.updated` can change. */
export interface TicketFieldChanges {
  readonly priority?: Priority;
  readonly channel?: Channel;
  readonly team?: string;
  readonly queue?: string;
  readonly customerTier?: string;
  readonly category?: string;
  readonly tags?: readonly string[];
  readonly attributes?: Attributes;
}

export interface CreatedData extends TicketFieldChanges {
  readonly priority: Priority;
  readonly channel: Channel;
  readonly status?: TicketStatus;
  readonly assigneeId?: string;
  readonly requesterId?: string;
  readonly customerId?: string;
}

export interface EventDataByType {
  'ticket.created': CreatedData;
  'ticket.updated': { readonly changes: TicketFieldChanges };
  'ticket.assigned': { readonly assigneeId: string; readonly team?: string };
  'ticket.commented': {
    readonly author: Author;
    readonly public: boolean;
    readonly authorId?: string;
  };
  'ticket.status_changed': { readonly status: TicketStatus };
  'ticket.escalated': {
    readonly level?: number;
    readonly toTeam?: string;
    readonly reason?: string;
  };
  'ticket.surveyed': { readonly kind: SurveyKind; readonly score: number };
  'ticket.deleted': Readonly<Record<string, never>>;
}

/** A CloudEvents 1.0 ticket event as the contract defines it, once validated. */
export type TicketEvent = {
  [T in EventType]: {
    readonly specversion: '1.0';
    readonly id: string;
    readonly source: string;
    readonly type: T;
    readonly subject: string;
    readonly time: string;
    readonly datacontenttype?: 'application/json';
    readonly data: EventDataByType[T];
  };
}[EventType];

/**
 * A validated event ready for the engine: the event, its time as an instant, and its
 * position in production order (partition offset, or line in a simulation) which breaks
 * ties between events with the same time.
 */
export interface AcceptedEvent {
  readonly event: TicketEvent;
  readonly time: Instant;
  readonly seq: number;
}

/** The idempotency key of an event: (`source`, `id`). */
export const eventKey = (e: Pick<TicketEvent, 'source' | 'id'>): string =>
  `${e.source}\u0000${e.id}`;
