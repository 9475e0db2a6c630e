import { formatInstant, type DigestReport, type Notification } from '@slawatch/core';
import { checkResponse } from './delivery-error.js';
import { postJson } from './post-json.js';
import { alertDigest } from './alert-digest.js';
import { CLOCK_NAME, surveyScore, ticketLink } from './describe-alert.js';
import { relativeToDeadline } from './describe-time.js';
import type { Receiver } from './receiver.js';
import { slackEscape } from './slack-escape.js';
import { digestPeriod, digestRows, digestTitle, NO_LINK, NO_PREVIOUS } from './digest-message.js';

/** Slack shows at most ten fields in a section. */
const FIELDS_PER_SECTION = 10;

/**
 * A scheduled digest: a header naming the team and the period, the headline figures as
 * fields with their changes, and a button to the full report (or how to get one).
 */
export function slackDigestReport(r: DigestReport) {
  const title = digestTitle(r);
  const fields = digestRows(r).map((row) => ({
    type: 'mrkdwn',
    text: `*${row.label}*\n${row.value}${row.change === null ? '' : `   ${row.change}`}`,
  }));
  const sections = [];
  for (let i = 0; i < fields.length; i += FIELDS_PER_SECTION)
    sections.push({ type: 'section', fields: fields.slice(i, i + FIELDS_PER_SECTION) });
  const { from, to } = digestPeriod(r);
  const notes = [`${from} to ${to}`, ...(r.previous === null ? [NO_PREVIOUS] : [])];
  return {
    text: slackEscape(title),
    blocks: [
      // Plain text: a team name holds no markup there.
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150), emoji: false } },
      ...sections,
      { type: 'context', elements: notes.map((text) => ({ type: 'mrkdwn', text })) },
      r.link === null
        ? { type: 'context', elements: [{ type: 'mrkdwn', text: NO_LINK }] }
        : {
            type: 'actions',
            elements: [
              {
                type: 'button',
                text: { type: 'plain_text', text: 'Full report' },
                url: r.link,
              },
            ],
          },
    ],
  };
}

/** `<link|T-1>` when there is a link: Slack's markup, around the escaped ticket id. */
const ticketRef = (ticketUrl: string | null, ticketId: string): string => {
  const link = ticketLink(ticketUrl, ticketId);
  // The link is percent-encoded already, so the first `|` is the one that ends it.
  return link ? `<${link}|${slackEscape(ticketId)}>` : slackEscape(ticketId);
};

/** A label of the producer's or the document's, escaped; `none` when it has none. */
const fact = (value: string | null): string => (value === null ? 'none' : slackEscape(value));

/** The blocks of a message: its headline, and a context line of facts. */
const blocks = (headline: string, facts: readonly string[]) => ({
  text: headline.replace(/<([^|>]+)\|([^>]*)>/g, '$2'),
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: headline } },
    { type: 'context', elements: facts.map((text) => ({ type: 'mrkdwn', text })) },
  ],
});

/** `Low CSAT 2/5 on T-1001 (team emea, ana)`: the survey, the team and the assignee. */
function feedbackLine(n: Notification, ticket: string): string {
  const assignee = n.feedback?.assignee ?? null;
  const who = [
    n.labels.team === null ? null : `team ${slackEscape(n.labels.team)}`,
    assignee === null ? null : slackEscape(assignee),
  ].filter((w): w is string => w !== null);
  const score = n.feedback ? surveyScore(n.feedback) : 'score';
  return `Low ${score} on ${ticket}${who.length > 0 ? ` (${who.join(', ')})` : ''}`;
}

/** What a Slack incoming webhook gets: a fallback `text` and readable blocks. */
export function slackMessage(n: Notification, ticketUrl: string | null, now: number) {
  const { labels } = n;
  const ticket = ticketRef(ticketUrl, n.ticketId);
  if (labels.clock === null)
    return blocks(`:speech_balloon: ${feedbackLine(n, ticket)}`, [
      `*Priority* ${fact(labels.priority)}`,
      `*Team* ${fact(labels.team)}`,
      `*Policy* ${fact(labels.policy)}`,
      `*Assignee* ${fact(n.feedback?.assignee ?? null)}`,
      `*Surveyed* ${formatInstant(n.time)}`,
    ]);
  const name = CLOCK_NAME[labels.clock];
  const clock = `${name[0]!.toUpperCase()}${name.slice(1)}`;
  const timing = n.deadline === null ? '' : relativeToDeadline(n.deadline, now);
  const headline =
    n.action === 'resolve'
      ? `:white_check_mark: Resolved: ${clock} SLA of ${ticket}`
      : labels.level === 'at_risk'
        ? `:warning: At risk: ${clock} SLA of ${ticket} (${timing})`
        : labels.level === 'breach'
          ? `:rotating_light: Breached: ${clock} SLA of ${ticket}`
          : labels.level === 'forecast'
            ? `:crystal_ball: Likely to breach (${Math.round((n.probability ?? 0) * 100)}%): ${clock} SLA of ${ticket} (${timing})`
            : `:bell: Still breached: ${clock} SLA of ${ticket} (${timing})`;
  const facts = [
    `*Priority* ${fact(labels.priority)}`,
    `*Team* ${fact(labels.team)}`,
    `*Policy* ${fact(labels.policy)}`,
    n.deadline === null
      ? null
      : `*Deadline* ${formatInstant(n.deadline)}${timing ? ` (${timing})` : ''}`,
  ].filter((f): f is string => f !== null);
  return blocks(headline, facts);
}

/** One team's alerts of a grouping window as one message. */
export function slackDigest(ns: readonly Notification[], ticketUrl: string | null, now: number) {
  // The title names the team: escaped as a whole (it holds no markup of slawatch's).
  const digest = alertDigest(ns, (n) => ticketRef(ticketUrl, n.ticketId), now, slackEscape);
  const title = slackEscape(digest.title);
  const list = digest.lines.map((l) => `• ${l}`).join('\n');
  return {
    text: `:rotating_light: ${title}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:rotating_light: *${title}*` } },
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
    const response = await postJson(
      options.url,
      { 'content-type': 'application/json' },
      JSON.stringify(message),
      options.timeoutMs,
    );
    await checkResponse('Slack', response);
  };
  return {
    deliver: (n) =>
      post(
        n.digest ? slackDigestReport(n.digest) : slackMessage(n, options.ticketUrl, options.now()),
      ),
    deliverGroup: (ns) => post(slackDigest(ns, options.ticketUrl, options.now())),
  };
}
