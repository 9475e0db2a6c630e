import type { TicketEvent } from '@slawatch/core';

/**
 * One message for the events topic: the event, its Kafka key (the ticket id, so a ticket's
 * events share a partition) and when the simulated helpdesk delivers it.
 */
export interface Delivery {
  readonly key: string;
  readonly event: TicketEvent;
  /** Simulated instant of delivery: the event's time, or later for a late one. */
  readonly deliverAt: number;
  /** Delivered after events that happened later (a delivery fault). */
  readonly late: boolean;
  /** A second delivery of an event already sent, same `source` and `id` (a fault). */
  readonly duplicate: boolean;
}

/** Shares of events delivered with a fault; the defaults of the simulator. */
export interface DeliveryFaults {
  /** Share of events delivered 5 s to 3 min after their time, behind later events. */
  readonly lateShare: number;
  /** Share of events delivered a second time, up to a minute later. */
  readonly duplicateShare: number;
}

export const DEFAULT_FAULTS: DeliveryFaults = { lateShare: 0.02, duplicateShare: 0.01 };
