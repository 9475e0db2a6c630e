import { createHash } from 'node:crypto';
import { createTransport, type NodemailerError, type SentMessageInfo } from 'nodemailer';
import type { AlertLevel, DigestReport, Notification } from '@slawatch/core';
import { PermanentDeliveryError } from './delivery-error.js';
import { formatSpan, relativeToDeadline } from './describe-time.js';
import { notificationBody } from './notification-body.js';
import { alertDigest } from './alert-digest.js';
import { CLOCK_NAME, surveyScore, ticketLink } from './describe-alert.js';
import { headerSafe } from './header-safe.js';
import {
  digestPeriod,
  digestRows,
  digestSubject,
  digestTitle,
  NO_LINK,
  NO_PREVIOUS,
} from './digest-message.js';
import { printableText } from './printable-text.js';
import type { Receiver } from './receiver.js';

export interface EmailReceiverOptions {
  readonly smtp: {
    readonly host: string;
    readonly port: number;
    /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
    readonly secure: boolean;
    readonly user: string | null;
    readonly password: string | null;
  };
  readonly from: string;
  readonly to: readonly string[];
  readonly ticketUrl: string | null;
  /** Time allowed for one delivery: connecting, the greeting and the whole send. */
  readonly timeoutMs: number;
  readonly now: () => number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The Message-ID of a notification's mail: the same for every retry and redelivery, so a
 * mail that arrives twice can be recognised (and is, by clients that drop duplicates).
 */
export function emailMessageId(notificationId: string): string {
  return `<${sha256(notificationId)}@slawatch>`;
}

/**
 * What every mail about one alert refers to (References, In-Reply-To): the same for its
 * trigger, its reminders' alert and its resolve, so mail clients show them as one thread.
 */
export function emailThreadId(alertKey: string): string {
  return `<${sha256(alertKey)}.alert@slawatch>`;
}

const LEVEL: Record<AlertLevel, string> = {
  at_risk: 'AT RISK',
  breach: 'BREACH',
  reminder: 'REMINDER',
  forecast: 'FORECAST',
  feedback: 'FEEDBACK',
  digest: 'DIGEST',
};

/** A forecast's probability as `83%`. */
const percent = (p: number | undefined) => `${Math.round((p ?? 0) * 100)}%`;

/** How long after the deadline a reminder goes out. */
const breachedFor = (n: Notification) =>
  n.after ?? (n.deadline === null ? null : Math.max(0, n.time - n.deadline));

/** What a feedback alert is about: `CSAT 2/5`. */
const scoreOf = (n: Notification) => (n.feedback ? surveyScore(n.feedback) : 'score');

/**
 * `[slawatch] BREACH urgent T-1001 first response (team emea)` and the like; a feedback
 * alert names the score instead of a clock: `[slawatch] FEEDBACK urgent T-1001 CSAT 2/5`.
 */
export function emailSubject(n: Notification): string {
  const { labels } = n;
  const what = n.action === 'resolve' ? `RESOLVED ${LEVEL[labels.level]}` : LEVEL[labels.level];
  const about = labels.clock === null ? scoreOf(n) : CLOCK_NAME[labels.clock];
  const parts = ['[slawatch]', what, labels.priority, n.ticketId, about];
  const after = breachedFor(n);
  if (n.action === 'trigger' && labels.level === 'reminder' && after !== null)
    parts.push(`breached ${formatSpan(after)} ago`);
  if (labels.team !== null) parts.push(`(team ${labels.team})`);
  // Ticket ids and teams are the producers': no line break of theirs ends the subject.
  return printableText(parts.join(' '));
}

const feedbackHeadline = (n: Notification) =>
  `Ticket ${n.ticketId} got a low score, ${scoreOf(n)}: the customer may need a call back.`;

function headline(n: Notification): string {
  // A feedback alert names no clock, and is never resolved.
  if (n.labels.clock === null) return feedbackHeadline(n);
  const clock = CLOCK_NAME[n.labels.clock];
  if (n.action === 'resolve')
    return `The ${LEVEL[n.labels.level]} alert on the ${clock} clock of ticket ${n.ticketId} is over.`;
  switch (n.labels.level) {
    case 'at_risk':
      return `Ticket ${n.ticketId} is at risk of missing its ${clock} target.`;
    case 'breach':
      return `Ticket ${n.ticketId} missed its ${clock} target.`;
    case 'reminder': {
      const after = breachedFor(n);
      return `Ticket ${n.ticketId} is still past its ${clock} deadline${after === null ? '' : `, breached ${formatSpan(after)} ago`}.`;
    }
    case 'forecast':
      return `Ticket ${n.ticketId} is likely to miss its ${clock} target (${percent(n.probability)} probability).`;
    case 'feedback':
      return feedbackHeadline(n);
    case 'digest':
      return `The SLA digest ${n.alertKey}.`;
  }
}

/** The plain-text body: one fact a line, readable on a phone. */
export function emailText(n: Notification, ticketUrl: string | null, now: number): string {
  const body = notificationBody(n, ticketUrl, now);
  const { alert } = body;
  const lines: [string, string][] = [['Ticket', n.ticketId]];
  if (alert.url !== null) lines.push(['Link', alert.url]);
  if (n.labels.clock === null) {
    lines.push(
      ['Score', scoreOf(n)],
      ['Level', n.labels.level],
      ['Team', alert.team ?? 'none'],
      ['Assignee', n.feedback?.assignee ?? 'none'],
      ['Priority', alert.priority ?? 'none'],
      ['Policy', alert.policy ?? 'none'],
    );
    if (alert.customerTier !== null) lines.push(['Customer tier', alert.customerTier]);
    lines.push(['Surveyed at', alert.time]);
    return mailText(n, lines);
  }
  lines.push(
    ['Clock', `${CLOCK_NAME[n.labels.clock]} (cycle ${n.cycle})`],
    ['Level', n.labels.level],
    ['Team', alert.team ?? 'none'],
    ['Priority', alert.priority ?? 'none'],
    ['Policy', alert.policy ?? 'none'],
  );
  if (alert.customerTier !== null) lines.push(['Customer tier', alert.customerTier]);
  if (n.deadline === null) lines.push(['Deadline', 'none']);
  else if (n.action === 'resolve')
    lines.push([
      'Deadline',
      `${alert.deadline} (${relativeToDeadline(n.deadline, n.time)} when it ended)`,
    ]);
  else lines.push(['Deadline', `${alert.deadline} (${relativeToDeadline(n.deadline, now)})`]);
  if (n.threshold !== undefined)
    lines.push(['Threshold', `${Math.round(n.threshold * 100)}% of the target`]);
  if (n.action === 'trigger' && n.labels.level === 'reminder') {
    const after = breachedFor(n);
    if (after !== null) lines.push(['Breached for', formatSpan(after)]);
  }
  lines.push([n.action === 'resolve' ? 'Ended at' : 'Happened at', alert.time]);
  return mailText(n, lines);
}

/** The headline, the facts aligned one a line, the ids and the signature. */
function mailText(n: Notification, lines: readonly [string, string][]): string {
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  return [
    printableText(headline(n)),
    '',
    ...lines.map(([label, value]) => `${`${label}:`.padEnd(width)}${printableText(value)}`),
    '',
    `Idempotency key: ${printableText(n.id)}`,
    `Alert: ${printableText(n.alertKey)}`,
    '',
    '-- ',
    'Sent by slawatch. A redelivered copy has the same Message-ID and idempotency key.',
    '',
  ].join('\n');
}

/**
 * A scheduled digest as plain text: the title, the period, the headline figures aligned in
 * columns with their changes, and the link to the full report (or how to get one).
 */
export function emailDigestText(n: Notification, r: DigestReport): string {
  const rows = digestRows(r);
  const label = Math.max(...rows.map((row) => row.label.length)) + 2;
  const value = Math.max(...rows.map((row) => row.value.length)) + 3;
  const { from, to } = digestPeriod(r);
  return [
    printableText(digestTitle(r)),
    `Period: ${from} to ${to}`,
    '',
    ...rows.map((row) =>
      `${`${row.label}:`.padEnd(label)}${row.value.padEnd(value)}${row.change ?? ''}`.trimEnd(),
    ),
    ...(r.previous === null ? ['', NO_PREVIOUS] : []),
    '',
    r.link === null ? NO_LINK : `Full report: ${r.link}`,
    '',
    `Idempotency key: ${printableText(n.id)}`,
    '',
    '-- ',
    'Sent by slawatch. A redelivered copy has the same Message-ID and idempotency key.',
    '',
  ].join('\n');
}

/** Codes nodemailer gives without an SMTP reply for what no retry can fix: the configuration. */
const PERMANENT_WITHOUT_REPLY = new Set([
  'ECONFIG',
  'EAUTH',
  'ENOAUTH',
  'EENVELOPE',
  'EMAXRECIPIENTS',
]);

/**
 * The right error for a failed send: PermanentDeliveryError for a permanent SMTP rejection
 * (a 5xx reply other than 503: an unknown mailbox, relaying denied, failed authentication)
 * and for a configuration no retry can fix; a plain Error for the rest (refused or dropped
 * connections, timeouts, 4xx replies), which are retried.
 */
function deliveryError(error: unknown, timeoutMs: number): Error {
  const e = error as NodemailerError;
  if (e.code === 'EABORT')
    return new Error(`the SMTP server did not take the mail within ${timeoutMs}ms`, {
      cause: error,
    });
  const message =
    e.responseCode !== undefined
      ? `the SMTP server refused the mail: ${e.message}`
      : `the mail could not be sent: ${e.message}`;
  const permanent =
    e.responseCode !== undefined
      ? e.permanent === true
      : e.code !== undefined && PERMANENT_WITHOUT_REPLY.has(e.code);
  return permanent
    ? new PermanentDeliveryError(message, { cause: error })
    : new Error(message, { cause: error });
}

/**
 * Some recipients taken, some refused: retried when a refusal was temporary (the ones that got
 * it see a copy with the same Message-ID), dead-lettered when all were permanent, so a wrong
 * address in `to` shows up instead of going unnoticed.
 */
function partialError(info: SentMessageInfo): Error {
  const rejected = info.rejected ?? [];
  const errors = (info.rejectedErrors ?? []) as NodemailerError[];
  const reasons = errors.map((e) => e.response ?? e.message).join('; ');
  const message = `the SMTP server took the mail for ${(info.accepted ?? []).join(', ')} but refused ${rejected.join(', ')}${reasons ? `: ${reasons}` : ''}`;
  const permanent = errors.length > 0 && errors.every((e) => e.permanent === true);
  return permanent ? new PermanentDeliveryError(message) : new Error(message);
}

/**
 * Alerts by e-mail over SMTP: one plain-text mail to all of `to` per notification, through
 * one pooled connection set reused by every delivery. `close()` ends the pool once the mails
 * being sent are done.
 */
export function emailReceiver(options: EmailReceiverOptions): Receiver & { close(): void } {
  const { smtp, timeoutMs } = options;
  const transport = createTransport({
    pool: true,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user === null ? {} : { auth: { user: smtp.user, pass: smtp.password ?? '' } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
  });
  const send = async (mail: {
    subject: string;
    text: string;
    messageId: string;
    thread: string | null;
    headers: Record<string, string>;
  }) => {
    let info: SentMessageInfo;
    try {
      info = await transport.sendMail({
        from: options.from,
        to: [...options.to],
        subject: mail.subject,
        text: mail.text,
        date: new Date(options.now()),
        messageId: mail.messageId,
        ...(mail.thread ? { inReplyTo: mail.thread, references: mail.thread } : {}),
        headers: { ...mail.headers, 'Auto-Submitted': 'auto-generated' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw deliveryError(error, timeoutMs);
    }
    if (info.rejected?.length) throw partialError(info);
  };
  return {
    async deliver(n: Notification) {
      if (n.digest) {
        await send({
          subject: printableText(digestSubject(n.digest)),
          text: emailDigestText(n, n.digest),
          messageId: emailMessageId(n.id),
          thread: null,
          headers: { 'X-Slawatch-Idempotency-Key': headerSafe(n.id) },
        });
        return;
      }
      await send({
        subject: emailSubject(n),
        text: emailText(n, options.ticketUrl, options.now()),
        messageId: emailMessageId(n.id),
        thread: emailThreadId(n.alertKey),
        // Percent-encoded like the webhook's header: the ids hold the ticket id.
        headers: {
          'X-Slawatch-Idempotency-Key': headerSafe(n.id),
          'X-Slawatch-Alert-Key': headerSafe(n.alertKey),
        },
      });
    },
    async deliverGroup(ns: readonly Notification[]) {
      const link = (n: Notification) =>
        [n.ticketId, ticketLink(options.ticketUrl, n.ticketId)].filter(Boolean).join(' ');
      const digest = alertDigest(ns, link, options.now());
      // One id for the group: the same alerts grouped again give the same Message-ID.
      const groupId = ns
        .map((n) => n.id)
        .sort()
        .join('\n');
      await send({
        subject: printableText(`[slawatch] ${digest.title}`),
        text:
          [...digest.lines.map(printableText), ...(digest.rest ? ['', digest.rest] : [])].join(
            '\n',
          ) + '\n',
        messageId: emailMessageId(groupId),
        thread: null,
        headers: { 'X-Slawatch-Idempotency-Key': emailMessageId(groupId).slice(1, -1) },
      });
    },
    close() {
      transport.close();
    },
  };
}
