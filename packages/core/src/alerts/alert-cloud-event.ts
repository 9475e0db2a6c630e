import type { TicketState } from '../ticket/ticket-state.js';
import { formatInstant } from '../time/instant.js';
import type { AlertTransition } from './alert-transition.js';

/** An alert transition as the CloudEvent produced to `sla.alerts` (docs/alerts.md, "The `sla.alerts` topic"). */
export interface AlertCloudEvent {
  readonly specversion: '1.0';
  /** Stable per transition, so consumers can drop the repeats at-least-once delivery makes. */
  readonly id: string;
  readonly source: string;
  readonly type: AlertTransition['type'];
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: {
    readonly ticketId: string;
    readonly clock: AlertTransition['clock'];
    readonly cycle: number;
    readonly policy: string | null;
    readonly priority: string;
    readonly team: string | null;
    readonly deadline: string | null;
    readonly threshold?: number;
    /** For `sla.reminder`: seconds since the breach. */
    readonly breachedFor?: number;
  };
}

export function alertCloudEvent(
  t: AlertTransition,
  ticket: TicketState,
  source = 'slawatch',
): AlertCloudEvent {
  return {
    specversion: '1.0',
    id: `${t.ticketId}/${t.mark}`,
    source,
    type: t.type,
    subject: t.ticketId,
    time: formatInstant(t.time),
    datacontenttype: 'application/json',
    data: {
      ticketId: t.ticketId,
      clock: t.clock,
      cycle: t.cycle,
      policy: ticket.policyId,
      priority: ticket.fields.priority,
      team: ticket.fields.team ?? null,
      deadline: t.deadline === null ? null : formatInstant(t.deadline),
      ...(t.threshold === undefined ? {} : { threshold: t.threshold }),
      ...(t.after === undefined ? {} : { breachedFor: t.after / 1000 }),
    },
  };
}
