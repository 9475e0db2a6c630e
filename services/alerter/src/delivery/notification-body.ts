import {
  formatInstant,
  type DigestFigures,
  type DigestReport,
  type Notification,
} from '@slawatch/core';
import { ticketLink } from './describe-alert.js';
import { digestPeriod } from './digest-message.js';

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
    readonly priority: string | null;
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

/** The JSON a webhook receives for a scheduled digest (docs/alerts.md, "Scheduled digests"). */
export interface DigestBody {
  readonly id: string;
  readonly kind: 'digest';
  /** The digest's id in `alerting.digests`. */
  readonly digest: string;
  /** Null: every team together. */
  readonly team: string | null;
  readonly every: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly figures: DigestFigures;
  /** The period before's figures, null when there is nothing to compare with. */
  readonly previous: DigestFigures | null;
  readonly link: string | null;
  readonly sentAt: string;
}

export function digestBody(n: Notification, report: DigestReport, now: number): DigestBody {
  return {
    id: n.id,
    kind: 'digest',
    digest: report.digest,
    team: report.team,
    every: report.every,
    period: digestPeriod(report),
    figures: report.figures,
    previous: report.previous,
    link: report.link,
    sentAt: new Date(now).toISOString(),
  };
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
