import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateEvent } from '@slawatch/core';
import type { WebhookRequest } from '../src/ingest/helpdesk-adapter.js';
import { chatwootAdapter } from '../src/ingest/chatwoot/chatwoot-adapter.js';
import { chatwootInstant } from '../src/ingest/chatwoot/chatwoot-delivery.js';
import {
  CHATWOOT_REPLAY_WINDOW_MS,
  CHATWOOT_SIGNATURE_HEADER,
  CHATWOOT_TIMESTAMP_HEADER,
} from '../src/ingest/chatwoot/chatwoot-signature.js';
import { contractChannel } from '../src/ingest/chatwoot/chatwoot-vocabulary.js';
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

// Chatwoot's account webhooks, fixture by fixture (test/fixtures/chatwoot/, written from the
// payloads Chatwoot's code builds), into contract events; and its signatures.
const FIXTURES = fixturesOf('chatwoot');
const { raw } = FIXTURES;
const fixture = (name: string): Record<string, unknown> =>
  FIXTURES.fixture(name) as Record<string, unknown>;
const mapped = mapperOf(chatwootAdapter);

const SOURCE = 'chatwoot/7';
/** The envelope of an event of conversation `subject` (its number in account 7). */
const envelope = (id: string, time: string, subject = '1042') => ({
  specversion: '1.0',
  id,
  source: SOURCE,
  subject,
  time,
  datacontenttype: 'application/json',
});

const RESOLVED = envelope(
  'conversation/1042/status/2026-11-23T11:45:20.987Z',
  '2026-11-23T11:45:20.987Z',
);

const mappedCases: MappedCase[] = [
  [
    'conversation-created.json',
    [
      {
        ...envelope('conversation/1042/created', '2026-11-23T09:00:00Z'),
        type: 'ticket.created',
        data: {
          priority: 'high',
          channel: 'chat',
          status: 'open',
          team: '2',
          requesterId: '88',
          tags: ['billing', 'vip'],
        },
      },
    ],
  ],
  [
    'conversation-created-whatsapp-bot.json',
    [
      {
        ...envelope('conversation/1043/created', '2026-11-23T09:05:00Z', '1043'),
        type: 'ticket.created',
        data: { priority: 'normal', channel: 'chat', status: 'pending', requesterId: '88' },
      },
    ],
  ],
  [
    'conversation-created-email-assigned.json',
    [
      {
        ...envelope('conversation/1045/created', '2026-11-23T09:15:00Z', '1045'),
        type: 'ticket.created',
        data: {
          priority: 'urgent',
          channel: 'email',
          status: 'open',
          team: '2',
          assigneeId: '5',
          requesterId: '88',
          tags: ['outage'],
        },
      },
    ],
  ],
  [
    'conversation-status-changed-snoozed.json',
    [
      {
        ...envelope(
          'conversation/1042/status/2026-11-23T09:30:00.250Z',
          '2026-11-23T09:30:00.250Z',
        ),
        type: 'ticket.status_changed',
        data: { status: 'on_hold' },
      },
    ],
  ],
  [
    'conversation-status-changed-resolved.json',
    [{ ...RESOLVED, type: 'ticket.status_changed', data: { status: 'solved' } }],
  ],
  [
    'conversation-updated-status.json',
    [{ ...RESOLVED, type: 'ticket.status_changed', data: { status: 'solved' } }],
  ],
  [
    'conversation-updated-priority.json',
    [
      {
        ...envelope(
          'conversation/1042/updated/2026-11-23T09:05:00.250Z',
          '2026-11-23T09:05:00.250Z',
        ),
        type: 'ticket.updated',
        data: { changes: { priority: 'urgent' } },
      },
    ],
  ],
  [
    'conversation-updated-team-labels.json',
    [
      {
        ...envelope(
          'conversation/1042/updated/2026-11-23T09:10:00.500Z',
          '2026-11-23T09:10:00.500Z',
        ),
        type: 'ticket.updated',
        data: { changes: { team: '3', tags: ['billing', 'vat', 'vip'] } },
      },
    ],
  ],
  [
    'conversation-updated-assignee.json',
    [
      {
        ...envelope(
          'conversation/1042/assigned/2026-11-23T09:12:00.042Z',
          '2026-11-23T09:12:00.042Z',
        ),
        type: 'ticket.assigned',
        data: { assigneeId: '5', team: '2' },
      },
    ],
  ],
  [
    'message-created-incoming.json',
    [
      {
        ...envelope('message/50102', '2026-11-23T10:02:00Z'),
        type: 'ticket.commented',
        data: { author: 'customer', public: true, authorId: '88' },
      },
    ],
  ],
  [
    'message-created-outgoing-agent.json',
    [
      {
        ...envelope('message/50110', '2026-11-23T09:14:30.123Z'),
        type: 'ticket.commented',
        data: { author: 'agent', public: true, authorId: '5' },
      },
    ],
  ],
  [
    'message-created-private-note.json',
    [
      {
        ...envelope('message/50111', '2026-11-23T09:15:00Z'),
        type: 'ticket.commented',
        data: { author: 'agent', public: false, authorId: '5' },
      },
    ],
  ],
  [
    'message-created-outgoing-bot.json',
    [
      {
        ...envelope('message/50120', '2026-11-23T09:05:01.310Z', '1043'),
        type: 'ticket.commented',
        data: { author: 'system', public: true },
      },
    ],
  ],
  [
    'message-created-template.json',
    [
      {
        ...envelope('message/50103', '2026-11-23T09:00:01.020Z'),
        type: 'ticket.commented',
        data: { author: 'system', public: true },
      },
    ],
  ],
];

const ignoredCases: IgnoredCase[] = [
  ['message-created-activity.json', 'body.message_type', 'an activity message'],
  ['message-created-opening.json', 'body.id', 'opening message'],
  [
    'conversation-updated-unassigned.json',
    'body.changed_attributes.assignee_id.current_value',
    'unassigned',
  ],
  [
    'conversation-updated-waiting-since.json',
    'body.changed_attributes',
    'first_reply_created_at, waiting_since, updated_at changed: nothing slawatch reads',
  ],
  ['contact-created.json', 'body.event', 'contact_created maps to no contract event'],
  ['message-updated.json', 'body.event', 'message_updated maps to no contract event'],
];

describe('chatwootAdapter.map: Chatwoot webhooks to contract events', () => {
  itMapsEveryFixture(chatwootAdapter, FIXTURES, { mapped: mappedCases, ignored: ignoredCases });

  it('gives a status change one id, from conversation_status_changed or conversation_updated', () => {
    const [fromStatus] = mapped(fixture('conversation-status-changed-resolved.json')).events;
    const [fromUpdate] = mapped(fixture('conversation-updated-status.json')).events;
    expect(fromUpdate).toEqual(fromStatus);
  });

  it('maps several changes of one update to several events, each with its own id', () => {
    const body = fixture('conversation-updated-priority.json');
    const changed_attributes = [
      { status: { previous_value: 'open', current_value: 'pending' } },
      { priority: { previous_value: 'low', current_value: 'medium' } },
      { assignee_id: { previous_value: null, current_value: 5 } },
    ];
    const events = mapped({ ...body, changed_attributes }).events as Record<string, unknown>[];
    expect(events.map((e) => [e.id, e.type, e.data])).toEqual([
      [
        'conversation/1042/updated/2026-11-23T09:05:00.250Z',
        'ticket.updated',
        { changes: { priority: 'normal' } },
      ],
      [
        'conversation/1042/assigned/2026-11-23T09:05:00.250Z',
        'ticket.assigned',
        { assigneeId: '5', team: '2' },
      ],
      [
        'conversation/1042/status/2026-11-23T09:05:00.250Z',
        'ticket.status_changed',
        { status: 'pending' },
      ],
    ]);
    for (const event of events) expect(validateEvent(event).ok).toBe(true);
  });

  it('takes the status this change set over the conversation as it is now', () => {
    const body = fixture('conversation-status-changed-snoozed.json');
    expect(mapped({ ...body, status: 'open' }).events).toEqual([
      expect.objectContaining({ data: { status: 'on_hold' } }),
    ]);
    expect(mapped({ ...body, status: 'open', changed_attributes: undefined }).events).toEqual([
      expect.objectContaining({ data: { status: 'open' } }),
    ]);
  });

  it('ignores a change to a status slawatch has no match for, and notes it', () => {
    const body = fixture('conversation-status-changed-snoozed.json');
    const changed_attributes = [{ status: { previous_value: 'open', current_value: 'archived' } }];
    expect(mapped({ ...body, changed_attributes })).toEqual({
      events: [],
      ignored: [
        {
          path: 'body.changed_attributes.status.current_value',
          message: '"archived" maps to no contract status',
        },
      ],
    });
  });

  it('still creates the ticket when its status, priority or labels do not fit, and notes it', () => {
    const labels = Array.from({ length: 65 }, (_, i) => `label-${i}`);
    const body = {
      ...fixture('conversation-created.json'),
      status: 'closed',
      priority: 'P1',
      labels,
    };
    const result = mapped(body);
    expectCreatedDespite(
      result,
      ['status', 'tags'],
      ['body.status', 'body.labels', 'body.priority'],
    );
  });

  it('reads medium as normal, and a team from team_id when meta has none', () => {
    const body = fixture('conversation-created.json');
    const meta = { ...(body.meta as object), team: null };
    const events = mapped({ ...body, priority: 'medium', meta, team_id: 9 }).events;
    expect(events).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ priority: 'normal', team: '9' }) as unknown,
      }),
    ]);
  });

  it('ignores an unknown priority, a team removed and labels past the limit on update', () => {
    const body = fixture('conversation-updated-priority.json');
    const changed_attributes = [
      { priority: { previous_value: 'low', current_value: 'P1' } },
      { team_id: { previous_value: 2, current_value: null } },
      { label_list: { previous_value: [], current_value: [] } },
    ];
    const labels = Array.from({ length: 65 }, (_, i) => `label-${i}`);
    const result = mapped({ ...body, changed_attributes, labels });
    expect(result.events).toEqual([]);
    expect(result.ignored).toEqual([
      {
        path: 'body.changed_attributes.priority.current_value',
        message: expect.stringContaining('not a Chatwoot priority') as unknown,
      },
      {
        path: 'body.changed_attributes.team_id.current_value',
        message: expect.stringContaining('cannot clear a team') as unknown,
      },
      { path: 'body.labels', message: expect.stringContaining('65 labels') as unknown },
    ]);
  });

  it('clears the tags when the last label is removed', () => {
    const body = fixture('conversation-updated-team-labels.json');
    const changed_attributes = [{ label_list: { previous_value: ['vip'], current_value: [] } }];
    expect(mapped({ ...body, changed_attributes, labels: [] }).events).toEqual([
      expect.objectContaining({ type: 'ticket.updated', data: { changes: { tags: [] } } }),
    ]);
  });

  it('dates a change by changed_attributes, then by the last activity, when updated_at is absent', () => {
    const body = fixture('conversation-updated-priority.json');
    const [fromChanges] = mapped({ ...body, updated_at: undefined }).events;
    expect(fromChanges).toMatchObject({ time: '2026-11-23T09:05:00.250Z' });
    const bare = {
      ...body,
      updated_at: undefined,
      changed_attributes: [body.changed_attributes as unknown[]][0]!.slice(0, 1),
    };
    const result = mapped(bare);
    expect(result.events).toEqual([
      expect.objectContaining({
        id: 'conversation/1042/updated/2026-11-23T09:00:00Z',
        time: '2026-11-23T09:00:00Z',
      }),
    ]);
    expect(result.ignored).toEqual([
      { path: 'body.updated_at', message: expect.stringContaining('last activity') as unknown },
    ]);
  });

  it("reads Chatwoot's times: Unix seconds to the microsecond, ISO text, Ruby's UTC text", () => {
    expect(chatwootInstant(1795434320.987654)).toBe(Date.parse('2026-11-23T11:45:20.987Z'));
    expect(chatwootInstant(1795424400.123)).toBe(Date.parse('2026-11-23T09:00:00.123Z'));
    expect(chatwootInstant('2026-11-23T09:14:30.123Z')).toBe(
      Date.parse('2026-11-23T09:14:30.123Z'),
    );
    expect(chatwootInstant('2026-11-23 09:14:30 UTC')).toBe(Date.parse('2026-11-23T09:14:30Z'));
    for (const bad of [0, -1, 1e12, Number.NaN, 'yesterday', '', null, undefined, {}])
      expect(chatwootInstant(bad)).toBeNull();
  });

  it('names the source chatwoot when the delivery names no account, and prefers display_id', () => {
    const body = fixture('conversation-created.json');
    const events = mapped({ ...body, messages: [], display_id: 77 }).events;
    expect(events).toEqual([
      expect.objectContaining({ source: 'chatwoot', subject: '77', id: 'conversation/77/created' }),
    ]);
  });

  it('takes a message of an agent who sent it in the conversation later than its opening', () => {
    const body = fixture('message-created-opening.json');
    const events = mapped({ ...body, created_at: '2026-11-23T10:00:02.000Z' }).events;
    expect(events).toEqual([
      expect.objectContaining({ data: { author: 'agent', public: true, authorId: '5' } }),
    ]);
  });

  it('reads numbered message types and treats outgoing messages without a sender as the system', () => {
    const body = fixture('message-created-outgoing-agent.json');
    expect(mapped({ ...body, message_type: 0, sender: null }).events).toEqual([
      expect.objectContaining({ data: { author: 'customer', public: true } }),
    ]);
    expect(mapped({ ...body, sender: null }).events).toEqual([
      expect.objectContaining({ data: { author: 'system', public: true } }),
    ]);
    expect(mapped({ ...body, message_type: 'input_select' }).ignored).toEqual([
      {
        path: 'body.message_type',
        message: expect.stringContaining('not a Chatwoot message type') as unknown,
      },
    ]);
  });

  it('maps channels by inbox type', () => {
    const cases: [unknown, string][] = [
      ['Channel::WebWidget', 'chat'],
      ['Channel::Email', 'email'],
      ['Channel::Api', 'api'],
      ['Channel::Whatsapp', 'chat'],
      ['Channel::TwilioSms', 'chat'],
      ['Channel::Sms', 'chat'],
      ['Channel::Telegram', 'chat'],
      ['Channel::Line', 'chat'],
      ['Channel::FacebookPage', 'social'],
      ['Channel::Instagram', 'social'],
      ['Channel::TwitterProfile', 'social'],
      ['Channel::Tiktok', 'social'],
      ['Channel::Voice', 'phone'],
      ['Channel::Carrier', 'other'],
      [null, 'other'],
    ];
    expect(cases.map(([value]) => contractChannel(value))).toEqual(cases.map(([, c]) => c));
  });
});

describe('chatwootAdapter.map: what is not a Chatwoot conversation event', () => {
  const conversation = fixture('conversation-status-changed-resolved.json');
  const message = fixture('message-created-incoming.json');
  const cases: ProblemCase[] = [
    ['not an object', [conversation], ['body']],
    ['a string', 'message_created', ['body']],
    ['no event', { ...conversation, event: undefined }, ['body.event']],
    [
      'an event that is no Chatwoot name',
      { ...conversation, event: 'ticket.created' },
      ['body.event'],
    ],
    ['a conversation without its id', { ...conversation, id: null }, ['body.id']],
    ['a bad display_id', { ...conversation, display_id: 'x'.repeat(101) }, ['body.display_id']],
    ['a bad time', { ...conversation, updated_at: 'yesterday' }, ['body.updated_at']],
    ['a bad account id', { ...message, account: { id: -3 } }, ['body.account.id']],
    [
      'a message without its conversation',
      { ...message, conversation: undefined },
      ['body.conversation.id'],
    ],
    [
      'a conversation that is not an object',
      { ...message, conversation: 7 },
      ['body.conversation', 'body.conversation.id'],
    ],
    [
      'a message without its id or time',
      { ...message, id: null, created_at: 'soon' },
      ['body.id', 'body.created_at'],
    ],
    ['private that is not a boolean', { ...message, private: 'no' }, ['body.private']],
    ['a sender that is not an object', { ...message, sender: 'Rui' }, ['body.sender']],
    [
      'changed attributes that are not a list',
      {
        ...fixture('conversation-updated-priority.json'),
        changed_attributes: { priority: 'high' },
      },
      ['body.changed_attributes'],
    ],
  ];

  itFindsProblems(chatwootAdapter, cases);
});

describe('chatwootAdapter.verify: X-Chatwoot-Signature', () => {
  const SECRET = 'cw-webhook-secret-3f9a1c';
  const STAMP = '1795424400'; // 2026-11-23T09:00:00Z
  const AT = Number(STAMP) * 1000;
  const NOW = AT + 5000;
  const body = raw('conversation-created.json');
  const sign = (timestamp: string, text: string, secret = SECRET) =>
    `sha256=${createHmac('sha256', secret).update(`${timestamp}.${text}`).digest('hex')}`;
  const request = (headers: WebhookRequest['headers'], rawBody = body): WebhookRequest => ({
    headers,
    rawBody,
  });
  const signed = (timestamp = STAMP, signature = sign(timestamp, body)) => ({
    [CHATWOOT_SIGNATURE_HEADER]: signature,
    [CHATWOOT_TIMESTAMP_HEADER]: timestamp,
  });

  itChecksSignatures({
    adapter: chatwootAdapter,
    name: 'chatwoot',
    secretVariable: 'SLAWATCH_CHATWOOT_WEBHOOK_SECRET',
    header: 'x-chatwoot-signature',
    secret: SECRET,
    now: NOW,
    body,
    tampered: body.replace('"high"', '"low"'),
    signed: (secret = SECRET) => signed(STAMP, sign(STAMP, body, secret)),
    replay: {
      at: AT,
      windowMs: CHATWOOT_REPLAY_WINDOW_MS,
      stale: /^x-chatwoot-timestamp: 1795424400 is more than 300 s/,
    },
  });

  it('accepts upper-case hex', () => {
    const headers = signed(
      STAMP,
      sign(STAMP, body).replace(/[0-9a-f]{64}$/, (h) => h.toUpperCase()),
    );
    expect(chatwootAdapter.verify(request(headers), SECRET, NOW)).toBeNull();
  });

  it('refuses a signature moved to another timestamp, or over the body alone', () => {
    expect(
      chatwootAdapter.verify(request(signed('1795424401', sign(STAMP, body))), SECRET, NOW),
    ).toMatch(/does not match/);
    const bodyOnly = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    expect(chatwootAdapter.verify(request(signed(STAMP, bodyOnly)), SECRET, NOW)).toMatch(
      /does not match/,
    );
  });

  it('refuses a signature that is not sha256= and a hex digest', () => {
    const hex = sign(STAMP, body).slice('sha256='.length);
    for (const bad of [hex, 'sha256=abc', `sha1=${hex}`, `sha256=${hex}00`])
      expect(chatwootAdapter.verify(request(signed(STAMP, bad)), SECRET, NOW)).toMatch(
        /does not match/,
      );
  });

  it('names the missing timestamp header', () => {
    const { [CHATWOOT_SIGNATURE_HEADER]: signature } = signed();
    expect(
      chatwootAdapter.verify(request({ [CHATWOOT_SIGNATURE_HEADER]: signature }), SECRET, NOW),
    ).toBe('x-chatwoot-timestamp: missing');
  });

  it('refuses a timestamp that is not Unix seconds', () => {
    expect(chatwootAdapter.verify(request(signed('2026-11-23T09:00:00Z')), SECRET, NOW)).toMatch(
      /^x-chatwoot-timestamp: must be Unix seconds/,
    );
  });
});
