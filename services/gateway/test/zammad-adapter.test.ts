import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../src/ingest/helpdesk-adapter.js';
import { zammadAdapter } from '../src/ingest/zammad/zammad-adapter.js';
import { zammadEventId } from '../src/ingest/zammad/zammad-events.js';
import { ZAMMAD_SIGNATURE_HEADER } from '../src/ingest/zammad/zammad-signature.js';
import {
  expectCreatedDespite,
  fixturesOf,
  itChecksSignatures,
  itFindsProblems,
  itMapsEveryFixture,
  mapperOf,
  type MappedCase,
  type ProblemCase,
} from './adapter-checks.js';

// Zammad's trigger webhooks with the default payload, fixture by fixture
// (test/fixtures/zammad/, written from the payload Zammad documents and builds in
// app/jobs/trigger_webhook_job/record_payload/), into contract events; and its signatures.
const FIXTURES = fixturesOf('zammad');
const { raw, fixture } = FIXTURES;
type Body = { ticket: Record<string, unknown>; article: Record<string, unknown> };
const body = (name: string): Body => fixture(name) as Body;

const mapped = mapperOf(zammadAdapter);

/** The envelope of an event of ticket 81 with this id and time. */
const envelope = (id: string, time: string) => ({
  specversion: '1.0',
  id: `81/${id}`,
  source: 'zammad',
  subject: '81',
  time,
  datacontenttype: 'application/json',
});
/** The ticket's current values as of `updatedAt`, as every later delivery sends them. */
const current = (
  updatedAt: string,
  values: { priority?: string; team?: string; assigneeId?: string; status?: string },
) => {
  const { priority = 'normal', team = 'Service Desk', assigneeId, status } = values;
  return [
    {
      ...envelope(`${updatedAt}/update`, updatedAt),
      type: 'ticket.updated',
      data: { changes: { priority, team } },
    },
    ...(assigneeId === undefined
      ? []
      : [
          {
            ...envelope(`${updatedAt}/owner`, updatedAt),
            type: 'ticket.assigned',
            data: { assigneeId, team },
          },
        ]),
    ...(status === undefined
      ? []
      : [
          {
            ...envelope(`${updatedAt}/state`, updatedAt),
            type: 'ticket.status_changed',
            data: { status },
          },
        ]),
  ];
};
const OPENING = { path: 'body.article', message: expect.stringContaining('opening') as unknown };

const mappedCases: MappedCase[] = [
  [
    'ticket-created-phone.json',
    [
      {
        ...envelope('created', '2026-11-23T09:00:00.282Z'),
        type: 'ticket.created',
        data: {
          priority: 'normal',
          channel: 'phone',
          status: 'new',
          team: 'Service Desk',
          requesterId: '8',
          customerId: '3',
        },
      },
    ],
    [OPENING],
  ],
  [
    'ticket-created-email.json',
    [
      {
        ...envelope('created', '2026-11-23T09:00:00.282Z'),
        type: 'ticket.created',
        data: {
          priority: 'high',
          channel: 'email',
          status: 'new',
          team: 'Service Desk',
          assigneeId: '5',
          requesterId: '8',
          customerId: '3',
        },
      },
    ],
    [OPENING],
  ],
  [
    'ticket-created-no-article.json',
    [
      {
        ...envelope('created', '2026-11-23T09:00:00.282Z'),
        type: 'ticket.created',
        data: {
          priority: 'normal',
          channel: 'other',
          status: 'new',
          team: 'Service Desk',
          requesterId: '8',
          customerId: '3',
        },
      },
    ],
    [],
  ],
  [
    'article-agent-public.json',
    [
      {
        ...envelope('article/105', '2026-11-23T09:14:30.123Z'),
        type: 'ticket.commented',
        data: { author: 'agent', public: true, authorId: '5' },
      },
      ...current('2026-11-23T09:14:30.180Z', { assigneeId: '5', status: 'open' }),
    ],
    [],
  ],
  [
    'article-agent-internal.json',
    [
      {
        ...envelope('article/106', '2026-11-23T09:15:00Z'),
        type: 'ticket.commented',
        data: { author: 'agent', public: false, authorId: '5' },
      },
      ...current('2026-11-23T09:15:00.050Z', { assigneeId: '5', status: 'open' }),
    ],
    [],
  ],
  [
    'article-customer-reply.json',
    [
      {
        ...envelope('article/107', '2026-11-23T10:02:00Z'),
        type: 'ticket.commented',
        data: { author: 'customer', public: true, authorId: '8' },
      },
      ...current('2026-11-23T10:02:00.120Z', { assigneeId: '5', status: 'open' }),
    ],
    [],
  ],
  [
    'article-system.json',
    [
      {
        ...envelope('article/108', '2026-11-23T10:02:00.900Z'),
        type: 'ticket.commented',
        data: { author: 'system', public: true },
      },
      ...current('2026-11-23T10:02:01Z', { assigneeId: '5', status: 'open' }),
    ],
    [],
  ],
  [
    'state-pending-reminder.json',
    current('2026-11-23T09:30:00.250Z', { assigneeId: '5', status: 'pending' }),
    [],
  ],
  [
    'state-pending-close.json',
    current('2026-11-23T11:45:20.987Z', { assigneeId: '5', status: 'pending' }),
    [],
  ],
  ['state-closed.json', current('2026-11-30T11:45:03Z', { assigneeId: '5', status: 'closed' }), []],
  [
    'state-merged.json',
    [{ ...envelope('deleted', '2026-11-23T09:40:00Z'), type: 'ticket.deleted', data: {} }],
    [],
  ],
  [
    'priority-group-changed.json',
    current('2026-11-23T09:10:00Z', { priority: 'high', team: '2nd Level', status: 'open' }),
    [],
  ],
  ['owner-changed.json', current('2026-11-23T09:12:00Z', { assigneeId: '6', status: 'open' }), []],
  [
    'state-custom.json',
    current('2026-11-23T12:00:00Z', { assigneeId: '5' }),
    [
      {
        path: 'body.ticket.state',
        message: expect.stringContaining(
          '"waiting for supplier" maps to no contract status',
        ) as unknown,
      },
    ],
  ],
];

describe('zammadAdapter.map: Zammad trigger payloads to contract events', () => {
  // Every tabled fixture and priority-custom.json (below) gives at least one event.
  itMapsEveryFixture(zammadAdapter, FIXTURES, {
    mapped: mappedCases,
    untabled: 1,
    leastEvents: mappedCases.length + 1,
  });

  it('leaves an unknown priority as it was, and says so', () => {
    const [updated, ...rest] = current('2026-11-23T12:05:00Z', { assigneeId: '5', status: 'open' });
    expect(mapped(fixture('priority-custom.json'))).toEqual({
      events: [{ ...updated, data: { changes: { team: 'Service Desk' } } }, ...rest],
      ignored: [
        {
          path: 'body.ticket.priority',
          message:
            '"4 critical" is none of low, normal, high, urgent: the priority is left as it was',
        },
      ],
    });
  });

  it('gives the same ids to the same change sent by two triggers, new ids to a later one', () => {
    const reply = body('article-customer-reply.json');
    // Another trigger's delivery of the same change: the same ticket and article.
    const other = { ...reply, ticket: { ...reply.ticket, article_count: 4, escalation_at: null } };
    expect(mapped(other).events).toEqual(mapped(reply).events);
    // The same article delivered again after the ticket changed (a late retry): the
    // comment keeps its id, the ticket's values are new ones.
    const later = { ...reply, ticket: { ...reply.ticket, updated_at: '2026-11-23T10:30:00Z' } };
    const ids = (payload: unknown) => mapped(payload).events.map((e) => (e as { id: string }).id);
    expect(ids(later)[0]).toBe(ids(reply)[0]);
    expect(ids(later).slice(1)).toEqual([
      '81/2026-11-23T10:30:00Z/update',
      '81/2026-11-23T10:30:00Z/owner',
      '81/2026-11-23T10:30:00Z/state',
    ]);
  });

  it('takes the creation from the first article, whatever the ticket did since', () => {
    const created = body('ticket-created-phone.json');
    // A retry of the creation's delivery, sent after the ticket changed: still its creation.
    const retried = {
      ...created,
      ticket: { ...created.ticket, updated_at: '2026-11-23T09:20:00Z', article_ids: [105, 104] },
    };
    expect(mapped(retried).events).toEqual([
      expect.objectContaining({ id: '81/created', time: '2026-11-23T09:00:00.282Z' }),
    ]);
    // Without article_ids, an article written within the second of the ticket is its first.
    const { article_ids: _, ...bare } = created.ticket;
    const late = { ...created.article, created_at: '2026-11-23T09:00:01.500Z' };
    expect(mapped({ ticket: bare, article: created.article }).events).toEqual([
      expect.objectContaining({ type: 'ticket.created' }),
    ]);
    expect(mapped({ ticket: bare, article: late }).events[0]).toEqual(
      expect.objectContaining({ type: 'ticket.commented' }),
    );
  });

  it('reads a state by its seeded state_id, names and ids as text, priorities in any case', () => {
    const pending = body('state-pending-reminder.json');
    const { state: _, ...ticket } = pending.ticket;
    const changed = {
      ...ticket,
      id: '81',
      owner_id: '6',
      priority: '3 HIGH',
      group: 'Sales › Europe',
    };
    expect(mapped({ ticket: changed, article: {} }).events).toEqual(
      current('2026-11-23T09:30:00.250Z', {
        priority: 'high',
        team: 'Sales › Europe',
        assigneeId: '6',
        status: 'pending',
      }),
    );
    const unknownId = { ...ticket, state_id: 12 };
    expect(mapped({ ticket: unknownId, article: {} }).ignored).toEqual([
      { path: 'body.ticket.state_id', message: expect.stringContaining('state_id 12') as unknown },
    ]);
  });

  it('deletes a ticket created merged or removed, and one removed later', () => {
    const created = body('ticket-created-no-article.json');
    const merged = mapped({ ...created, ticket: { ...created.ticket, state: 'merged' } });
    expect(merged.events.map((e) => (e as { type: string }).type)).toEqual([
      'ticket.created',
      'ticket.deleted',
    ]);
    const removed = body('state-pending-close.json');
    expect(mapped({ ...removed, ticket: { ...removed.ticket, state: 'removed' } }).events).toEqual([
      expect.objectContaining({ id: '81/deleted', type: 'ticket.deleted' }),
    ]);
  });

  it('still creates the ticket when its state or priority do not fit, and notes it', () => {
    const created = body('ticket-created-phone.json');
    const ticket = { ...created.ticket, state: 'triage', priority: { name: '9 whenever' } };
    const result = mapped({ ...created, ticket });
    expectCreatedDespite(
      result,
      ['status'],
      ['body.ticket.state', 'body.ticket.priority', 'body.article'],
    );
  });

  it('names nobody as assignee for Zammad system user 1, and no team for a nameless group', () => {
    const owned = body('owner-changed.json');
    const ticket = { ...owned.ticket, owner_id: 1, group: { id: 3 } };
    const result = mapped({ ...owned, ticket });
    expect(result.events.map((e) => (e as { type: string }).type)).toEqual([
      'ticket.updated',
      'ticket.status_changed',
    ]);
    expect(result.ignored).toEqual([
      { path: 'body.ticket.group', message: expect.stringContaining('no group') as unknown },
    ]);
  });

  it('builds ids from the ticket, the article and the normalised updated_at', () => {
    const at = { at: 0, text: '2026-11-23T09:00:00Z' };
    expect(zammadEventId.created('81')).toBe('81/created');
    expect(zammadEventId.article('81', '105')).toBe('81/article/105');
    expect(zammadEventId.current('81', at, 'state')).toBe('81/2026-11-23T09:00:00Z/state');
    // The same instant in another offset is the same change.
    const reply = body('article-customer-reply.json');
    const offset = { ...reply.ticket, updated_at: '2026-11-23T11:02:00.120+01:00' };
    expect(mapped({ ...reply, ticket: offset })).toEqual(mapped(reply));
  });
});

describe('zammadAdapter.map: what is not a Zammad trigger payload', () => {
  const good = body('article-customer-reply.json');
  const cases: ProblemCase[] = [
    ['not an object', [good], ['body']],
    ['a string', 'ticket', ['body']],
    ['no ticket (a custom payload)', { ticket: '#{ticket.number}', message: 'x' }, ['body.ticket']],
    ['a pre-defined Slack payload', { text: 'Ticket updated', attachments: [] }, ['body.ticket']],
    ['no ticket id', { ...good, ticket: { ...good.ticket, id: null } }, ['body.ticket.id']],
    [
      'bad ticket times',
      { ...good, ticket: { ...good.ticket, created_at: 'today', updated_at: undefined } },
      ['body.ticket.created_at', 'body.ticket.updated_at'],
    ],
    ['an article that is not an object', { ...good, article: [1] }, ['body.article']],
    [
      'an article without id, sender or internal',
      {
        ...good,
        article: { ...good.article, id: undefined, sender: 'Robot', internal: 'no' },
      },
      ['body.article.id', 'body.article.sender', 'body.article.internal'],
    ],
    [
      'an article with a bad time',
      { ...good, article: { ...good.article, created_at: 1763888400 } },
      ['body.article.created_at'],
    ],
  ];

  itFindsProblems(zammadAdapter, cases);
});

describe('zammadAdapter.verify: X-Hub-Signature', () => {
  const SECRET = 'zammad-signature-token';
  const NOW = Date.parse('2026-11-23T09:00:05Z');
  const text = raw('article-agent-public.json');
  const sign = (content: string, secret = SECRET) =>
    `sha1=${createHmac('sha1', secret).update(content).digest('hex')}`;
  const request = (headers: WebhookRequest['headers'], rawBody = text): WebhookRequest => ({
    headers,
    rawBody,
  });
  const signed = (signature = sign(text)) => ({
    [ZAMMAD_SIGNATURE_HEADER]: signature,
    'x-zammad-trigger': 'slawatch',
    'x-zammad-delivery': 'c5a5c8e1-5b7e-4b8e-9d0f-3f0a7c1b2d3e',
  });

  itChecksSignatures({
    adapter: zammadAdapter,
    name: 'zammad',
    secretVariable: 'SLAWATCH_ZAMMAD_WEBHOOK_SECRET',
    header: 'x-hub-signature',
    secret: SECRET,
    now: NOW,
    body: text,
    tampered: text.replace('"internal": false', '"internal": true'),
    signed: (secret = SECRET) => signed(sign(text, secret)),
    // Zammad does not date its signatures.
    replay: null,
  });

  it('accepts a signature in upper-case hex', () => {
    const upper = `sha1=${sign(text).slice(5).toUpperCase()}`;
    expect(zammadAdapter.verify(request(signed(upper)), SECRET, NOW)).toBeNull();
  });

  it('refuses a signature that is not sha1=<hex digest>', () => {
    const hex = sign(text).slice(5);
    for (const signature of [hex, `sha256=${hex}`, `sha1=${hex.slice(2)}`, 'sha1=zz'])
      expect(zammadAdapter.verify(request(signed(signature)), SECRET, NOW)).toMatch(
        /^x-hub-signature: does not match/,
      );
  });
});
