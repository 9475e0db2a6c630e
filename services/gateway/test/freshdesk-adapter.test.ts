import { describe, expect, it } from 'vitest';
import { freshdeskAdapter, freshdeskEventId } from '../src/ingest/freshdesk/freshdesk-adapter.js';
import { readFreshdeskTime } from '../src/ingest/freshdesk/freshdesk-time.js';
import { readTriggeredEvent } from '../src/ingest/freshdesk/freshdesk-triggered-event.js';
import {
  expectCreatedDespite,
  fixturesOf,
  itFindsProblems,
  itMapsEveryFixture,
  mapperOf,
  type IgnoredCase,
  type MappedCase,
  type ProblemCase,
} from './adapter-checks.js';

// Freshdesk's automation-rule webhooks with the body docs/helpdesks/freshdesk.md asks for,
// fixture by fixture (test/fixtures/freshdesk/), into contract events. Freshdesk does not sign.
const FIXTURES = fixturesOf('freshdesk');
const { raw, fixture } = FIXTURES;
/** A fixture's fields (inside `freshdesk_webhook`), to vary. */
const fieldsOf = (name: string): Record<string, unknown> =>
  (fixture(name) as { freshdesk_webhook: Record<string, unknown> }).freshdesk_webhook;
const wrap = (fields: Record<string, unknown>) => ({ freshdesk_webhook: fields });

const mapped = mapperOf(freshdeskAdapter);

const SOURCE = 'freshdesk/acme.freshdesk.com';
/** The envelope of a change: its id is the ticket, the event and the time (and a comment hash). */
const envelope = (event: string, time: string, comment?: string, ticket = '35436') => ({
  specversion: '1.0',
  id: `${ticket}/${event}/${time}${comment === undefined ? '' : `/${comment}`}`,
  source: SOURCE,
  subject: ticket,
  time,
  datacontenttype: 'application/json',
});

const mappedCases: MappedCase[] = [
  [
    'ticket-created.json',
    [
      {
        ...envelope('ticket_action:created', '2026-11-23T09:00:00Z'),
        type: 'ticket.created',
        data: {
          priority: 'high',
          channel: 'email',
          status: 'open',
          team: 'Billing',
          requesterId: '5000033',
          customerId: 'Globex',
          tags: ['enterprise', 'export'],
        },
      },
    ],
  ],
  [
    'ticket-created-portal.json',
    [
      {
        ...envelope('ticket_action:created', '2026-11-23T09:00:00Z', undefined, '35437'),
        type: 'ticket.created',
        data: { priority: 'normal', channel: 'web', status: 'open', requesterId: '5000033' },
      },
    ],
  ],
  [
    'status-changed-pending.json',
    [
      {
        ...envelope('status:2>3', '2026-11-23T09:30:00Z'),
        type: 'ticket.status_changed',
        data: { status: 'pending' },
      },
    ],
  ],
  [
    'status-changed-waiting-on-customer.json',
    [
      {
        ...envelope('status:2>6', '2026-11-23T09:35:00Z'),
        type: 'ticket.status_changed',
        data: { status: 'pending' },
      },
    ],
  ],
  [
    'status-changed-waiting-on-third-party.json',
    [
      {
        ...envelope('status:2>7', '2026-11-23T09:40:00Z'),
        type: 'ticket.status_changed',
        data: { status: 'on_hold' },
      },
    ],
  ],
  [
    'status-changed-resolved.json',
    [
      {
        ...envelope('status:2>4', '2026-11-23T11:45:20Z'),
        type: 'ticket.status_changed',
        data: { status: 'solved' },
      },
    ],
  ],
  [
    'status-changed-closed.json',
    [
      {
        ...envelope('status:4>5', '2026-11-26T11:45:20Z'),
        type: 'ticket.status_changed',
        data: { status: 'closed' },
      },
    ],
  ],
  [
    'priority-changed.json',
    [
      {
        ...envelope('priority:3>4', '2026-11-23T09:05:00Z'),
        type: 'ticket.updated',
        data: { changes: { priority: 'urgent' } },
      },
    ],
  ],
  [
    'group-changed.json',
    [
      {
        ...envelope('group_id:5000100>5000101', '2026-11-23T09:10:00Z'),
        type: 'ticket.updated',
        data: { changes: { team: 'Escalations' } },
      },
    ],
  ],
  [
    'agent-assigned.json',
    [
      {
        ...envelope('responder_id:>5000200', '2026-11-23T09:12:00Z'),
        type: 'ticket.assigned',
        data: { assigneeId: 'ana@acme.example', team: 'Billing' },
      },
    ],
  ],
  [
    'reply-sent-agent.json',
    [
      {
        ...envelope('reply_sent:sent', '2026-11-23T09:14:30Z', '02b1c1d737e6'),
        type: 'ticket.commented',
        data: { author: 'agent', public: true, authorId: 'ana@acme.example' },
      },
    ],
  ],
  [
    'reply-sent-customer.json',
    [
      {
        ...envelope('reply_sent:sent', '2026-11-23T10:02:00Z', '4c5b0172fed6'),
        type: 'ticket.commented',
        data: { author: 'customer', public: true, authorId: 'jo@globex.example' },
      },
    ],
  ],
  [
    'note-added-private.json',
    [
      {
        ...envelope('note_type:private', '2026-11-23T09:15:00Z', '204469cc98b6'),
        type: 'ticket.commented',
        data: { author: 'agent', public: false, authorId: 'ana@acme.example' },
      },
    ],
  ],
  [
    'note-added-public.json',
    [
      {
        ...envelope('note_type:public', '2026-11-23T09:16:00Z', '74ea55185390'),
        type: 'ticket.commented',
        data: { author: 'agent', public: true, authorId: 'ana@acme.example' },
      },
    ],
  ],
  [
    'ticket-deleted.json',
    [
      {
        ...envelope('ticket_action:delete', '2026-11-23T12:00:00Z'),
        type: 'ticket.deleted',
        data: {},
      },
    ],
  ],
  [
    'ticket-marked-spam.json',
    [
      {
        ...envelope('ticket_action:marked_spam', '2026-11-23T09:01:00Z'),
        type: 'ticket.deleted',
        data: {},
      },
    ],
  ],
];

const EVENT = 'body.freshdesk_webhook.triggered_event';
const ignoredCases: IgnoredCase[] = [
  ['ticket-updated.json', EVENT, '{ticket_action:update} maps to no contract event'],
  ['ticket-type-changed.json', EVENT, 'ticket_type events map to no contract event'],
  ['due-by-changed.json', EVENT, 'due_by events map to no contract event'],
  ['customer-feedback.json', EVENT, 'customer_feedback events map to no contract event'],
  ['agent-unassigned.json', EVENT, 'unassigned'],
  ['group-removed.json', EVENT, 'cannot clear a team'],
  [
    'status-changed-custom-unknown.json',
    'body.freshdesk_webhook.ticket_status',
    'custom status 8 ("Awaiting Parts") maps to no contract status',
  ],
];

describe('freshdeskAdapter.map: Freshdesk webhooks to contract events', () => {
  itMapsEveryFixture(freshdeskAdapter, FIXTURES, { mapped: mappedCases, ignored: ignoredCases });

  it('gives every change its own id: another time, event or comment is another id', () => {
    const reply = fieldsOf('reply-sent-agent.json');
    const idOf = (fields: Record<string, unknown>) =>
      (mapped(wrap(fields)).events[0] as { id: string }).id;
    const ids = [
      idOf(reply),
      idOf({ ...reply, ticket_modified_on: '2026-11-23 10:14:31 +0100' }),
      idOf({ ...reply, ticket_latest_public_comment: 'Ana Agent : <div>Fixed.</div>' }),
      idOf({ ...reply, ticket_id: '35438' }),
      idOf({ ...reply, triggered_event: '{note_type:public}' }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    // The same change sent by two rules (or twice) is one event.
    expect(idOf({ ...reply, ticket_subject: 'renamed since' })).toBe(ids[0]);
  });

  it('reads the Simple content, the JSON and the quote-less renderings of the event alike', () => {
    const fields = fieldsOf('status-changed-pending.json');
    const events = [
      '{status:{from:2,to:3}}',
      '{"status":{"from":2,"to":3}}',
      '{\\"status\\":{\\"from\\":2,\\"to\\":3}}',
      { status: { from: 2, to: 3 } },
      '{ status: { from: "2", to: "3" } }',
    ].map((event) => mapped(wrap({ ...fields, triggered_event: event })).events);
    for (const e of events) expect(e).toEqual(events[0]);
  });

  it('takes an explicit event written into the body in place of {{triggered_event}}', () => {
    const fields = { ...fieldsOf('ticket-created.json'), triggered_event: '' };
    const result = mapped(wrap({ ...fields, event: '{ticket_action:created}' }));
    expect(result.events).toEqual(mapped(fixture('ticket-created.json')).events);
  });

  it('reads fields sent at the top level, without the freshdesk_webhook wrapper', () => {
    const fields = fieldsOf('priority-changed.json');
    expect(mapped(fields)).toEqual(mapped(fixture('priority-changed.json')));
  });

  it('dates a change in the ticket time zone when Freshdesk writes no offset', () => {
    const fields = fieldsOf('status-changed-resolved.json');
    const at = (modified: string, zone: string | undefined) =>
      (
        mapped(wrap({ ...fields, ticket_modified_on: modified, time_zone: zone })).events[0] as {
          time: string;
        }
      ).time;
    expect(at('2026-11-23 12:45:20', 'Europe/Berlin')).toBe('2026-11-23T11:45:20Z');
    expect(at('2026-07-23 12:45:20', 'Europe/Berlin')).toBe('2026-07-23T10:45:20Z');
    expect(at('2026-11-23 17:15:20', '+05:30')).toBe('2026-11-23T11:45:20Z');
    expect(at('2026-11-23T11:45:20.5Z', undefined)).toBe('2026-11-23T11:45:20.500Z');
    expect(at('2026-11-23 06:45:20 -0500', 'Europe/Berlin')).toBe('2026-11-23T11:45:20Z');
  });

  it('reads numbers, names and i18n keys for statuses, priorities and sources', () => {
    const fields = fieldsOf('ticket-created.json');
    const data = (over: Record<string, unknown>) =>
      (mapped(wrap({ ...fields, ...over })).events[0] as { data: Record<string, unknown> }).data;
    expect(data({ ticket_source: 'Feedback Widget' }).channel).toBe('web');
    expect(data({ ticket_source: '7' }).channel).toBe('chat');
    expect(data({ ticket_source: 'phone' }).channel).toBe('phone');
    expect(data({ ticket_source: 'portal_key' }).channel).toBe('web');
    expect(data({ ticket_source: 'Outbound Email' }).channel).toBe('email');
    expect(data({ ticket_source: '101' }).channel).toBe('other');
    expect(data({ ticket_priority: 'URGENT' }).priority).toBe('urgent');
    expect(data({ ticket_priority: 1 }).priority).toBe('low');
    expect(data({ ticket_status: 'Waiting on Customer' }).status).toBe('pending');
    expect(data({ ticket_group_name: 'R&amp;D' }).team).toBe('R&D');
  });

  it('still creates the ticket when its status, priority or tags do not fit, and notes it', () => {
    const tags = Array.from({ length: 65 }, (_, i) => `tag-${i}`).join(', ');
    const fields = {
      ...fieldsOf('ticket-created.json'),
      ticket_status: 'Offen',
      ticket_priority: 'Hoch',
      ticket_tags: tags,
    };
    const result = mapped(wrap(fields));
    expectCreatedDespite(
      result,
      ['status', 'tags'],
      [
        'body.freshdesk_webhook.ticket_status',
        'body.freshdesk_webhook.ticket_priority',
        'body.freshdesk_webhook.ticket_tags',
      ],
    );
  });

  it('names the source freshdesk/<domain>, or freshdesk when the body names no helpdesk', () => {
    const fields = fieldsOf('status-changed-resolved.json');
    const sourceOf = (over: Record<string, unknown>) =>
      (mapped(wrap({ ...fields, ...over })).events[0] as { source: string }).source;
    expect(sourceOf({ ticket_url: undefined })).toBe('freshdesk');
    expect(sourceOf({ domain: 'Support.Acme.example' })).toBe('freshdesk/support.acme.example');
  });

  it('ignores a group or agent change whose body lacks the name or email', () => {
    const group = mapped(wrap({ ...fieldsOf('group-changed.json'), ticket_group_name: '' }));
    expect(group.events).toEqual([]);
    expect(group.ignored.map((n) => n.path)).toEqual(['body.freshdesk_webhook.ticket_group_name']);
    const agent = mapped(wrap({ ...fieldsOf('agent-assigned.json'), ticket_agent_email: '' }));
    expect(agent.events).toEqual([]);
    expect(agent.ignored.map((n) => n.path)).toEqual(['body.freshdesk_webhook.ticket_agent_email']);
  });

  it('suffixes the ids when a delivery yields several events', () => {
    expect(freshdeskEventId('abc', 0, 1)).toBe('abc');
    expect([0, 1].map((i) => freshdeskEventId('abc', i, 2))).toEqual(['abc#1', 'abc#2']);
  });
});

describe('freshdeskAdapter.map: what is not a usable Freshdesk webhook', () => {
  const good = fieldsOf('status-changed-resolved.json');
  const at = (field: string) => `body.freshdesk_webhook.${field}`;
  const cases: ProblemCase[] = [
    ['not an object', [good], ['body']],
    ['a string', '{status:{from:2,to:4}}', ['body']],
    ['no wrapper and no ticket', { hello: 'world' }, ['body.freshdesk_webhook']],
    ['a wrapper that is not an object', { freshdesk_webhook: 'x' }, ['body.freshdesk_webhook']],
    ['no ticket id', wrap({ ...good, ticket_id: '' }), [at('ticket_id')]],
    ['a ticket id that is not one', wrap({ ...good, ticket_id: 'abc' }), [at('ticket_id')]],
    ['no triggered event', wrap({ ...good, triggered_event: '' }), [at('triggered_event')]],
    ['an unreadable event', wrap({ ...good, triggered_event: 'status' }), [at('triggered_event')]],
    ['no time', wrap({ ...good, ticket_modified_on: undefined }), [at('ticket_modified_on')]],
    ['a bad time', wrap({ ...good, ticket_modified_on: 'yesterday' }), [at('ticket_modified_on')]],
    [
      'an impossible date',
      wrap({ ...good, ticket_modified_on: '2026-02-30 10:00:00 +0100' }),
      [at('ticket_modified_on')],
    ],
    [
      'a time without offset and no time zone',
      wrap({ ...good, ticket_modified_on: '2026-11-23 12:45:20', time_zone: '' }),
      [at('ticket_modified_on')],
    ],
    ['an unknown time zone', wrap({ ...good, time_zone: 'Mars/Olympus' }), [at('time_zone')]],
    ['a bad helpdesk address', wrap({ ...good, ticket_url: 'not a url' }), [at('ticket_url')]],
    [
      'a status change without its number',
      wrap({ ...good, triggered_event: '{status:{from:2,to:}}' }),
      [at('triggered_event')],
    ],
    [
      'a reply without its author kind',
      wrap({ ...fieldsOf('reply-sent-agent.json'), event_performer_is_agent: '' }),
      [at('event_performer_is_agent')],
    ],
    [
      'a note of no known kind',
      wrap({ ...good, triggered_event: '{note_type:secret}' }),
      [at('triggered_event')],
    ],
    [
      'a mapped event whose value cannot be read',
      wrap({ ...good, triggered_event: '{status:{from:2,to:{x:1}}}' }),
      [at('triggered_event')],
    ],
  ];

  itFindsProblems(freshdeskAdapter, cases);
});

describe('readTriggeredEvent and readFreshdeskTime', () => {
  it('reads plain events, changes and name-only events', () => {
    expect(readTriggeredEvent('{ticket_action:created}')).toMatchObject({
      name: 'ticket_action',
      value: 'created',
      isChange: false,
      readable: true,
    });
    expect(readTriggeredEvent('{"responder_id":{"from":null,"to":5}}')).toMatchObject({
      name: 'responder_id',
      from: null,
      to: '5',
      isChange: true,
    });
    expect(readTriggeredEvent('{due_by:{from:2026-11-24 10:00:00,to:x}}')).toMatchObject({
      name: 'due_by',
      readable: false,
    });
    for (const junk of ['', 'created', '{}', '[1]', 42, null, { a: 1, b: 2 }])
      expect(readTriggeredEvent(junk)).toBeNull();
  });

  it('reads a time at a daylight-saving change with one of its offsets, never failing', () => {
    // 02:30 does not exist in Berlin on 2026-03-29, and happens twice on 2026-10-25.
    for (const text of ['2026-03-29 02:30:00', '2026-10-25 02:30:00']) {
      const read = readFreshdeskTime(text, 'Europe/Berlin');
      expect(read.kind).toBe('instant');
      const local = Date.parse(`${text.replace(' ', 'T')}Z`);
      const instant = read.kind === 'instant' ? read.instant : Number.NaN;
      expect([local - 3_600_000, local - 7_200_000]).toContain(instant);
    }
  });
});

describe('freshdeskAdapter.verify: Freshdesk does not sign', () => {
  it('has no secret and checks nothing: the ingest token is the only check', () => {
    expect(freshdeskAdapter).toMatchObject({ name: 'freshdesk', secretVariable: null });
    expect(
      freshdeskAdapter.verify({ headers: {}, rawBody: raw('ticket-created.json') }, '', 0),
    ).toBeNull();
  });
});
