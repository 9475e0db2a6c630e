import type { AlertTransition, TicketDelta } from '@slawatch/core';
import { formatInstant } from '@slawatch/core';

/** What a wallboard needs to know about one ticket that changed (decided in core). */
export type { TicketDelta };

/** One message on the deltas channel: everything one batch (or timer) changed. */
export interface LiveDelta {
  readonly at: string;
  /**
   * When it was published (RFC 3339, milliseconds): the gateway passes it on with the
   * updates it causes, so a wallboard (or a benchmark) can tell how fresh they are.
   * Absent from deltas of older versions.
   */
  readonly publishedAt?: string;
  readonly tickets: readonly TicketDelta[];
  readonly alerts: readonly {
    readonly type: AlertTransition['type'];
    readonly ticketId: string;
    readonly clock: AlertTransition['clock'];
    readonly cycle: number;
    readonly time: string;
    readonly threshold?: number;
  }[];
}

export const alertDelta = (t: AlertTransition): LiveDelta['alerts'][number] => ({
  type: t.type,
  ticketId: t.ticketId,
  clock: t.clock,
  cycle: t.cycle,
  time: formatInstant(t.time),
  ...(t.threshold === undefined ? {} : { threshold: t.threshold }),
});
