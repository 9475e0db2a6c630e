import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
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

const OUTAGE_MS = 5 * 60_000;
/**
 * Retries wait at most 15 s here (SLAWATCH_DELIVERY_MAX_DELAY), with attempts enough to
 * outlast the outage; a resolve waits for its trigger, so the queue drains in a few waits.
 * With the default 5-minute wait the last delivery came 378 s after the receiver was back.
 */
const DELIVERY = { SLAWATCH_DELIVERY_MAX_DELAY: '15000', SLAWATCH_DELIVERY_ATTEMPTS: '60' };
const AFTER_MS = 3 * 60_000;

describe('a webhook receiver down for 5 minutes', () => {
  let redis: RedisServer;
  let receiver: WebhookReceiver;
  let stack: FaultStack;

  beforeAll(async () => {
    redis = await startRedis();
    receiver = await WebhookReceiver.start();
    stack = await startFaultStack('receiver-down', {
      redisUrl: redis.url,
      hookUrl: receiver.url,
      env: DELIVERY,
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
    await redis?.stop();
  });

  it(
    'gets everything after it is back, each notification once by id, none dead-lettered',
    { timeout: OUTAGE_MS + AFTER_MS + 120_000 },
    async () => {
      const stream = floorStream(faultSeed('receiver down 5 min'), 10);
      const ref = referenceOf(stream, stack.policies);
      await receiver.down();
      const down = performance.now();
      await stack.start('tracker');
      await stack.start('alerter');
      await stack.produce(stream.events);
      await stack.waitCommitted(120_000);
      await expectViewsEqual(stack.store, ref, stack.policies);
      const queued = (await stack.deliveries()).notDone;
      expect(queued).toBeGreaterThan(50);
      const progress = setInterval(
        () =>
          void stack
            .jobCounts()
            .then((c) => console.log(`${Math.round((performance.now() - down) / 1000)} s`, c)),
        60_000,
      );
      onTestFinished(() => clearInterval(progress));
      await new Promise((r) => setTimeout(r, OUTAGE_MS - (performance.now() - down)));
      expect(receiver.received).toEqual([]);
      expect((await stack.deliveries()).completed).toEqual([]);
      await receiver.up();
      const up = performance.now();
      await waitUntil(
        async () => (await stack.deliveries()).notDone === 0,
        AFTER_MS,
        'every delivery job to complete after the outage',
      ).catch(async (error: Error) => {
        const counts = await stack.jobCounts();
        throw new Error(`${error.message}: jobs ${JSON.stringify(counts)}`);
      });
      const caughtUpMs = performance.now() - up;
      const { completed } = await stack.deliveries();
      expect(completed).toHaveLength(queued);
      const counts = receiver.counts();
      expect([...counts.keys()].sort()).toEqual([...completed].sort());
      expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
      await expectBreachesDelivered(ref, stack.alerts, receiver, 10_000);
      console.log(
        `receiver down ${OUTAGE_MS / 60_000} min: ${queued} notifications held, all delivered ` +
          `once each ${(caughtUpMs / 1000).toFixed(0)} s after it came back; ` +
          `${ref.breaches.size} breaches of the reference among them; none dead-lettered`,
      );
    },
  );
});
