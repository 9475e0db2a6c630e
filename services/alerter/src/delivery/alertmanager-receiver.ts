import { formatInstant, type Notification } from '@slawatch/core';
import { checkResponse, PermanentDeliveryError } from './delivery-error.js';
import { postJson } from './post-json.js';
import { surveyScore, ticketLink } from './describe-alert.js';
import type { Receiver } from './receiver.js';

/**
 * How long a raised alert stays active in Alertmanager without news from slawatch. It is
 * not re-sent like Prometheus' alerts are, so it carries an explicit end this far ahead
 * (refreshed by each reminder), and its resolve ends it at once.
 */
export const ALERTMANAGER_HOLD_MS = 24 * 3_600_000;

/**
 * How long a `feedback` alert stays active: it has no resolve, so it ends on its own. Long
 * enough for Alertmanager's grouping waits (30 s and 5 min by default) to send it, shorter
 * than its repeat interval (4 h by default), so it is told once.
 */
export const FEEDBACK_HOLD_MS = 3_600_000;

/** A `feedback` alert: `SlaFeedback`, `info`, the survey's kind as a label and its score. */
function feedbackAlert(n: Notification, link: string | null, now: number) {
  const { labels } = n;
  const f = n.feedback;
  return {
    labels: {
      alertname: 'SlaFeedback',
      ticket: n.ticketId,
      survey: f?.kind ?? '',
      policy: labels.policy ?? '',
      priority: labels.priority,
      team: labels.team ?? '',
      severity: 'info',
    },
    annotations: {
      summary: `${n.ticketId}: low ${f ? surveyScore(f) : 'score'}`,
      ...(f === undefined ? {} : { score: String(f.score) }),
      ...(f?.assignee ? { assignee: f.assignee } : {}),
    },
    startsAt: formatInstant(n.time),
    endsAt: formatInstant(now + FEEDBACK_HOLD_MS),
    ...(link ? { generatorURL: link } : {}),
  };
}

/** The alert of docs/alerts.md ("Alertmanager"): labels, `startsAt` the breach or threshold instant. */
export function alertmanagerAlert(n: Notification, ticketUrl: string | null, now: number) {
  const { labels } = n;
  if (labels.clock === null) return feedbackAlert(n, ticketLink(ticketUrl, n.ticketId), now);
  // A reminder is the breach again: Alertmanager's own repeat interval re-notifies.
  const atRisk = labels.level === 'at_risk';
  const forecast = labels.level === 'forecast';
  const startsAt =
    atRisk || forecast || labels.level === 'breach' ? n.time : (n.deadline ?? n.time);
  const link = ticketLink(ticketUrl, n.ticketId);
  return {
    labels: {
      alertname: atRisk ? 'SlaAtRisk' : forecast ? 'SlaBreachForecast' : 'SlaBreach',
      ticket: n.ticketId,
      clock: labels.clock,
      policy: labels.policy ?? '',
      priority: labels.priority,
      team: labels.team ?? '',
      severity: atRisk || forecast ? 'warning' : 'critical',
    },
    annotations: {
      summary: `${n.ticketId}: ${labels.clock} SLA ${atRisk ? 'at risk' : forecast ? 'likely to breach' : 'breached'}`,
      ...(n.deadline === null ? {} : { deadline: formatInstant(n.deadline) }),
      ...(n.threshold === undefined ? {} : { threshold: String(n.threshold) }),
      ...(n.probability === undefined ? {} : { probability: String(n.probability) }),
    },
    startsAt: formatInstant(startsAt),
    endsAt: formatInstant(n.action === 'resolve' ? n.time : now + ALERTMANAGER_HOLD_MS),
    ...(link ? { generatorURL: link } : {}),
  };
}

/** Alertmanager's API v2 (`POST /api/v2/alerts`). */
export function alertmanagerReceiver(options: {
  readonly url: string;
  readonly ticketUrl: string | null;
  readonly timeoutMs: number;
  readonly now: () => number;
}): Receiver {
  const endpoint = `${options.url.replace(/\/+$/, '')}/api/v2/alerts`;
  return {
    async deliver(n) {
      // The policy document refuses it (alertingProblems): a digest is for people.
      if (n.digest) throw new PermanentDeliveryError('a digest goes to Slack, e-mail or a webhook');
      const response = await postJson(
        endpoint,
        { 'content-type': 'application/json' },
        JSON.stringify([alertmanagerAlert(n, options.ticketUrl, options.now())]),
        options.timeoutMs,
      );
      await checkResponse('Alertmanager', response);
    },
  };
}
