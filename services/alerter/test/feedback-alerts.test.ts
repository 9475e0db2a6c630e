import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { parsePolicyDocument } from '@slawatch/core';
import { createKeys, createStoreAdapters, updateTickets, type UpdateDeps } from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import { acceptedEvent, deleteKeysByPrefix } from '@slawatch/test';
import { createNotifier, type NotificationBody, type Notifier } from '../src/index.js';
import { waitFor } from './notifier-fixture.js';
import { LocalEndpoint } from './receiver-fixtures.js';

// The `feedback` alert level end to end on real Redis and BullMQ: a ticket's CSAT of 1
// arrives in a batch, and the team lead's webhook hears it once, with the score, team,
// assignee and link, however often the batch is delivered; the SLA receiver hears nothing.

const MINUTE = 60_000;
const policies = (() => {
  const loaded = parsePolicyDocument(`
policies:
  - { id: standard, targets: { firstResponse: 1h } }
alerting:
  groupWindow: 0s
  ticketUrl: https://help.example.com/tickets/{ticketId}
  receivers:
    - { id: lead, type: webhook, urlEnv: LEAD_URL }
    - { id: oncall, type: webhook, urlEnv: ONCALL_URL }
  route:
    receivers: [oncall]
    routes:
      - { match: { level: [feedback] }, receivers: [lead] }
  feedback: {}
`);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.policySet;
})();

const event = acceptedEvent;

describe('feedback alerts', () => {
  const redis = new Redis(inject('redisUrl'));
  const prefix = `fb-${Math.random().toString(36).slice(2, 8)}`;
  const keys = createKeys(prefix);
  const lead = new LocalEndpoint();
  const oncall = new LocalEndpoint();
  const delivery = { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 };
  const adapters = createStoreAdapters(redis, keys, policies, {
    retentionMs: 7 * 86_400_000,
    delivery,
  });
  const update: UpdateDeps = { ...adapters, announce: () => Promise.resolve() };
  const now = Date.now();
  let notifier: Notifier;

  beforeAll(async () => {
    notifier = createNotifier({
      redis,
      keys,
      settings: policies.alerting,
      env: { LEAD_URL: await lead.listen('/lead'), ONCALL_URL: await oncall.listen('/oncall') },
      delivery,
      log: createLogger('test', 'silent'),
    });
    await notifier.start();
  });

  afterAll(async () => {
    await notifier?.stop();
    await adapters.close();
    lead.close();
    oncall.close();
    await deleteKeysByPrefix(redis, `{${prefix}:`);
    await deleteKeysByPrefix(redis, prefix);
    await redis.quit();
  });

  it('tells the lead of a low CSAT once, however often its batch is delivered', async () => {
    const batch = new Map([
      [
        'T-1001',
        [
          event('T-1001', now - 30 * MINUTE, 'ticket.created', {
            priority: 'high',
            channel: 'email',
            team: 'emea',
            assigneeId: 'ana',
          }),
          event('T-1001', now - 20 * MINUTE, 'ticket.commented', {
            author: 'agent',
            public: true,
          }),
          event('T-1001', now - MINUTE, 'ticket.surveyed', { kind: 'csat', score: 1 }),
        ],
      ],
    ]);
    await updateTickets(update, batch, now);
    await waitFor('the feedback alert', () => lead.got.length === 1);
    // The survey as the follow-up list names it (ticket|kind|score|key) names the alert.
    const [member] = await redis.zrange(keys.followUps, 0, -1);
    const survey = member!.split('|').at(-1)!;
    const [body] = lead.json<NotificationBody>();
    expect(body).toMatchObject({
      id: `T-1001/csat:${survey}:feedback/lead`,
      action: 'trigger',
      alert: {
        key: `T-1001/csat/${survey}/feedback`,
        level: 'feedback',
        ticketId: 'T-1001',
        clock: null,
        cycle: null,
        team: 'emea',
        priority: 'high',
        time: new Date(now - MINUTE).toISOString(),
        deadline: null,
        survey: { kind: 'csat', score: 1 },
        assignee: 'ana',
        url: 'https://help.example.com/tickets/T-1001',
      },
    });
    expect(lead.got[0]!.headers['idempotency-key']).toBe(body!.id);
    // Redelivered, and then after a crash before the save: still the one delivery.
    await updateTickets(update, batch, now + MINUTE);
    await redis.del(keys.ticket('T-1001'));
    await updateTickets(update, batch, now + 2 * MINUTE);
    await new Promise((r) => setTimeout(r, 300));
    expect(lead.got).toHaveLength(1);
    // The delivery history keeps it with its level, and no clock.
    const [record] = await adapters.deliveries.forTicket('T-1001');
    expect(record).toMatchObject({
      receiver: 'lead',
      level: 'feedback',
      clock: null,
      outcome: 'delivered',
    });
    expect(oncall.got).toEqual([]);
  });
});
