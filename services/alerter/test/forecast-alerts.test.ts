import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { parsePolicyDocument, type AcceptedEvent } from '@slawatch/core';
import { createKeys, createStoreAdapters, updateTickets, type UpdateDeps } from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import { acceptedEvent, deleteKeysByPrefix } from '@slawatch/test';
import {
  createNotifier,
  ForecastAlerts,
  type NotificationBody,
  type Notifier,
} from '../src/index.js';
import { waitFor } from './notifier-fixture.js';
import { LocalEndpoint } from './receiver-fixtures.js';

// The `forecast` alert level end to end on real Redis and BullMQ: the rolling metrics hold
// 60 emea first responses of the last hour, each 8 minutes after creation; an urgent ticket
// (15-minute first response) waiting 9 minutes is forecast to breach, and a webhook hears it
// once, then its resolve when the ticket is answered.

const MINUTE = 60_000;
const DOCUMENT = (forecast: string) => `
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m }
alerting:
  groupWindow: 0s
  receivers: [{ id: lead, type: webhook, urlEnv: RECEIVER_URL }]
  route:
    routes:
      - match: { level: [forecast] }
        receivers: [lead]
${forecast}
`;
const load = (yaml: string) => {
  const loaded = parsePolicyDocument(yaml);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.policySet;
};
const policies = load(DOCUMENT('  forecast: { minProbability: 0.7 }'));

const event = acceptedEvent;
const created = (id: string, at: number) =>
  event(id, at, 'ticket.created', { priority: 'urgent', channel: 'chat', team: 'emea' });
const reply = (id: string, at: number) =>
  event(id, at, 'ticket.commented', { author: 'agent', public: true });

describe('forecast alerts', () => {
  const redis = new Redis(inject('redisUrl'));
  const prefix = `fa-${Math.random().toString(36).slice(2, 8)}`;
  const keys = createKeys(prefix);
  const endpoint = new LocalEndpoint();
  const adapters = createStoreAdapters(redis, keys, policies, {
    retentionMs: 7 * 86_400_000,
    delivery: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
  });
  const update: UpdateDeps = { ...adapters, announce: () => Promise.resolve() };
  const log = createLogger('test', 'silent');
  const now = Date.now();
  let clock = now;
  const alerts = new ForecastAlerts({
    redis,
    key: keys.forecastAlerts,
    update,
    scanLimit: 1000,
    log,
    now: () => clock,
  });
  let notifier: Notifier;

  beforeAll(async () => {
    const url = await endpoint.listen('/lead');
    notifier = createNotifier({
      redis,
      keys,
      settings: policies.alerting,
      env: { RECEIVER_URL: url },
      delivery: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
      log,
    });
    await notifier.start();
    const history = new Map<string, AcceptedEvent[]>();
    for (let i = 0; i < 60; i++) {
      const at = now - 59 * MINUTE + i * 50_000;
      history.set(`H-${i}`, [created(`H-${i}`, at), reply(`H-${i}`, at + 8 * MINUTE)]);
    }
    history.set('LATE', [created('LATE', now - 9 * MINUTE)]);
    history.set('EARLY', [created('EARLY', now - MINUTE)]);
    await updateTickets(update, history, now);
  });

  afterAll(async () => {
    await alerts.stop();
    await notifier?.stop();
    await adapters.close();
    endpoint.close();
    await deleteKeysByPrefix(redis, prefix);
    await deleteKeysByPrefix(redis, `{${prefix}:`);
    await redis.quit();
  });

  it('raises a forecast alert once for a clock likely to breach, to the route’s receivers', async () => {
    expect(alerts.enabled).toBe(true);
    await alerts.round();
    await waitFor('the forecast alert', () => endpoint.got.length === 1);
    const [body] = endpoint.json<NotificationBody>();
    expect(body).toMatchObject({
      action: 'trigger',
      alert: {
        key: 'LATE/firstResponse/1/forecast',
        level: 'forecast',
        ticketId: 'LATE',
        clock: 'firstResponse',
        team: 'emea',
        probability: 1,
        deadline: new Date(now - 9 * MINUTE + 15 * MINUTE).toISOString(),
      },
    });
    // The next round, a minute later (and another alerter's): nothing more.
    clock = now + MINUTE;
    await alerts.round();
    await new Promise((r) => setTimeout(r, 300));
    expect(endpoint.got).toHaveLength(1);
    expect(Object.keys(await redis.hgetall(keys.forecastAlerts))).toEqual(['LATE|firstResponse|1']);
  });

  it('sends the alert’s resolve to the same receiver once the clock stops', async () => {
    await updateTickets(update, new Map([['LATE', [reply('LATE', now + MINUTE)]]]), clock);
    clock = now + 2 * MINUTE;
    await alerts.round();
    await waitFor('the resolve', () => endpoint.got.length === 2);
    expect(endpoint.json<NotificationBody>()[1]).toMatchObject({
      action: 'resolve',
      alert: { key: 'LATE/firstResponse/1/forecast', level: 'forecast' },
    });
    expect(await redis.hlen(keys.forecastAlerts)).toBe(0);
  });

  it('reports a stalled loop to /readyz, and runs nothing without alerting.forecast', async () => {
    await expect(alerts.checkRunning()).resolves.toBeUndefined();
    clock += 6 * MINUTE;
    await expect(alerts.checkRunning()).rejects.toThrow(
      /no round of forecast alerts finished for \d+ s/,
    );
    const off = new ForecastAlerts({
      redis,
      key: keys.forecastAlerts,
      update: { ...update, policies: load(DOCUMENT('')) },
      scanLimit: 1000,
      log,
    });
    expect(off.enabled).toBe(false);
    await expect(off.checkRunning()).resolves.toBeUndefined();
  });
});
