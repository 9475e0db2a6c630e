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

describe('Redis restarted with AOF mid-stream', () => {
  let redis: RedisServer;
  let receiver: WebhookReceiver;
  let stack: FaultStack;

  beforeAll(async () => {
    redis = await startRedis({ persistence: 'aof' });
    receiver = await WebhookReceiver.start();
    stack = await startFaultStack('aof-restart', { redisUrl: redis.url, hookUrl: receiver.url });
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
    await redis?.stop();
  });

  it('the tracker and alerter ride it out: views equal simulate, every breach delivered', async () => {
    const stream = floorStream(faultSeed('Redis AOF restart'), 20);
    const ref = referenceOf(stream, stack.policies);
    const tracker = await stack.start('tracker');
    const alerter = await stack.start('alerter');
    const half = Math.floor(stream.events.length / 2);
    await stack.produce(stream.events.slice(0, half));
    // Restarted once the tracker is folding the first half, while the second is produced.
    const before = await stack.committedCount();
    await waitUntil(async () => (await stack.committedCount()) > before, 60_000, 'a commit');
    const pid = redis.pid;
    const down = performance.now();
    const restarting = redis.restart();
    await stack.produce(stream.events.slice(half));
    await restarting;
    expect(redis.pid).not.toBe(pid);
    const restarted = performance.now();
    const downMs = restarted - down;
    await stack.waitCommitted(120_000);
    const recoveryMs = performance.now() - restarted;
    await expectViewsEqual(stack.store, ref, stack.policies);
    await expectBreachesDelivered(ref, stack.alerts, receiver, 60_000);
    // Neither process gave up: both are still running.
    expect(tracker.child.exitCode).toBeNull();
    expect(alerter.child.exitCode).toBeNull();
    const repeats = [...receiver.counts().values()].filter((n) => n > 1).length;
    console.log(
      `Redis AOF restart: ${stream.events.length} events, ${ref.views.size} tickets, ` +
        `${ref.breaches.size} breaches; Redis down ${(downMs / 1000).toFixed(1)} s; every event committed ${(recoveryMs / 1000).toFixed(1)} s ` +
        `after Redis was back; ${receiver.received.length} webhook deliveries, ${repeats} repeated`,
    );
  });
});
