import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../src/ingest/helpdesk-adapter.js';
import { jiraAdapter } from '../src/ingest/jira/jira-adapter.js';
import { JIRA_SIGNATURE_HEADER } from '../src/ingest/jira/jira-signature.js';
import { contractPriority, contractStatus } from '../src/ingest/jira/jira-vocabulary.js';
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

// Jira Cloud's issue and comment webhooks, fixture by fixture (test/fixtures/jira/, written
// from the payloads Jira documents and public captures of them), into contract events; and
// the X-Hub-Signature of admin webhooks registered with a secret.
const FIXTURES = fixturesOf('jira');
const { raw, fixture } = FIXTURES;
const mapped = mapperOf(jiraAdapter);

const SOURCE = 'jira/acme.atlassian.net';
const REPORTER = '712020:3f6c1c1e-4b8a-4f0e-9d6a-1c2b3d4e5f60';
const AGENT = '5b10ac8d82e05b22cc7d4ef5';
const AGENT_2 = '5b10a2844c20165700ede21g';
const PORTAL_CUSTOMER =
  'qm:5e0f1d2c-7a8b-4c9d-8e1f-2a3b4c5d6e7f:0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e';
const AUTOMATION = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';

/** The envelope of an event about SUP-123 with id `id`, at `time`. */
const envelope = (id: string, time: string, subject = 'SUP-123') => ({
  specversion: '1.0',
  id,
  source: SOURCE,
  subject,
  time,
  datacontenttype: 'application/json',
});

const mappedCases: MappedCase[] = [
  [
    'issue-created.json',
    [
      {
        ...envelope('issue/10042/created', '2026-11-23T09:00:00.672Z'),
        type: 'ticket.created',
        data: {
          priority: 'high',
          channel: 'other',
          status: 'open',
          queue: 'SUP',
          requesterId: REPORTER,
          category: 'Get IT help',
          tags: ['vpn', 'remote'],
        },
      },
    ],
  ],
  [
    'issue-created-bare.json',
    [
      {
        ...envelope('issue/10043/created', '2026-11-23T09:02:00Z', 'SUP-124'),
        type: 'ticket.created',
        data: {
          priority: 'normal',
          channel: 'other',
          status: 'new',
          queue: 'SUP',
          requesterId: REPORTER,
        },
      },
    ],
  ],
  [
    'status-waiting-for-customer.json',
    [
      {
        ...envelope('changelog/10201', '2026-11-23T09:20:00.001Z'),
        type: 'ticket.status_changed',
        data: { status: 'pending' },
      },
    ],
  ],
  [
    'status-pending.json',
    [
      {
        ...envelope('changelog/10202', '2026-11-23T09:25:00.002Z'),
        type: 'ticket.status_changed',
        data: { status: 'on_hold' },
      },
    ],
  ],
  [
    'status-resolved.json',
    [
      {
        ...envelope('changelog/10203', '2026-11-23T11:45:00.003Z'),
        type: 'ticket.status_changed',
        data: { status: 'solved' },
      },
    ],
  ],
  [
    'status-closed.json',
    [
      {
        ...envelope('changelog/10204', '2026-11-24T09:00:00.004Z'),
        type: 'ticket.status_changed',
        data: { status: 'closed' },
      },
    ],
  ],
  [
    'status-category-fallback.json',
    [
      {
        ...envelope('changelog/10205', '2026-11-23T09:30:00.005Z'),
        type: 'ticket.status_changed',
        data: { status: 'open' },
      },
    ],
  ],
  [
    'assignee-changed.json',
    [
      {
        ...envelope('changelog/10207', '2026-11-23T09:05:00.007Z'),
        type: 'ticket.assigned',
        data: { assigneeId: AGENT },
      },
    ],
  ],
  [
    'priority-changed.json',
    [
      {
        ...envelope('changelog/10209', '2026-11-23T09:06:00.009Z'),
        type: 'ticket.updated',
        data: { changes: { priority: 'urgent' } },
      },
    ],
  ],
  [
    'transition-and-assign.json',
    [
      {
        ...envelope('changelog/10211#1', '2026-11-23T09:08:00.011Z'),
        type: 'ticket.status_changed',
        data: { status: 'open' },
      },
      {
        ...envelope('changelog/10211#2', '2026-11-23T09:08:00.011Z'),
        type: 'ticket.assigned',
        data: { assigneeId: AGENT_2 },
      },
    ],
  ],
  [
    'issue-commented-agent.json',
    [
      {
        ...envelope('comment/10500', '2026-11-23T09:10:00.012Z'),
        type: 'ticket.commented',
        data: { author: 'agent', public: true, authorId: AGENT },
      },
    ],
  ],
  [
    'issue-commented-customer.json',
    [
      {
        ...envelope('comment/10501', '2026-11-23T09:45:00.013Z'),
        type: 'ticket.commented',
        data: { author: 'customer', public: true, authorId: REPORTER },
      },
    ],
  ],
  [
    'comment-created-internal.json',
    [
      {
        ...envelope('comment/10502', '2026-11-23T09:15:00.016Z'),
        type: 'ticket.commented',
        data: { author: 'agent', public: false, authorId: AGENT },
      },
    ],
  ],
  [
    'comment-created-portal-customer.json',
    [
      {
        ...envelope('comment/10503', '2026-11-23T10:00:00.017Z'),
        type: 'ticket.commented',
        data: { author: 'customer', public: true, authorId: PORTAL_CUSTOMER },
      },
    ],
  ],
  [
    'comment-created-automation.json',
    [
      {
        ...envelope('comment/10504', '2026-11-23T09:00:01.018Z'),
        type: 'ticket.commented',
        data: { author: 'system', public: true, authorId: AUTOMATION },
      },
    ],
  ],
  [
    'issue-deleted.json',
    [
      {
        ...envelope('issue/10042/deleted', '2026-11-23T12:00:00.021Z'),
        type: 'ticket.deleted',
        data: {},
      },
    ],
  ],
];

const ignoredCases: IgnoredCase[] = [
  ['status-no-category.json', 'body.changelog.items[0].toString', 'maps to no contract status'],
  ['assignee-cleared.json', 'body.changelog.items[0].to', 'unassigned'],
  ['priority-changed-same.json', 'body.changelog.items[0].toString', 'Low and Lowest are both low'],
  ['issue-comment-edited.json', 'body.comment', 'an edited comment is not a new comment'],
  [
    'issue-updated-summary.json',
    'body.changelog.items',
    'changes to summary map to no contract event',
  ],
  ['comment-created-atlassian-account.json', 'body.comment.author', "without the issue's reporter"],
  ['comment-updated.json', 'body.webhookEvent', 'comment_updated: an edited comment'],
  ['sprint-started.json', 'body.webhookEvent', 'sprint_started is not an issue or comment event'],
];

describe('jiraAdapter.map: Jira issue and comment events to contract events', () => {
  itMapsEveryFixture(jiraAdapter, FIXTURES, {
    mapped: mappedCases,
    ignored: ignoredCases,
    // More events than fixtures that map: one (transition-and-assign) makes two.
    leastEvents: mappedCases.length + 1,
  });

  it('gives a comment the same event from comment_created and from jira:issue_updated', () => {
    // Jira sends both for one comment; the same (source, id) makes the second a repeat.
    const commentEvent = fixture('comment-created-portal-customer.json') as Record<string, unknown>;
    const issueEvent = fixture('issue-commented-customer.json') as Record<string, unknown>;
    const viaIssue = mapped({ ...issueEvent, comment: commentEvent.comment }).events;
    const viaComment = mapped(commentEvent).events;
    expect(viaIssue).toEqual([{ ...(viaComment[0] as object), time: '2026-11-23T09:45:00.013Z' }]);
    // And an agent's reply, told apart by the reporter only jira:issue_updated carries.
    const agentReply = fixture('comment-created-atlassian-account.json') as Record<string, unknown>;
    expect(mapped({ ...issueEvent, comment: agentReply.comment }).events).toEqual([
      expect.objectContaining({
        id: 'comment/10500',
        data: { author: 'agent', public: true, authorId: AGENT },
      }),
    ]);
  });

  it('counts a comment restricted to a role or group as not public, and an agent’s', () => {
    const body = fixture('issue-commented-customer.json') as Record<
      string,
      Record<string, unknown>
    >;
    const comment = {
      ...body.comment,
      jsdPublic: undefined,
      visibility: { type: 'role', value: 'Service Desk Team' },
    };
    expect(mapped({ ...body, comment }).events).toEqual([
      expect.objectContaining({ data: { author: 'agent', public: false, authorId: REPORTER } }),
    ]);
  });

  it('takes a comment without jsdPublic (a Jira Software project) as public', () => {
    const body = fixture('issue-commented-agent.json') as Record<string, Record<string, unknown>>;
    const comment = { ...body.comment, jsdPublic: undefined };
    expect(mapped({ ...body, comment }).events).toEqual([
      expect.objectContaining({ data: { author: 'agent', public: true, authorId: AGENT } }),
    ]);
  });

  it('reads a status change and a comment in one delivery (a transition with a comment)', () => {
    const transition = fixture('status-waiting-for-customer.json') as Record<string, unknown>;
    const reply = fixture('issue-commented-agent.json') as Record<string, unknown>;
    const events = mapped({ ...transition, comment: reply.comment }).events;
    expect(events).toEqual([
      expect.objectContaining({ id: 'changelog/10201', type: 'ticket.status_changed' }),
      expect.objectContaining({ id: 'comment/10500', type: 'ticket.commented' }),
    ]);
  });

  it('reads a priority sent as a plain name, as in Jira’s documented example', () => {
    const body = fixture('issue-created.json') as Record<string, Record<string, unknown>>;
    const issue = {
      ...body.issue,
      fields: { ...(body.issue!.fields as object), priority: 'Highest' },
    };
    expect(mapped({ ...body, issue }).events).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ priority: 'urgent' }) as unknown }),
    ]);
  });

  it('still creates the ticket when its status, priority or labels do not fit, and notes it', () => {
    const body = fixture('issue-created.json') as Record<string, Record<string, unknown>>;
    const fields = body.issue!.fields as Record<string, unknown>;
    const labels = Array.from({ length: 65 }, (_, i) => `label-${i}`);
    const status = { name: 'Parked', statusCategory: { key: 'undefined' } };
    const issue = {
      ...body.issue,
      fields: { ...fields, status, priority: { name: 'P1' }, labels },
    };
    const result = mapped({ ...body, issue });
    expectCreatedDespite(
      result,
      ['status', 'tags'],
      ['body.issue.fields.status', 'body.issue.fields.priority', 'body.issue.fields.labels'],
    );
  });

  it('uses the issue key when the issue id is absent, and names the source jira without an address', () => {
    const body = fixture('issue-deleted.json') as Record<string, Record<string, unknown>>;
    const issue = { ...body.issue, id: undefined, self: undefined };
    expect(mapped({ ...body, issue }).events).toEqual([
      expect.objectContaining({ id: 'issue/SUP-123/deleted', source: 'jira' }),
    ]);
  });
});

describe('the Jira vocabulary', () => {
  it.each([
    ['Waiting for support', null, 'open'],
    ['In Progress', null, 'open'],
    ['Waiting for customer', null, 'pending'],
    ['Pending', null, 'on_hold'],
    ['On hold', null, 'on_hold'],
    ['Resolved', null, 'solved'],
    ['Done', null, 'solved'],
    ['Closed', null, 'closed'],
    ['Canceled', null, 'closed'],
    ['Declined', null, 'closed'],
    ['Triage', 'new', 'new'],
    ['Awaiting CAB', 'indeterminate', 'open'],
    ['Shipped', 'done', 'solved'],
    ['Parked', 'undefined', null],
    ['Parked', null, null],
  ])('status %s (category %s) is %s', (name, category, status) => {
    expect(contractStatus(name, category)).toBe(status);
  });

  it.each([
    ['Highest', 'urgent'],
    ['High', 'high'],
    ['Medium', 'normal'],
    ['Low', 'low'],
    ['Lowest', 'low'],
    ['Blocker', 'urgent'],
    ['Critical', 'urgent'],
    ['Major', 'high'],
    ['Minor', 'low'],
    ['Trivial', 'low'],
    ['P1', null],
  ])('priority %s is %s', (name, priority) => {
    expect(contractPriority(name)).toBe(priority);
  });
});

describe('jiraAdapter.map: what is not a Jira issue event', () => {
  const good = fixture('status-resolved.json') as Record<string, unknown>;
  const comment = fixture('comment-created-internal.json') as Record<string, unknown>;
  const issue = good.issue as Record<string, unknown>;
  const cases: ProblemCase[] = [
    ['not an object', [good], ['body']],
    ['a string', 'jira:issue_created', ['body']],
    [
      'no webhookEvent, no timestamp',
      { ...good, webhookEvent: undefined, timestamp: undefined },
      ['body.webhookEvent', 'body.timestamp'],
    ],
    [
      'a webhookEvent not Jira’s',
      { ...good, webhookEvent: 'ticket.created' },
      ['body.webhookEvent'],
    ],
    ['a timestamp in text', { ...good, timestamp: '2026-11-23T09:00:00Z' }, ['body.timestamp']],
    ['no issue', { ...good, issue: undefined }, ['body.issue']],
    ['an issue that is not an object', { ...good, issue: 'SUP-123' }, ['body.issue']],
    [
      'an issue without its key',
      { ...good, issue: { ...issue, key: undefined } },
      ['body.issue.key'],
    ],
    [
      'a bad key, a bad address',
      { ...good, issue: { ...issue, key: 'SUP 1', self: 'acme' } },
      ['body.issue.key', 'body.issue.self'],
    ],
    ['a changelog that is not an object', { ...good, changelog: [] }, ['body.changelog']],
    [
      'changelog items that are not a list',
      { ...good, changelog: { id: '1', items: {} } },
      ['body.changelog.items'],
    ],
    [
      'a status change without its changelog id',
      { ...good, changelog: { ...(good.changelog as object), id: null } },
      ['body.changelog.id'],
    ],
    ['a comment event without its comment', { ...comment, comment: undefined }, ['body.comment']],
    [
      'a comment without its id',
      { ...comment, comment: { ...(comment.comment as object), id: '' } },
      ['body.comment.id'],
    ],
    [
      'a jsdPublic that is not a boolean',
      { ...comment, comment: { ...(comment.comment as object), jsdPublic: 'no' } },
      ['body.comment.jsdPublic'],
    ],
  ];

  itFindsProblems(jiraAdapter, cases);
});

describe('jiraAdapter.verify: X-Hub-Signature', () => {
  const SECRET = 'It0xZ0Fjc2VjcmV0LWZvci1qaXJh';
  const NOW = Date.parse('2026-11-23T09:00:05Z');
  const body = raw('issue-created.json');
  const sign = (text: string, secret = SECRET) =>
    `sha256=${createHmac('sha256', secret).update(text).digest('hex')}`;
  const request = (headers: WebhookRequest['headers'], rawBody = body): WebhookRequest => ({
    headers,
    rawBody,
  });

  itChecksSignatures({
    adapter: jiraAdapter,
    name: 'jira',
    secretVariable: 'SLAWATCH_JIRA_WEBHOOK_SECRET',
    header: 'x-hub-signature',
    secret: SECRET,
    now: NOW,
    body,
    tampered: body.replace('"High"', '"Low"'),
    signed: (secret = SECRET) => ({ [JIRA_SIGNATURE_HEADER]: sign(body, secret) }),
    // Jira does not date its signatures.
    replay: null,
  });

  it('accepts a signature in upper-case hex', () => {
    const upper = `sha256=${sign(body).slice('sha256='.length).toUpperCase()}`;
    expect(jiraAdapter.verify(request({ [JIRA_SIGNATURE_HEADER]: upper }), SECRET, NOW)).toBeNull();
  });

  it('refuses another algorithm, and a digest that is not 64 hex digits', () => {
    const sha1 = `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`;
    for (const signature of [
      sha1,
      'sha256=abc',
      sign(body).slice('sha256='.length),
      `${sign(body)}00`,
    ])
      expect(
        jiraAdapter.verify(request({ [JIRA_SIGNATURE_HEADER]: signature }), SECRET, NOW),
      ).toMatch(/^x-hub-signature: must be sha256=<hex HMAC-SHA256 of the body>/);
  });
});
