import { formatInstant, type Notification } from '@slawatch/core';
import { ticketLink } from './describe-alert.js';

/** The JSON a webhook receives: one alert transition (or low survey) for one receiver. */
export interface NotificationBody {
  /** Idempotency key: the same for every retry and redelivery of this notification. */
  readonly id: string;
  /** `trigger` raises the alert, `resolve` ends it. */
  readonly action: 'trigger' | 'resolve';
  readonly alert: {
    /** The same for an alert's trigger and resolve: ticket, clock, cycle, level. */
    readonly key: string;
    readonly level: string;
    readonly ticketId: string;
    /** Null, with `cycle`, for `feedback`: a survey, not a clock. */
    readonly clock: string | null;
    readonly cycle: number | null;
    readonly team: string | null;
    readonly priority: string;
    readonly policy: string | null;
    readonly customerTier: string | null;
    readonly time: string;
    readonly deadline: string | null;
    readonly threshold?: number;
    /** A forecast's probability of the breach, 0..1. */
    readonly probability?: number;
    readonly breachedForSeconds?: number;
    /** For `feedback`: the low survey (`csat` 1-5, `nps` 0-10). */
    readonly survey?: { readonly kind: string; readonly score: number };
    /** For `feedback`: the ticket's assignee, null without one. */
    readonly assignee?: string | null;
    readonly url: string | null;
  };
  readonly sentAt: string;
}

export function notificationBody(
  n: Notification,
  ticketUrl: string | null,
  now: number,
): NotificationBody {
  const { labels } = n;
  return {
    id: n.id,
    action: n.action,
    alert: {
      key: n.alertKey,
      level: labels.level,
      ticketId: n.ticketId,
      clock: labels.clock,
      cycle: n.cycle,
      team: labels.team,
      priority: labels.priority,
      policy: labels.policy,
      customerTier: labels.customerTier,
      time: formatInstant(n.time),
      deadline: n.deadline === null ? null : formatInstant(n.deadline),
      ...(n.threshold === undefined ? {} : { threshold: n.threshold }),
      ...(n.probability === undefined ? {} : { probability: n.probability }),
      ...(n.after === undefined ? {} : { breachedForSeconds: n.after / 1000 }),
      ...(n.feedback === undefined
        ? {}
        : {
            survey: { kind: n.feedback.kind, score: n.feedback.score },
            assignee: n.feedback.assignee,
          }),
      url: ticketLink(ticketUrl, n.ticketId),
    },
    sentAt: new Date(now).toISOString(),
  };
}
