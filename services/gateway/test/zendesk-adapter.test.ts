import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../src/ingest/helpdesk-adapter.js';
import { zendeskAdapter, zendeskEventId } from '../src/ingest/zendesk/zendesk-adapter.js';
import {
  ZENDESK_REPLAY_WINDOW_MS,
  ZENDESK_SIGNATURE_HEADER,
  ZENDESK_TIMESTAMP_HEADER,
} from '../src/ingest/zendesk/zendesk-signature.js';
import {
  expectCreatedDespite,
  fixturesOf,
  itChecksSignatures,
  itFindsProblems,
  itMapsEveryFixture,
  mapperOf,
  type IgnoredCase,
  type MappedCase,
  type ProblemCase,
} from './adapter-checks.js';

// Zendesk's event-subscribed ticket webhooks, fixture by fixture (test/fixtures/zendesk/,
// written from the payloads Zendesk documents), into contract events; and its signatures.
const FIXTURES = fixturesOf('zendesk');
const { raw, fixture } = FIXTURES;
const mapped = mapperOf(zendeskAdapter);

const SOURCE = 'zendesk/22129848';
/** The envelope every event of fixture `n` (its Zendesk id ends in n) carries. */
const envelope = (n: number, time: string) => ({
  specversion: '1.0',
  id: `6f1d2c3b-${String(n).padStart(4, '0')}-4a5e-9b7c-${String(n).padStart(12, '0')}`,
  source: SOURCE,
  subject: '35436',
  time,
  datacontenttype: 'application/json',
});

const mappedCases: MappedCase[] = [
  [
    'ticket-created.json',
    [
      {
        ...envelope(1, '2026-11-23T09:00:00.672Z'),
        type: 'ticket.created',
        data: {
          priority: 'high',
          channel: 'email',
          status: 'new',
          team: '9100000000400',
          requesterId: '9100000000033',
          customerId: '9100000000500',
          tags: ['enterprise', 'export'],
        },
      },
    ],
  ],
  [
    'ticket-created-bare.json',
    [
      {
        ...envelope(2, '2026-11-23T09:00:00.120Z'),
        type: 'ticket.created',
        data: {
          priority: 'normal',
          channel: 'other',
          status: 'open',
          requesterId: '9100000000033',
        },
      },
    ],
  ],
  [
    'status-changed-hold.json',
    [
      {
        ...envelope(3, '2026-11-23T09:30:00.250Z'),
        type: 'ticket.status_changed',
        data: { status: 'on_hold' },
      },
    ],
  ],
  [
    'status-changed-solved.json',
    [
      {
        ...envelope(4, '2026-11-23T11:45:20.987Z'),
        type: 'ticket.status_changed',
        data: { status: 'solved' },
      },
    ],
  ],
  [
    'priority-changed.json',
    [
      {
        ...envelope(6, '2026-11-23T09:05:00.500Z'),
        type: 'ticket.updated',
        data: { changes: { priority: 'urgent' } },
      },
    ],
  ],
  [
    'priority-cleared.json',
    [
      {
        ...envelope(7, '2026-11-23T09:06:00Z'),
        type: 'ticket.updated',
        data: { changes: { priority: 'normal' } },
      },
    ],
  ],
  [
    'group-assignment-changed.json',
    [
      {
        ...envelope(8, '2026-11-23T09:10:00Z'),
        type: 'ticket.updated',
        data: { changes: { team: '9100000000401' } },
      },
    ],
  ],
  [
    'agent-assignment-changed.json',
    [
      {
        ...envelope(10, '2026-11-23T09:12:00Z'),
        type: 'ticket.assigned',
        data: { assigneeId: '9100000000023', team: '9100000000400' },
      },
    ],
  ],
  [
    'comment-added-agent-public.json',
    [
      {
        ...envelope(12, '2026-11-23T09:14:30.123Z'),
        type: 'ticket.commented',
        data: { author: 'agent', public: true, authorId: '9100000000023' },
      },
    ],
  ],
  [
    'comment-added-agent-private.json',
    [
      {
        ...envelope(13, '2026-11-23T09:15:00Z'),
        type: 'ticket.commented',
        data: { author: 'agent', public: false, authorId: '9100000000023' },
      },
    ],
  ],
  [
    'comment-added-end-user.json',
    [
      {
        ...envelope(14, '2026-11-23T10:02:00Z'),
        type: 'ticket.commented',
        data: { author: 'customer', public: true, authorId: '9100000000033' },
      },
    ],
  ],
  [
    'ticket-soft-deleted.json',
    [{ ...envelope(16, '2026-11-23T12:00:00Z'), type: 'ticket.deleted', data: {} }],
  ],
  [
    'ticket-permanently-deleted.json',
    [{ ...envelope(17, '2026-11-23T12:05:00Z'), type: 'ticket.deleted', data: {} }],
  ],
  [
    'ticket-marked-as-spam.json',
    [{ ...envelope(18, '2026-11-23T09:01:00Z'), type: 'ticket.deleted', data: {} }],
  ],
];

const ignoredCases: IgnoredCase[] = [
  [
    'tags-changed.json',
    'body.type',
    'zen:event-type:ticket.tags_changed maps to no contract event',
  ],
  ['status-changed-archived.json', 'body.event.current', 'maps to no contract status'],
  ['group-removed.json', 'body.event.current', 'cannot clear a team'],
  ['agent-unassigned.json', 'body.event.current', 'unassigned'],
  ['comment-added-opening.json', 'body.event.comment', 'opening comment'],
  ['user-active-changed.json', 'body.type', 'is not a ticket event'],
];

describe('zendeskAdapter.map: Zendesk ticket events to contract events', () => {
  itMapsEveryFixture(zendeskAdapter, FIXTURES, { mapped: mappedCases, ignored: ignoredCases });

  it('reads statuses and priorities in either case, ids as numbers, the ticket from the subject', () => {
    const body = fixture('ticket-created.json') as Record<string, Record<string, unknown>>;
    const detail = { ...body.detail, id: undefined, status: 'hold', priority: 'low', group_id: 42 };
    const events = mapped({ ...body, detail }).events;
    expect(events).toEqual([
      expect.objectContaining({
        subject: '35436',
        data: expect.objectContaining({
          status: 'on_hold',
          priority: 'low',
          team: '42',
        }) as unknown,
      }),
    ]);
  });

  it('still creates the ticket when its status, priority or tags do not fit, and notes it', () => {
    const body = fixture('ticket-created.json') as Record<string, Record<string, unknown>>;
    const tags = Array.from({ length: 65 }, (_, i) => `tag-${i}`);
    const detail = { ...body.detail, status: 'ARCHIVED', priority: 'P1', tags };
    const result = mapped({ ...body, detail });
    expectCreatedDespite(
      result,
      ['status', 'tags'],
      ['body.detail.status', 'body.detail.priority', 'body.detail.tags'],
    );
  });

  it('names the source zendesk when the delivery has no account id', () => {
    const body = fixture('status-changed-solved.json') as Record<string, unknown>;
    const events = mapped({ ...body, account_id: undefined }).events;
    expect(events).toEqual([expect.objectContaining({ source: 'zendesk' })]);
  });

  it('suffixes the ids when a delivery yields several events', () => {
    expect(zendeskEventId('abc', 0, 1)).toBe('abc');
    expect([0, 1].map((i) => zendeskEventId('abc', i, 2))).toEqual(['abc#1', 'abc#2']);
  });
});

describe('zendeskAdapter.map: what is not a Zendesk ticket event', () => {
  const good = fixture('status-changed-solved.json') as Record<string, unknown>;
  const cases: ProblemCase[] = [
    ['not an object', [good], ['body']],
    ['a string', 'zen:event-type:ticket.created', ['body']],
    ['no type', { ...good, type: undefined }, ['body.type']],
    ['a type not Zendesk', { ...good, type: 'ticket.created' }, ['body.type']],
    ['no ticket id', { ...good, subject: 'zen:ticket:', detail: {} }, ['body.detail.id']],
    ['no event id, a bad time', { ...good, id: '', time: 'yesterday' }, ['body.id', 'body.time']],
    ['a detail that is not an object', { ...good, detail: 'x' }, ['body.detail']],
    ['a bad account id', { ...good, account_id: { id: 1 } }, ['body.account_id']],
    [
      'a comment without its comment',
      { ...(fixture('comment-added-end-user.json') as object), event: {} },
      ['body.event.comment'],
    ],
    [
      'a comment without is_public',
      {
        ...(fixture('comment-added-end-user.json') as object),
        event: { comment: { id: '1', author: { id: '2', is_staff: false } } },
      },
      ['body.event.comment.is_public'],
    ],
  ];

  itFindsProblems(zendeskAdapter, cases);
});

describe('zendeskAdapter.verify: X-Zendesk-Webhook-Signature', () => {
  const SECRET = 'dGhpcyBpcyBhIHNpZ25pbmcgc2VjcmV0';
  const NOW = Date.parse('2026-11-23T09:00:05Z');
  const STAMP = '2026-11-23T09:00:00Z';
  const body = raw('ticket-created.json');
  const sign = (timestamp: string, text: string, secret = SECRET) =>
    createHmac('sha256', secret)
      .update(timestamp + text)
      .digest('base64');
  const request = (headers: WebhookRequest['headers'], rawBody = body): WebhookRequest => ({
    headers,
    rawBody,
  });
  const signed = (timestamp = STAMP, signature = sign(timestamp, body)) => ({
    [ZENDESK_SIGNATURE_HEADER]: signature,
    [ZENDESK_TIMESTAMP_HEADER]: timestamp,
  });

  itChecksSignatures({
    adapter: zendeskAdapter,
    name: 'zendesk',
    secretVariable: 'SLAWATCH_ZENDESK_WEBHOOK_SECRET',
    header: 'x-zendesk-webhook-signature',
    secret: SECRET,
    now: NOW,
    body,
    tampered: body.replace('"HIGH"', '"LOW"'),
    signed: (secret = SECRET) => signed(STAMP, sign(STAMP, body, secret)),
    replay: {
      at: Date.parse(STAMP),
      windowMs: ZENDESK_REPLAY_WINDOW_MS,
      stale: /^x-zendesk-webhook-signature-timestamp: 2026-11-23T09:00:00Z is more than 300 s/,
    },
  });

  it('refuses a signature moved to another timestamp', () => {
    const later = '2026-11-23T09:00:01Z';
    const headers = signed(later, sign(STAMP, body));
    expect(zendeskAdapter.verify(request(headers), SECRET, NOW)).toMatch(/does not match/);
  });

  it('refuses a signature that is not base64 of a digest', () => {
    expect(zendeskAdapter.verify(request(signed(STAMP, 'abc')), SECRET, NOW)).toMatch(
      /does not match/,
    );
  });

  it('names the missing timestamp header', () => {
    const { [ZENDESK_SIGNATURE_HEADER]: signature } = signed();
    expect(
      zendeskAdapter.verify(request({ [ZENDESK_SIGNATURE_HEADER]: signature }), SECRET, NOW),
    ).toBe('x-zendesk-webhook-signature-timestamp: missing');
  });

  it('refuses a timestamp that is not RFC 3339', () => {
    expect(zendeskAdapter.verify(request(signed('1763888400')), SECRET, NOW)).toMatch(
      /^x-zendesk-webhook-signature-timestamp: must be an RFC 3339 timestamp/,
    );
  });
});
