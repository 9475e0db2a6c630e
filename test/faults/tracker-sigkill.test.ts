import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeded } from '../e2e/support/random-lifecycles.js';
import { waitUntil } from '../e2e/support/wait-until.js';
import { startRedis, type RedisServer } from '../harness/index.js';
import { startFaultStack, type FaultStack } from './support/fault-stack.js';
import { floorStream } from './support/floor-stream.js';
import {
  expectBreachesDelivered,
  expectViewsEqual,
  referenceOf,
} from './support/reference-check.js';
import { faultSeed } from './support/fault-seed.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

describe('the tracker SIGKILLed at 10 random points of a stream', () => {
  let redis: RedisServer;
  let receiver: WebhookReceiver;
  let stack: FaultStack;

  beforeAll(async () => {
    redis = await startRedis();
    receiver = await WebhookReceiver.start();
    stack = await startFaultStack('kill-tracker', { redisUrl: redis.url, hookUrl: receiver.url });
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
    await redis?.stop();
  });

  it('ends with the views simulate gives, every breach on sla.alerts and at the webhook', async () => {
    const seed = faultSeed('tracker SIGKILL');
    const stream = floorStream(seed, 20);
    const random = seeded(seed);
    const ref = referenceOf(stream, stack.policies);
    await stack.start('alerter');
    // Ten cut points. At each, the tracker (already in its group) is given the stream up
    // to there and killed 0-50 ms after its first commit of that slice: while it folds the
    // next batches, with some in Redis and their offsets not committed.
    const cuts = Array.from({ length: 10 }, () => Math.floor(random() * stream.events.length))
      .sort((a, b) => a - b)
      .concat(stream.events.length);
    let from = 0;
    let kills = 0;
    const firstCommitMs: number[] = [];
    for (const cut of cuts.slice(0, -1)) {
      const restarted = performance.now();
      const tracker = await stack.start('tracker');
      const before = await stack.committedCount();
      const slice = stream.events.slice(from, cut);
      await stack.produce(slice);
      from = cut;
      if (slice.length > 0) {
        await waitUntil(
          async () => (await stack.committedCount()) > before,
          60_000,
          'the tracker to commit part of the slice',
        );
        firstCommitMs.push(performance.now() - restarted);
      }
      await new Promise((r) => setTimeout(r, Math.floor(random() * 50)));
      tracker.child.kill('SIGKILL');
      expect((await tracker.exited).signal).toBe('SIGKILL');
      kills++;
    }
    expect(kills).toBe(10);
    await stack.produce(stream.events.slice(from));
    await stack.start('tracker');
    const restarted = performance.now();
    await stack.waitCommitted(120_000);
    const recoveryMs = performance.now() - restarted;
    await expectViewsEqual(stack.store, ref, stack.policies);
    await expectBreachesDelivered(ref, stack.alerts, receiver, 60_000);
    const repeats = [...receiver.counts().values()].filter((n) => n > 1).length;
    console.log(
      `tracker SIGKILL x10 (seed ${seed}): ${stream.events.length} events, ${ref.views.size} tickets, ` +
        `${ref.breaches.size} breaches; restart to first commit at most ` +
        `${(Math.max(...firstCommitMs) / 1000).toFixed(1)} s; all committed ${(recoveryMs / 1000).toFixed(1)} s after the ` +
        `last restart; ${receiver.received.length} webhook deliveries, ${repeats} ids delivered more than once`,
    );
  });
});
