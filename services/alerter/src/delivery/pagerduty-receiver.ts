import { createHash } from 'node:crypto';
import { formatInstant, type Notification } from '@slawatch/core';
import { checkResponse, PermanentDeliveryError } from './delivery-error.js';
import { postJson } from './post-json.js';
import { CLOCK_NAME, surveyScore, ticketLink } from './describe-alert.js';
import type { Receiver } from './receiver.js';
import { wellFormed } from './well-formed.js';

const SEVERITY = {
  at_risk: 'warning',
  breach: 'critical',
  reminder: 'critical',
  forecast: 'warning',
  feedback: 'info',
  // Never sent: a digest may not name a PagerDuty receiver (alertingProblems).
  digest: 'info',
} as const;

/** PagerDuty allows 255 characters; a longer key is hashed, the same way every time. */
export const pagerDutyDedupKey = (alertKey: string): string =>
  alertKey.length <= 255
    ? alertKey
    : `sha256:${createHash('sha256').update(alertKey).digest('hex')}`;

/** The Events API v2 body of a notification (trigger, or resolve by its `dedup_key`). */
export function pagerDutyEvent(n: Notification, routingKey: string, ticketUrl: string | null) {
  const dedupKey = pagerDutyDedupKey(n.alertKey);
  if (n.action === 'resolve')
    return { routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey };
  const { labels } = n;
  if (labels.clock === null) return feedbackEvent(n, routingKey, ticketUrl, dedupKey);
  const what =
    labels.level === 'at_risk'
      ? `at risk (${Math.round((n.threshold ?? 0) * 100)}% of the target used)`
      : labels.level === 'breach'
        ? 'breached'
        : labels.level === 'forecast'
          ? `likely to breach (${Math.round((n.probability ?? 0) * 100)}% probability)`
          : `still breached ${Math.round((n.after ?? 0) / 60_000)}m after its deadline`;
  const link = ticketLink(ticketUrl, n.ticketId);
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      // Cut at 1,024 UTF-16 units, which may halve a pair: wellFormed keeps the JSON valid.
      summary: wellFormed(
        `${n.ticketId}: ${CLOCK_NAME[labels.clock]} SLA ${what} (${labels.priority}${labels.team ? `, team ${labels.team}` : ''})`.slice(
          0,
          1024,
        ),
      ),
      source: 'slawatch',
      severity: SEVERITY[labels.level],
      timestamp: formatInstant(n.time),
      component: labels.clock,
      group: labels.team ?? undefined,
      class: labels.level,
      custom_details: {
        ticketId: n.ticketId,
        cycle: n.cycle,
        policy: labels.policy,
        priority: labels.priority,
        customerTier: labels.customerTier,
        deadline: n.deadline === null ? null : formatInstant(n.deadline),
        idempotencyKey: n.id,
      },
    },
    ...(link ? { links: [{ href: link, text: `Ticket ${n.ticketId}` }] } : {}),
  };
}

/**
 * A `feedback` alert's trigger: `info`, with the survey and the assignee. It is never
 * resolved by slawatch (a survey does not end): its incident stays until someone resolves
 * it in PagerDuty, or the service's own auto-resolution does.
 */
function feedbackEvent(
  n: Notification,
  routingKey: string,
  ticketUrl: string | null,
  dedupKey: string,
) {
  const { labels } = n;
  const f = n.feedback;
  const who = [
    labels.team ? `team ${labels.team}` : null,
    f?.assignee ? `assignee ${f.assignee}` : null,
  ]
    .filter((w): w is string => w !== null)
    .join(', ');
  const link = ticketLink(ticketUrl, n.ticketId);
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      summary: wellFormed(
        `${n.ticketId}: low ${f ? surveyScore(f) : 'score'} (${labels.priority}${who ? `, ${who}` : ''})`.slice(
          0,
          1024,
        ),
      ),
      source: 'slawatch',
      severity: SEVERITY.feedback,
      timestamp: formatInstant(n.time),
      component: f?.kind,
      group: labels.team ?? undefined,
      class: labels.level,
      custom_details: {
        ticketId: n.ticketId,
        survey: f?.kind,
        score: f?.score,
        assignee: f?.assignee ?? null,
        policy: labels.policy,
        priority: labels.priority,
        customerTier: labels.customerTier,
        idempotencyKey: n.id,
      },
    },
    ...(link ? { links: [{ href: link, text: `Ticket ${n.ticketId}` }] } : {}),
  };
}

/**
 * PagerDuty Events API v2: a trigger per alert and a resolve with the same `dedup_key`,
 * so PagerDuty folds a redelivered trigger into the incident it already has.
 */
export function pagerDutyReceiver(options: {
  readonly url: string;
  readonly routingKey: string;
  readonly ticketUrl: string | null;
  readonly timeoutMs: number;
}): Receiver {
  return {
    async deliver(n) {
      // The policy document refuses it (alertingProblems): a digest is for people.
      if (n.digest) throw new PermanentDeliveryError('a digest goes to Slack, e-mail or a webhook');
      const response = await postJson(
        options.url,
        { 'content-type': 'application/json' },
        JSON.stringify(pagerDutyEvent(n, options.routingKey, options.ticketUrl)),
        options.timeoutMs,
      );
      await checkResponse('PagerDuty', response);
    },
  };
}
