import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import type { Notification } from '@slawatch/core';
import { PermanentDeliveryError } from '../src/delivery/delivery-error.js';
import { formatSpan, relativeToDeadline } from '../src/delivery/describe-time.js';
import {
  emailMessageId,
  emailReceiver,
  emailSubject,
  emailThreadId,
  type EmailReceiverOptions,
} from '../src/delivery/email-receiver.js';

interface Received {
  raw: string;
  from: string;
  recipients: string[];
  session: string;
  user: unknown;
}

/** A local SMTP server that keeps what it got, and refuses what the test tells it to. */
class Sink {
  readonly got: Received[] = [];
  readonly auths: { method: string; username: string | undefined; password: string | undefined }[] =
    [];
  /** Recipient address → the reply code RCPT TO gets for it. */
  readonly refuse = new Map<string, number>();
  /** Passwords the server takes, by user name. */
  readonly users = new Map<string, string>();
  readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 500,
    disableReverseLookup: true,
    onAuth: (auth, _session, callback) => {
      this.auths.push({
        method: auth.method,
        username: auth.username,
        password: auth.password ?? undefined,
      });
      if (auth.username !== undefined && this.users.get(auth.username) === auth.password)
        return callback(null, { user: auth.username });
      callback(new Error('Invalid username or password'));
    },
    onRcptTo: (address, _session, callback) => {
      const code = this.refuse.get(address.address);
      if (code === undefined) return callback();
      const error: SMTPServerError = new Error(`refused ${address.address}`);
      error.responseCode = code;
      callback(error);
    },
    onData: (stream, session, callback) => {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        const { mailFrom, rcptTo } = session.envelope;
        this.got.push({
          raw,
          from: mailFrom === false ? '' : mailFrom.address,
          recipients: rcptTo.map((r) => r.address),
          session: session.id,
          user: session.user,
        });
        callback();
      });
    },
  });
  port = 0;
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }
  stop = () => new Promise<void>((resolve) => this.server.close(resolve));
}

/** The headers (unfolded, names in lower case) and the decoded text of a raw message. */
function parse(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n(?=[ \t])/g, '')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  let text = raw.slice(split + 4);
  if (headers.get('content-transfer-encoding') === 'quoted-printable')
    text = text
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

const DEADLINE = Date.parse('2026-11-23T09:15:00Z');
const MINUTE = 60_000;

let n = 0;
const notification = (over: Partial<Notification> = {}): Notification => {
  n += 1;
  return {
    id: `T-${1000 + n}/firstResponse:1:breached/mail`,
    receiver: 'mail',
    action: 'trigger',
    alertKey: `T-${1000 + n}/firstResponse/1/breach`,
    ticketId: `T-${1000 + n}`,
    cycle: 1,
    labels: {
      team: 'emea',
      priority: 'urgent',
      policy: 'p',
      clock: 'firstResponse',
      level: 'breach',
      customerTier: null,
    },
    time: DEADLINE,
    deadline: DEADLINE,
    deliverAt: 0,
    ...over,
  };
};

/** The resolve of the alert `trigger` raised. */
const resolveOf = (trigger: Notification, time: number): Notification => ({
  ...trigger,
  id: `${trigger.ticketId}/firstResponse:1:resolved/mail/breach`,
  action: 'resolve',
  time,
});

const sink = new Sink();
const opened: { close(): void }[] = [];
const receiver = (over: Partial<EmailReceiverOptions> = {}) => {
  const r = emailReceiver({
    smtp: { host: '127.0.0.1', port: sink.port, secure: false, user: null, password: null },
    from: 'slawatch@example.com',
    to: ['oncall@example.com', 'lead@example.com'],
    ticketUrl: 'https://help.example.com/t/{ticketId}',
    timeoutMs: 5_000,
    now: () => DEADLINE + 12 * MINUTE,
    ...over,
  });
  opened.push(r);
  return r;
};

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(() => sink.start());
beforeEach(() => {
  sink.got.length = 0;
  sink.auths.length = 0;
  sink.refuse.clear();
  sink.users.clear();
});
afterEach(() => {
  for (const r of opened.splice(0)) r.close();
});
afterAll(() => sink.stop());

describe('the e-mail receiver', () => {
  it('mails a breach once, to every recipient, with the facts and stable ids', async () => {
    const sent = notification();
    await receiver().deliver(sent);

    expect(sink.got).toHaveLength(1);
    const [got] = sink.got;
    expect(got!.from).toBe('slawatch@example.com');
    expect(got!.recipients).toEqual(['oncall@example.com', 'lead@example.com']);
    const { headers, text } = parse(got!.raw);
    expect(headers.get('subject')).toBe(
      '[slawatch] BREACH urgent T-1001 first response (team emea)',
    );
    expect(headers.get('to')).toBe('oncall@example.com, lead@example.com');
    expect(headers.get('message-id')).toBe(emailMessageId(sent.id));
    expect(headers.get('message-id')).toMatch(/^<[0-9a-f]{64}@slawatch>$/);
    expect(headers.get('references')).toBe(emailThreadId(sent.alertKey));
    expect(headers.get('in-reply-to')).toBe(emailThreadId(sent.alertKey));
    expect(headers.get('x-slawatch-idempotency-key')).toBe(sent.id);
    expect(headers.get('date')).toBe(
      new Date(DEADLINE + 12 * MINUTE).toUTCString().replace('GMT', '+0000'),
    );
    expect(text).toContain('Ticket T-1001 missed its first response target.');
    for (const line of [
      /^Ticket: +T-1001$/m,
      /^Link: +https:\/\/help\.example\.com\/t\/T-1001$/m,
      /^Clock: +first response \(cycle 1\)$/m,
      /^Level: +breach$/m,
      /^Team: +emea$/m,
      /^Priority: +urgent$/m,
      /^Policy: +p$/m,
      /^Deadline: +2026-11-23T09:15:00Z \(late by 12m\)$/m,
      /^Idempotency key: T-1001\/firstResponse:1:breached\/mail$/m,
    ])
      expect(text).toMatch(line);
  });

  it('threads a resolve to its trigger, over the same pooled connection', async () => {
    const email = receiver();
    const trigger = notification();
    const resolve = resolveOf(trigger, DEADLINE + 20 * MINUTE);
    await email.deliver(trigger);
    await email.deliver(resolve);

    expect(sink.got).toHaveLength(2);
    const [first, second] = sink.got.map((g) => parse(g.raw).headers);
    expect(second!.get('subject')).toBe(
      `[slawatch] RESOLVED BREACH urgent ${trigger.ticketId} first response (team emea)`,
    );
    expect(second!.get('references')).toBe(first!.get('references'));
    expect(second!.get('in-reply-to')).toBe(first!.get('in-reply-to'));
    expect(second!.get('message-id')).not.toBe(first!.get('message-id'));
    expect(parse(sink.got[1]!.raw).text).toMatch(
      /^Deadline: +2026-11-23T09:15:00Z \(late by 20m when it ended\)$/m,
    );
    expect(sink.got[1]!.session).toBe(sink.got[0]!.session);
  });

  it('mails one team’s grouped alerts as one digest, the same Message-ID for the same group', async () => {
    const group = Array.from({ length: 12 }, () => notification());
    await receiver().deliverGroup!(group);
    await receiver().deliverGroup!([...group].reverse());
    expect(sink.got).toHaveLength(2);
    const [first, again] = sink.got.map((g) => parse(g.raw));
    expect(first!.headers.get('subject')).toBe(
      '[slawatch] 12 SLA alerts for team emea: 12 breaches',
    );
    expect(first!.headers.get('message-id')).toBe(again!.headers.get('message-id'));
    expect(first!.headers.has('references')).toBe(false);
    const lines = first!.text.trim().split('\n');
    expect(lines).toHaveLength(12); // ten alerts, a blank line, the rest summed up
    expect(lines[0]).toMatch(
      /^Breached: first response SLA of T-\d+ https:\/\/help\.example\.com\/t\/T-\d+, urgent \(late by 12m\)$/,
    );
    expect(lines.at(-1)).toBe('and 2 more: 2 breaches');
  });

  it('gives a redelivered notification the same Message-ID', async () => {
    const email = receiver();
    const sent = notification();
    await email.deliver(sent);
    await email.deliver(sent);

    const ids = sink.got.map((g) => parse(g.raw).headers.get('message-id'));
    expect(ids).toEqual([emailMessageId(sent.id), emailMessageId(sent.id)]);
  });

  it('says at-risk and reminder in the subject', () => {
    const atRisk = notification({
      labels: { ...notification().labels, level: 'at_risk', team: null, priority: 'high' },
      threshold: 0.8,
    });
    expect(emailSubject(atRisk)).toBe(`[slawatch] AT RISK high ${atRisk.ticketId} first response`);
    const reminder = notification({
      labels: { ...notification().labels, level: 'reminder', clock: 'resolution' },
      after: 30 * MINUTE,
    });
    expect(emailSubject(reminder)).toBe(
      `[slawatch] REMINDER urgent ${reminder.ticketId} resolution breached 30m ago (team emea)`,
    );
  });

  it('throws PermanentDeliveryError when the server refuses the recipients for good (550)', async () => {
    sink.refuse.set('oncall@example.com', 550);
    sink.refuse.set('lead@example.com', 550);
    const failed = receiver().deliver(notification());
    await expect(failed).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(failed).rejects.toThrow(/550/);
    expect(sink.got).toHaveLength(0);
  });

  it('fails a mail one recipient refused: for good on a 550, to be retried on a 450', async () => {
    sink.refuse.set('lead@example.com', 550);
    const email = receiver();
    await expect(email.deliver(notification())).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(sink.got.map((g) => g.recipients)).toEqual([['oncall@example.com']]);

    sink.refuse.set('lead@example.com', 450);
    const deferred = email.deliver(notification());
    await expect(deferred).rejects.toThrow(/450/);
    await expect(deferred).rejects.not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('throws a retryable error when the server defers every recipient (451)', async () => {
    sink.refuse.set('oncall@example.com', 451);
    sink.refuse.set('lead@example.com', 451);
    const failed = receiver().deliver(notification());
    await expect(failed).rejects.toThrow(/451/);
    await expect(failed).rejects.not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('throws a retryable error when nothing listens', async () => {
    const port = await closedPort();
    const email = receiver({
      smtp: { host: '127.0.0.1', port, secure: false, user: null, password: null },
    });
    const failed = email.deliver(notification());
    await expect(failed).rejects.toThrow(Error);
    await expect(failed).rejects.not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('throws a retryable error when the server does not answer in time', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const email = receiver({
        smtp: { host: '127.0.0.1', port, secure: false, user: null, password: null },
        timeoutMs: 200,
      });
      const failed = email.deliver(notification());
      await expect(failed).rejects.toThrow(Error);
      await expect(failed).rejects.not.toBeInstanceOf(PermanentDeliveryError);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('logs in with the user and password', async () => {
    sink.users.set('alerts', 's3cret');
    const email = receiver({
      smtp: {
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        user: 'alerts',
        password: 's3cret',
      },
    });
    await email.deliver(notification());

    expect(sink.auths.map((a) => [a.username, a.password])).toEqual([['alerts', 's3cret']]);
    expect(['PLAIN', 'LOGIN']).toContain(sink.auths[0]!.method);
    expect(sink.got.map((g) => g.user)).toEqual(['alerts']);
  });

  it('throws PermanentDeliveryError when the login fails (535)', async () => {
    sink.users.set('alerts', 's3cret');
    const email = receiver({
      smtp: {
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        user: 'alerts',
        password: 'wrong',
      },
    });
    const failed = email.deliver(notification());
    await expect(failed).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(failed).rejects.toThrow(/535/);
    expect(sink.got).toHaveLength(0);
  });
});

describe('time in messages', () => {
  it('formats spans in whole units', () => {
    expect(formatSpan(45_000)).toBe('45s');
    expect(formatSpan(12 * MINUTE + 59_000)).toBe('12m');
    expect(formatSpan(125 * MINUTE)).toBe('2h 5m');
    expect(formatSpan(120 * MINUTE)).toBe('2h');
    expect(formatSpan((3 * 24 + 4) * 60 * MINUTE + 5 * MINUTE)).toBe('3d 4h');
  });

  it('says how a deadline stands', () => {
    expect(relativeToDeadline(DEADLINE, DEADLINE + 12 * MINUTE)).toBe('late by 12m');
    expect(relativeToDeadline(DEADLINE, DEADLINE - 5 * MINUTE)).toBe('5m left');
    expect(relativeToDeadline(DEADLINE, DEADLINE + 300)).toBe('due now');
  });
});

describe('the e-mail receiver with producers’ ticket ids', () => {
  it('sends a mail for a ticket id with line breaks, controls and emoji, with no header of its own', async () => {
    const ticketId = 'T\r\nBcc: victim@example.com\u0001🚨✓';
    const sent = notification({
      ticketId,
      id: `${ticketId}/firstResponse:1:breached/mail`,
      alertKey: `${ticketId}/firstResponse/1/breach`,
      labels: { ...notification().labels, team: 'emea\nX-Team: evil' },
    });
    await receiver().deliver(sent);
    await receiver().deliverGroup!([sent]);

    expect(sink.got).toHaveLength(2);
    for (const got of sink.got) {
      expect(got.recipients).toEqual(['oncall@example.com', 'lead@example.com']);
      const { headers } = parse(got.raw);
      expect(headers.has('bcc')).toBe(false);
      expect(headers.has('x-team')).toBe(false);
    }
    const { headers, text } = parse(sink.got[0]!.raw);
    const subject = headers.get('subject')!;
    // Non-ASCII travels as an RFC 2047 encoded word; decoded, it is the escaped id.
    const decoded = subject.replace(
      /=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi,
      (_, enc: string, data: string) =>
        enc.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64').toString('utf8')
          : Buffer.from(
              data
                .replace(/_/g, ' ')
                .replace(/=([0-9A-F]{2})/gi, (_m, h: string) =>
                  String.fromCharCode(parseInt(h, 16)),
                ),
              'latin1',
            ).toString('utf8'),
    );
    expect(decoded).toBe(
      '[slawatch] BREACH urgent T\\r\\nBcc: victim@example.com\\u0001🚨✓ first response (team emea\\nX-Team: evil)',
    );
    const key = headers.get('x-slawatch-idempotency-key')!;
    expect(key).toMatch(/^[\x21-\x7e]+$/);
    expect(decodeURIComponent(key)).toBe(sent.id);
    expect(decodeURIComponent(headers.get('x-slawatch-alert-key')!)).toBe(sent.alertKey);
    expect(text).not.toMatch(/^Bcc:/m);
    expect(text).toMatch(/^Team: +emea\\nX-Team: evil$/m);
  });
});
