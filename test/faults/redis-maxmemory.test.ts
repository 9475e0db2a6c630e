import { describe, expect, it } from 'vitest';
import { waitForOutput } from '../e2e/support/service-process.js';
import { waitUntil } from '../e2e/support/wait-until.js';
import { faultSeed } from './support/fault-seed.js';
import { floorStream } from './support/floor-stream.js';
import {
  expectBreachesDelivered,
  expectViewsEqual,
  referenceOf,
} from './support/reference-check.js';
import { metric, readyz } from './support/tracker-rig.js';
import { useFaultStack } from './support/use-fault-stack.js';

const OOM = "OOM command not allowed when used memory > 'maxmemory'";
/** The tracker's own words for it: what it means, and what to do. */
const FULL = 'Redis is full (maxmemory reached';

describe('Redis at maxmemory (noeviction)', () => {
  const rig = useFaultStack('maxmemory', {
    redis: { args: ['--maxmemory', '64mb', '--maxmemory-policy', 'noeviction'] },
  });

  /**
   * Writes values until Redis refuses one, then smaller ones: a refused value's bytes leave
   * Redis with the command, so each size fills the room the larger one left.
   */
  const fill = async () => {
    let i = 0;
    for (const size of [1 << 20, 1 << 14, 1 << 8, 8])
      for (const value = 'x'.repeat(size); ; i++) {
        try {
          await rig.stack.redis.set(`fill:${i}`, value);
        } catch (error) {
          expect((error as Error).message).toContain(OOM);
          break;
        }
      }
    return i;
  };

  it('says Redis is full (log, /readyz, /metrics), holds its offsets back while full, and once memory is raised catches up losing nothing', async () => {
    const stream = floorStream(faultSeed('Redis maxmemory'), 20);
    const ref = referenceOf(stream, rig.stack.policies);
    const tracker = await rig.stack.start('tracker');
    await rig.stack.start('alerter');
    const filled = await fill();
    await rig.stack.produce(stream.events);
    await waitForOutput(tracker, FULL, 60_000);
    // kafkajs retries the failed batch: wait for the second refusal, and look then.
    await waitUntil(() => tracker.output().split(OOM).length > 2, 60_000, 'a retry refused');
    const committedWhileFull = await rig.stack.committedCount();
    expect(committedWhileFull).toBeLessThan(stream.events.length);
    const metrics = await (await fetch(`${tracker.opsUrl}/metrics`)).text();
    const lag = metrics
      .split('\n')
      .filter((l) => l.startsWith('slawatch_tracker_consumer_lag'))
      .reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
    expect(lag).toBeGreaterThan(0);
    expect(
      await metric(tracker.opsUrl, 'slawatch_tracker_batch_failures_total', {
        reason: 'redis_full',
      }),
    ).toBeGreaterThan(0);
    const whileFull = await readyz(tracker.opsUrl);
    expect(whileFull.status).toBe(503);
    expect(whileFull.checks.tracker).toContain(FULL);

    const freed = performance.now();
    await rig.stack.redis.config('SET', 'maxmemory', '0');
    await rig.stack.waitCommitted(120_000);
    const recoveryMs = performance.now() - freed;
    await waitUntil(
      async () => (await readyz(tracker.opsUrl)).status === 200,
      30_000,
      '/readyz 200 once Redis takes writes again',
    );
    await expectViewsEqual(rig.stack.store, ref, rig.stack.policies);
    await expectBreachesDelivered(ref, rig.stack.alerts, rig.receiver, 60_000);
    expect(tracker.child.exitCode).toBeNull();
    console.log(
      `Redis maxmemory: filled with ${filled} values; ${stream.events.length} events, ` +
        `${committedWhileFull} committed while full (lag ${lag}); every event committed ` +
        `${(recoveryMs / 1000).toFixed(1)} s after maxmemory was lifted; views equal, ` +
        `${ref.breaches.size} breaches delivered`,
    );
  });
});
