import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../e2e/support/wait-until.js';
import { startRedis, type RedisServer } from '../harness/index.js';
import { startFaultStack, type FaultStack } from './support/fault-stack.js';
import { faultSeed } from './support/fault-seed.js';
import { floorStream } from './support/floor-stream.js';
import {
  expectBreachesDelivered,
  expectViewsEqual,
  referenceOf,
} from './support/reference-check.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

describe('the alerter SIGKILLed mid-delivery, with a slow receiver', () => {
  let redis: RedisServer;
  let receiver: WebhookReceiver;
  let stack: FaultStack;

  beforeAll(async () => {
    redis = await startRedis();
    // 300 ms an answer: with 50 deliveries in flight, a kill always cuts some short.
    receiver = await WebhookReceiver.start({ delayMs: 300 });
    stack = await startFaultStack('kill-alerter', { redisUrl: redis.url, hookUrl: receiver.url });
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
    await redis?.stop();
  });

  it('delivers each notification at least once, and loses none', async () => {
    const stream = floorStream(faultSeed('alerter SIGKILL'), 20);
    const ref = referenceOf(stream, stack.policies);
    await stack.start('tracker');
    await stack.produce(stream.events);
    await stack.waitCommitted(120_000);
    // Every notification is queued before the alerter starts delivering them.
    const queued = (await stack.deliveries()).notDone;
    expect(queued).toBeGreaterThan(150);
    let alerter = await stack.start('alerter');
    // Three kills, at 20%, 45% and 70% of the deliveries: those in flight are cut before
    // their answer, so their jobs stay active under a lock no one renews.
    for (const share of [0.2, 0.45, 0.7]) {
      await waitUntil(
        () => receiver.received.length >= queued * share,
        60_000,
        `${share * 100}% of the deliveries`,
      );
      alerter.child.kill('SIGKILL');
      expect((await alerter.exited).signal).toBe('SIGKILL');
      alerter = await stack.start('alerter');
    }
    const restarted = performance.now();
    await waitUntil(
      async () => (await stack.deliveries()).notDone === 0,
      180_000,
      'every delivery job to complete',
    );
    const recoveryMs = performance.now() - restarted;
    const { completed } = await stack.deliveries();
    const counts = receiver.counts();
    expect(completed.filter((id) => !counts.has(id))).toEqual([]);
    // Nothing arrived that was not queued.
    expect([...counts.keys()].filter((id) => !completed.includes(id))).toEqual([]);
    await expectViewsEqual(stack.store, ref, stack.policies);
    await expectBreachesDelivered(ref, stack.alerts, receiver, 60_000);
    const repeats = [...counts.values()].filter((n) => n > 1).length;
    console.log(
      `alerter SIGKILL x3 (slow receiver, 300 ms): ${completed.length} notifications, all ` +
        `delivered; ${repeats} delivered twice or more (cut short by a kill); the last ` +
        `restart to every job done: ${(recoveryMs / 1000).toFixed(1)} s; ` +
        `${ref.breaches.size} breaches of the reference on sla.alerts and at the webhook`,
    );
  });
});
