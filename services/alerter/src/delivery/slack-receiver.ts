import { formatInstant, type Notification } from '@slawatch/core';
import { checkResponse } from './delivery-error.js';
import { alertDigest } from './alert-digest.js';
import { relativeToDeadline } from './describe-time.js';
import type { Receiver } from './receiver.js';

const CLOCK = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
} as const;

/** What a Slack incoming webhook gets: a fallback `text` and readable blocks. */
export function slackMessage(n: Notification, ticketUrl: string | null, now: number) {
  const { labels } = n;
  const link = ticketUrl?.replace('{ticketId}', encodeURIComponent(n.ticketId));
  const ticket = link ? `<${link}|${n.ticketId}>` : n.ticketId;
  const clock = CLOCK[labels.clock];
  const timing = n.deadline === null ? '' : relativeToDeadline(n.deadline, now);
  const headline =
    n.action === 'resolve'
      ? `:white_check_mark: Resolved: ${clock} SLA of ${ticket}`
      : labels.level === 'at_risk'
        ? `:warning: At risk: ${clock} SLA of ${ticket} (${timing})`
        : labels.level === 'breach'
          ? `:rotating_light: Breached: ${clock} SLA of ${ticket}`
          : `:bell: Still breached: ${clock} SLA of ${ticket} (${timing})`;
  const facts = [
    `*Priority* ${labels.priority}`,
    `*Team* ${labels.team ?? 'none'}`,
    `*Policy* ${labels.policy ?? 'none'}`,
    n.deadline === null
      ? null
      : `*Deadline* ${formatInstant(n.deadline)}${timing ? ` (${timing})` : ''}`,
  ].filter((f): f is string => f !== null);
  return {
    text: headline.replace(/<([^|>]+)\|([^>]+)>/g, '$2'),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: headline } },
      { type: 'context', elements: facts.map((text) => ({ type: 'mrkdwn', text })) },
    ],
  };
}

/** One team's alerts of a grouping window as one message. */
export function slackDigest(ns: readonly Notification[], ticketUrl: string | null, now: number) {
  const ticket = (n: Notification) => {
    const link = ticketUrl?.replace('{ticketId}', encodeURIComponent(n.ticketId));
    return link ? `<${link}|${n.ticketId}>` : n.ticketId;
  };
  const digest = alertDigest(ns, ticket, now);
  const list = digest.lines.map((l) => `• ${l}`).join('\n');
  return {
    text: `:rotating_light: ${digest.title}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:rotating_light: *${digest.title}*` } },
      { type: 'section', text: { type: 'mrkdwn', text: list } },
      ...(digest.rest
        ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: digest.rest }] }]
        : []),
    ],
  };
}

/** A Slack incoming webhook (its URL is the secret). */
export function slackReceiver(options: {
  readonly url: string;
  readonly ticketUrl: string | null;
  readonly timeoutMs: number;
  readonly now: () => number;
}): Receiver {
  const post = async (message: object) => {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await checkResponse('Slack', response);
  };
  return {
    deliver: (n) => post(slackMessage(n, options.ticketUrl, options.now())),
    deliverGroup: (ns) => post(slackDigest(ns, options.ticketUrl, options.now())),
  };
}
