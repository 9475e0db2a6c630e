import { describe, expect, it } from 'vitest';
import { waitUntil } from '../e2e/support/wait-until.js';
import { faultSeed } from './support/fault-seed.js';
import { floorStream } from './support/floor-stream.js';
import {
  expectBreachesDelivered,
  expectViewsEqual,
  referenceOf,
} from './support/reference-check.js';
import { useFaultStack } from './support/use-fault-stack.js';

describe('Redis restarted with AOF mid-stream', () => {
  const rig = useFaultStack('aof-restart', { redis: { persistence: 'aof' } });

  it('the tracker and alerter ride it out: views equal simulate, every breach delivered', async () => {
    const stream = floorStream(faultSeed('Redis AOF restart'), 20);
    const ref = referenceOf(stream, rig.stack.policies);
    const tracker = await rig.stack.start('tracker');
    const alerter = await rig.stack.start('alerter');
    const half = Math.floor(stream.events.length / 2);
    await rig.stack.produce(stream.events.slice(0, half));
    // Restarted once the tracker is folding the first half, while the second is produced.
    const before = await rig.stack.committedCount();
    await waitUntil(async () => (await rig.stack.committedCount()) > before, 60_000, 'a commit');
    const pid = rig.redis.pid;
    const down = performance.now();
    const restarting = rig.redis.restart();
    await rig.stack.produce(stream.events.slice(half));
    await restarting;
    expect(rig.redis.pid).not.toBe(pid);
    const restarted = performance.now();
    const downMs = restarted - down;
    await rig.stack.waitCommitted(120_000);
    const recoveryMs = performance.now() - restarted;
    await expectViewsEqual(rig.stack.store, ref, rig.stack.policies);
    await expectBreachesDelivered(ref, rig.stack.alerts, rig.receiver, 60_000);
    // Neither process gave up: both are still running.
    expect(tracker.child.exitCode).toBeNull();
    expect(alerter.child.exitCode).toBeNull();
    const repeats = [...rig.receiver.counts().values()].filter((n) => n > 1).length;
    console.log(
      `Redis AOF restart: ${stream.events.length} events, ${ref.views.size} tickets, ` +
        `${ref.breaches.size} breaches; Redis down ${(downMs / 1000).toFixed(1)} s; every event committed ${(recoveryMs / 1000).toFixed(1)} s ` +
        `after Redis was back; ${rig.receiver.received.length} webhook deliveries, ${repeats} repeated`,
    );
  });
});
