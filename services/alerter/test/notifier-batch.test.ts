import { describe, expect, it } from 'vitest';
import type { Notification } from '@slawatch/core';
import type { NotificationBody } from '../src/index.js';
import { useNotifier, waitFor } from './notifier-fixture.js';

// Notifications due together go to a receiver in batch jobs (issue 18); each must still
// reach it exactly once, triggers before their resolves, failures retried on their own.
const f = useNotifier({
  receiver: 'hook',
  delivery: { attempts: 4, baseDelayMs: 50, maxDelayMs: 200 },
  alertingYaml: `
  receivers: [{ id: hook, type: webhook, urlEnv: RECEIVER_URL, ratePerMinute: 100000 }]
  route: { receivers: [hook] }
`,
});
const { endpoint } = f;
/** The ids of the notifications the endpoint accepted (answered 2xx), in arrival order. */
const accepted = () =>
  endpoint.got
    .filter((_, i) => endpoint.statuses[i]! < 300)
    .map((g) => JSON.parse(g.body) as NotificationBody);
const settle = () => new Promise((r) => setTimeout(r, 500));

describe('batch delivery', () => {
  it('delivers a burst once each, however it is queued again and regrouped', async () => {
    endpoint.got.length = 0;
    endpoint.statuses.length = 0;
    const burst = Array.from({ length: 450 }, () => f.notification());
    const now = Date.now();
    await f.queue.enqueue(burst, now);
    // A replay of the same batch, and of its second half regrouped with a new alert.
    await f.queue.enqueue(burst, now);
    const late = f.notification();
    await f.queue.enqueue([...burst.slice(200), late], now);
    await waitFor('the burst', () => accepted().length >= burst.length + 1, 20_000);
    await settle();
    const ids = accepted().map((b) => b.id);
    expect(ids.sort()).toEqual([...burst, late].map((n) => n.id).sort());
    expect(f.notifier.stats.get('hook')).toMatchObject({ delivered: 451, retried: 0, dead: 0 });
  }, 30_000);

  it('never lets a resolve overtake its trigger, in one batch or across two', async () => {
    endpoint.got.length = 0;
    endpoint.statuses.length = 0;
    const triggers = Array.from({ length: 60 }, () => f.notification());
    const resolves = triggers.map((t): Notification => ({
      ...t,
      action: 'resolve',
      id: `${t.id}/resolve`,
    }));
    const now = Date.now();
    // The first half together in one batch; the second half's resolves queued first.
    await f.queue.enqueue([...resolves.slice(0, 30), ...triggers.slice(0, 30)], now);
    await f.queue.enqueue(resolves.slice(30), now);
    await f.queue.enqueue(triggers.slice(30), now);
    await waitFor('every alert and its resolve', () => accepted().length >= 120, 20_000);
    const order = accepted().map((b) => `${b.alert.key} ${b.action}`);
    for (const t of triggers)
      expect(order.indexOf(`${t.alertKey} trigger`)).toBeLessThan(
        order.indexOf(`${t.alertKey} resolve`),
      );
    expect(order).toHaveLength(120);
    // Counted once the worker saw them complete (the next test compares counts).
    await waitFor('the counts', () => f.notifier.stats.get('hook')!.delivered === 451 + 120);
  }, 30_000);

  it('retries what fails on its own, and keeps what is refused among the dead letters', async () => {
    endpoint.got.length = 0;
    endpoint.statuses.length = 0;
    const before = { ...f.notifier.stats.get('hook')! };
    // The first answers: two failures to retry and one refusal, whichever they go to.
    endpoint.answers = [503, 503, 400];
    const batch = Array.from({ length: 10 }, () => f.notification());
    await f.queue.enqueue(batch, Date.now());
    await waitFor('the dead letter', () => f.notifier.stats.get('hook')!.dead === before.dead + 1);
    await waitFor('the rest', () => accepted().length >= 9);
    await settle();
    const refusedAt = endpoint.statuses.indexOf(400);
    const refused = (JSON.parse(endpoint.got[refusedAt]!.body) as NotificationBody).id;
    expect(
      accepted()
        .map((b) => b.id)
        .sort(),
    ).toEqual(
      batch
        .map((n) => n.id)
        .filter((id) => id !== refused)
        .sort(),
    );
    const failed = await f.queue.queue('hook').getFailed();
    expect(failed.find((j) => j.data.id === refused)?.failedReason).toBe(
      'the webhook answered 400: nope',
    );
    // The refused one was tried once; the two that failed, twice.
    expect(endpoint.got.filter((g) => g.body.includes(refused))).toHaveLength(1);
    expect(endpoint.got).toHaveLength(12);
    await waitFor(
      'the counts',
      () => f.notifier.stats.get('hook')!.delivered >= before.delivered + 9,
    );
    expect(f.notifier.stats.get('hook')).toEqual({
      delivered: before.delivered + 9,
      retried: before.retried + 2,
      dead: before.dead + 1,
    });
  }, 30_000);
});
