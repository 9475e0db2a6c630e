import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { parsePolicyDocument, type Notification } from '@slawatch/core';
import { createKeys, NotificationLog, NotificationQueue } from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import { deleteKeysByPrefix } from '@slawatch/test';
import {
  createNotifier,
  webhookSignature,
  type NotificationBody,
  type Notifier,
} from '../src/index.js';
import { breachNotification, LocalEndpoint } from './receiver-fixtures.js';

const waitFor = async (what: string, ok: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const redis = new Redis(inject('redisUrl'));
const prefix = `notify-${Math.random().toString(36).slice(2, 8)}`;
const keys = createKeys(prefix);
const endpoint = new LocalEndpoint();
const SECRET = 'hmac-secret';
const delivery = { attempts: 4, baseDelayMs: 50, maxDelayMs: 200 };
let notifier: Notifier;
let queue: NotificationQueue;

const loaded = parsePolicyDocument(`
policies: [{ id: p, targets: { firstResponse: 15m } }]
alerting:
  ticketUrl: https://help.example.com/t/{ticketId}
  receivers: [{ id: hook, type: webhook, urlEnv: HOOK_URL, secretEnv: HOOK_SECRET }]
  route: { receivers: [hook] }
`);
if (!loaded.ok) throw new Error('test policies');

const notification = (over: Partial<Notification> = {}): Notification => {
  const n = breachNotification(over);
  return { ...n, id: n.id.replace(/\/r$/, '/hook'), receiver: 'hook', ...over };
};

beforeAll(async () => {
  const url = await endpoint.listen('/hook');
  queue = new NotificationQueue(redis, keys, delivery);
  notifier = createNotifier({
    redis,
    keys,
    settings: loaded.policySet.alerting,
    env: { HOOK_URL: url, HOOK_SECRET: SECRET },
    delivery,
    log: createLogger('test', 'silent'),
  });
  await notifier.start();
});

afterAll(async () => {
  await notifier?.stop();
  await queue?.close();
  endpoint.close();
  await deleteKeysByPrefix(redis, `{${prefix}:n}`);
  await deleteKeysByPrefix(redis, `{${prefix}:m}`);
  await redis.quit();
});

describe('webhook delivery', () => {
  it('posts the alert as signed JSON with its idempotency key', async () => {
    const sent = notification();
    await queue.enqueue([sent], Date.now());
    await waitFor('the delivery', () => endpoint.got.length === 1);
    const [got] = endpoint.got;
    const body = JSON.parse(got!.body) as NotificationBody;
    expect(body).toMatchObject({
      id: sent.id,
      action: 'trigger',
      alert: {
        key: sent.alertKey,
        level: 'breach',
        ticketId: sent.ticketId,
        clock: 'firstResponse',
        team: 'emea',
        deadline: '2026-11-23T09:15:00Z',
        url: `https://help.example.com/t/${sent.ticketId}`,
      },
    });
    expect(got!.headers['idempotency-key']).toBe(sent.id);
    const t = /^t=(\d+),/.exec(String(got!.headers['slawatch-signature']))![1]!;
    expect(got!.headers['slawatch-signature']).toBe(webhookSignature(SECRET, got!.body, Number(t)));
    expect(webhookSignature('another secret', got!.body, Number(t))).not.toBe(
      got!.headers['slawatch-signature'],
    );
  });

  it('adds a notification once however often it is queued (a replayed batch)', async () => {
    endpoint.got.length = 0;
    const once = notification();
    await queue.enqueue([once], Date.now());
    await queue.enqueue([once], Date.now());
    await waitFor('the delivery', () => endpoint.got.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(endpoint.json<NotificationBody>().map((b) => b.id)).toEqual([once.id]);
  });

  it('retries a receiver that fails, with backoff, until it answers', async () => {
    endpoint.got.length = 0;
    endpoint.answers = [503, 500, 200];
    const flaky = notification();
    await queue.enqueue([flaky], Date.now());
    await waitFor('three attempts', () => endpoint.got.length === 3);
    expect(new Set(endpoint.json<NotificationBody>().map((b) => b.id))).toEqual(
      new Set([flaky.id]),
    );
    // Backed off: the retries came later than an immediate resend would.
    expect(endpoint.got[2]!.at - endpoint.got[0]!.at).toBeGreaterThanOrEqual(25 + 50);
    await waitFor('the count', () => (notifier.stats.get('hook')?.retried ?? 0) >= 2);
  });

  it('gives up at once on a refusal, and keeps the notification with its last error', async () => {
    endpoint.got.length = 0;
    endpoint.answers = [400];
    const refused = notification();
    await queue.enqueue([refused], Date.now());
    await waitFor('the dead letter', () => (notifier.stats.get('hook')?.dead ?? 0) === 1);
    expect(endpoint.got).toHaveLength(1);
    const failed = await queue.queue('hook').getFailed();
    const dead = failed.find((j) => j.data.id === refused.id)!;
    expect(dead.failedReason).toBe('the webhook answered 400: nope');
  });

  it('holds a notification until its delivery time (quiet hours)', async () => {
    endpoint.got.length = 0;
    const held = notification({ deliverAt: Date.now() + 600 });
    const queuedAt = Date.now();
    await queue.enqueue([held], queuedAt);
    await waitFor('the delivery', () => endpoint.got.length === 1);
    expect(endpoint.got[0]!.at - queuedAt).toBeGreaterThanOrEqual(550);
  });

  it('never lets a resolve overtake its trigger', async () => {
    endpoint.got.length = 0;
    const trigger = notification({ deliverAt: Date.now() + 400 });
    const resolve = { ...trigger, action: 'resolve' as const, id: `${trigger.id}/resolve` };
    await queue.enqueue([resolve], Date.now());
    await queue.enqueue([trigger], Date.now());
    await waitFor('both', () => endpoint.got.length >= 2);
    expect(endpoint.json<NotificationBody>().map((b) => b.action)).toEqual(['trigger', 'resolve']);
  });

  it('records each delivery for the gateway, and counts them by receiver and outcome', async () => {
    const log = new NotificationLog(redis, keys);
    const recent = await log.recent(50);
    expect(
      recent.some((r) => r.outcome === 'dead' && r.error === 'the webhook answered 400: nope'),
    ).toBe(true);
    const delivered = recent.find((r) => r.outcome === 'delivered')!;
    expect(await log.forTicket(delivered.ticketId)).toEqual([delivered]);
    const counts = await redis.hgetall(keys.series);
    expect(Number(counts['ndelivered|"hook"'])).toBeGreaterThanOrEqual(4);
    expect(Number(counts['nretried|"hook"'])).toBeGreaterThanOrEqual(2);
    expect(Number(counts['ndead|"hook"'])).toBe(1);
  });
});
