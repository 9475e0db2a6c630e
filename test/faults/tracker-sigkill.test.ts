import { describe, expect, it } from 'vitest';
import { seeded } from '../e2e/support/random-lifecycles.js';
import { waitUntil } from '../e2e/support/wait-until.js';
import { floorStream } from './support/floor-stream.js';
import {
  expectBreachesDelivered,
  expectViewsEqual,
  referenceOf,
} from './support/reference-check.js';
import { faultSeed } from './support/fault-seed.js';
import { useFaultStack } from './support/use-fault-stack.js';

describe('the tracker SIGKILLed at 10 random points of a stream', () => {
  const rig = useFaultStack('kill-tracker');

  it('ends with the views simulate gives, every breach on sla.alerts and at the webhook', async () => {
    const seed = faultSeed('tracker SIGKILL');
    const stream = floorStream(seed, 20);
    const random = seeded(seed);
    const ref = referenceOf(stream, rig.stack.policies);
    await rig.stack.start('alerter');
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
      const tracker = await rig.stack.start('tracker');
      const before = await rig.stack.committedCount();
      const slice = stream.events.slice(from, cut);
      await rig.stack.produce(slice);
      from = cut;
      if (slice.length > 0) {
        await waitUntil(
          async () => (await rig.stack.committedCount()) > before,
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
    await rig.stack.produce(stream.events.slice(from));
    await rig.stack.start('tracker');
    const restarted = performance.now();
    await rig.stack.waitCommitted(120_000);
    const recoveryMs = performance.now() - restarted;
    await expectViewsEqual(rig.stack.store, ref, rig.stack.policies);
    await expectBreachesDelivered(ref, rig.stack.alerts, rig.receiver, 60_000);
    const repeats = [...rig.receiver.counts().values()].filter((n) => n > 1).length;
    console.log(
      `tracker SIGKILL x10 (seed ${seed}): ${stream.events.length} events, ${ref.views.size} tickets, ` +
        `${ref.breaches.size} breaches; restart to first commit at most ` +
        `${(Math.max(...firstCommitMs) / 1000).toFixed(1)} s; all committed ${(recoveryMs / 1000).toFixed(1)} s after the ` +
        `last restart; ${rig.receiver.received.length} webhook deliveries, ${repeats} ids delivered more than once`,
    );
  });
});
