import { describe, expect, it } from 'vitest';
import { NotificationLog } from '@slawatch/store';
import { webhookSignature, type NotificationBody } from '../src/index.js';
import { useNotifier, waitFor } from './notifier-fixture.js';

const SECRET = 'hmac-secret';
const f = useNotifier({
  receiver: 'hook',
  delivery: { attempts: 4, baseDelayMs: 50, maxDelayMs: 200 },
  env: { HOOK_SECRET: SECRET },
  alertingYaml: `
  ticketUrl: https://help.example.com/t/{ticketId}
  receivers: [{ id: hook, type: webhook, urlEnv: RECEIVER_URL, secretEnv: HOOK_SECRET }]
  route: { receivers: [hook] }
`,
});
const { endpoint } = f;
const notification = f.notification;
/** The first test's ticket: delivered once, with nothing after it that could race a read. */
let single = '';

describe('webhook delivery', () => {
  it('posts the alert as signed JSON with its idempotency key', async () => {
    const sent = notification();
    single = sent.ticketId;
    await f.queue.enqueue([sent], Date.now());
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
    await f.queue.enqueue([once], Date.now());
    await f.queue.enqueue([once], Date.now());
    await waitFor('the delivery', () => endpoint.got.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(endpoint.json<NotificationBody>().map((b) => b.id)).toEqual([once.id]);
  });

  it('retries a receiver that fails, with backoff, until it answers', async () => {
    endpoint.got.length = 0;
    endpoint.answers = [503, 500, 200];
    const flaky = notification();
    await f.queue.enqueue([flaky], Date.now());
    await waitFor('three attempts', () => endpoint.got.length === 3);
    expect(new Set(endpoint.json<NotificationBody>().map((b) => b.id))).toEqual(
      new Set([flaky.id]),
    );
    // Backed off: the retries came later than an immediate resend would.
    expect(endpoint.got[2]!.at - endpoint.got[0]!.at).toBeGreaterThanOrEqual(25 + 50);
    await waitFor('the count', () => (f.notifier.stats.get('hook')?.retried ?? 0) >= 2);
  });

  it('gives up at once on a refusal, and keeps the notification with its last error', async () => {
    endpoint.got.length = 0;
    endpoint.answers = [400];
    const refused = notification();
    await f.queue.enqueue([refused], Date.now());
    await waitFor('the dead letter', () => (f.notifier.stats.get('hook')?.dead ?? 0) === 1);
    expect(endpoint.got).toHaveLength(1);
    const failed = await f.queue.queue('hook').getFailed();
    const dead = failed.find((j) => j.data.id === refused.id)!;
    expect(dead.failedReason).toBe('the webhook answered 400: nope');
  });

  it('holds a notification until its delivery time (quiet hours)', async () => {
    endpoint.got.length = 0;
    const held = notification({ deliverAt: Date.now() + 600 });
    const queuedAt = Date.now();
    await f.queue.enqueue([held], queuedAt);
    await waitFor('the delivery', () => endpoint.got.length === 1);
    expect(endpoint.got[0]!.at - queuedAt).toBeGreaterThanOrEqual(550);
  });

  it('never lets a resolve overtake its trigger', async () => {
    endpoint.got.length = 0;
    const trigger = notification({ deliverAt: Date.now() + 400 });
    const resolve = { ...trigger, action: 'resolve' as const, id: `${trigger.id}/resolve` };
    await f.queue.enqueue([resolve], Date.now());
    await f.queue.enqueue([trigger], Date.now());
    await waitFor('both', () => endpoint.got.length >= 2);
    expect(endpoint.json<NotificationBody>().map((b) => b.action)).toEqual(['trigger', 'resolve']);
  });

  it('records each delivery for the gateway, and counts them by receiver and outcome', async () => {
    const log = new NotificationLog(f.redis, f.keys);
    const recent = await log.recent(50);
    expect(
      recent.some((r) => r.outcome === 'dead' && r.error === 'the webhook answered 400: nope'),
    ).toBe(true);
    const delivered = recent.filter((r) => r.ticketId === single);
    expect(delivered.map((r) => r.outcome)).toEqual(['delivered']);
    expect(await log.forTicket(single)).toEqual(delivered);
    const counts = await f.redis.hgetall(f.keys.series);
    expect(Number(counts['ndelivered|"hook"'])).toBeGreaterThanOrEqual(4);
    expect(Number(counts['nretried|"hook"'])).toBeGreaterThanOrEqual(2);
    expect(Number(counts['ndead|"hook"'])).toBe(1);
  });
});
