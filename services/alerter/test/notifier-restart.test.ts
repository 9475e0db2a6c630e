import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { parsePolicyDocument, type Notification } from '@slawatch/core';
import { createKeys, NotificationQueue } from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import { deleteKeysByPrefix } from '@slawatch/test';
import { createNotifier, type NotificationBody } from '../src/index.js';
import { waitFor } from './notifier-fixture.js';
import { breachNotification, LocalEndpoint } from './receiver-fixtures.js';

// A receiver down while the alerter restarts: nothing is lost, nothing delivered twice.
const redis = new Redis(inject('redisUrl'));
const prefix = `restart-${Math.random().toString(36).slice(2, 8)}`;
const keys = createKeys(prefix);
const endpoint = new LocalEndpoint(503);
const delivery = { attempts: 50, baseDelayMs: 50, maxDelayMs: 200 };
const loaded = parsePolicyDocument(`
policies: [{ id: p, targets: { firstResponse: 15m } }]
alerting:
  # The rate limit counts every attempt: out of the way of this test's retries.
  receivers: [{ id: hook, type: webhook, urlEnv: HOOK_URL, ratePerMinute: 100000 }]
  route: { receivers: [hook] }
`);
if (!loaded.ok) throw new Error('test policies');
let url: string;
const notifier = () =>
  createNotifier({
    redis,
    keys,
    settings: loaded.policySet.alerting,
    env: { HOOK_URL: url },
    delivery,
    log: createLogger('test', 'silent'),
  });

beforeAll(async () => {
  url = await endpoint.listen('/hook');
});
afterAll(async () => {
  endpoint.close();
  await deleteKeysByPrefix(redis, `{${prefix}:`);
  await redis.quit();
});

describe('a notifier restarted while its receiver is down', () => {
  it('delivers every notification once the receiver is back, each accepted once', async () => {
    const queue = new NotificationQueue(redis, keys, delivery);
    const sent: Notification[] = Array.from({ length: 20 }, () => {
      const n = breachNotification();
      return { ...n, receiver: 'hook', id: `${n.id}-restart` };
    });
    await queue.enqueue(sent, Date.now());
    const first = notifier();
    await first.start();
    await waitFor('retries while down', () => endpoint.got.length >= 40);
    await first.stop();
    // Back up, and a new alerter process takes over the queue.
    endpoint.fallback = 200;
    const second = notifier();
    await second.start();
    const accepted = () =>
      endpoint.got
        .filter((_, i) => endpoint.statuses[i] === 200)
        .map((g) => (JSON.parse(g.body) as NotificationBody).id);
    await waitFor('every notification accepted', () => new Set(accepted()).size === sent.length);
    await new Promise((r) => setTimeout(r, 300));
    expect(accepted().sort()).toEqual(sent.map((n) => n.id).sort());
    await second.stop();
    await queue.close();
  }, 30_000);
});
