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

describe('the alerter SIGKILLed mid-delivery, with a slow receiver', () => {
  // 300 ms an answer: with 50 deliveries in flight, a kill always cuts some short.
  const rig = useFaultStack('kill-alerter', { receiver: { delayMs: 300 } });

  it('delivers each notification at least once, and loses none', async () => {
    const stream = floorStream(faultSeed('alerter SIGKILL'), 20);
    const ref = referenceOf(stream, rig.stack.policies);
    await rig.stack.start('tracker');
    await rig.stack.produce(stream.events);
    await rig.stack.waitCommitted(120_000);
    // Every notification is queued before the alerter starts delivering them.
    const queued = (await rig.stack.deliveries()).notDone;
    expect(queued).toBeGreaterThan(150);
    let alerter = await rig.stack.start('alerter');
    // Three kills, at 20%, 45% and 70% of the deliveries: those in flight are cut before
    // their answer, so their jobs stay active under a lock no one renews.
    for (const share of [0.2, 0.45, 0.7]) {
      await waitUntil(
        () => rig.receiver.received.length >= queued * share,
        60_000,
        `${share * 100}% of the deliveries`,
      );
      alerter.child.kill('SIGKILL');
      expect((await alerter.exited).signal).toBe('SIGKILL');
      alerter = await rig.stack.start('alerter');
    }
    const restarted = performance.now();
    await waitUntil(
      async () => (await rig.stack.deliveries()).notDone === 0,
      180_000,
      'every delivery job to complete',
    );
    const recoveryMs = performance.now() - restarted;
    const { completed } = await rig.stack.deliveries();
    const counts = rig.receiver.counts();
    expect(completed.filter((id) => !counts.has(id))).toEqual([]);
    // Nothing arrived that was not queued.
    expect([...counts.keys()].filter((id) => !completed.includes(id))).toEqual([]);
    await expectViewsEqual(rig.stack.store, ref, rig.stack.policies);
    await expectBreachesDelivered(ref, rig.stack.alerts, rig.receiver, 60_000);
    const repeats = [...counts.values()].filter((n) => n > 1).length;
    console.log(
      `alerter SIGKILL x3 (slow receiver, 300 ms): ${completed.length} notifications, all ` +
        `delivered; ${repeats} delivered twice or more (cut short by a kill); the last ` +
        `restart to every job done: ${(recoveryMs / 1000).toFixed(1)} s; ` +
        `${ref.breaches.size} breaches of the reference on sla.alerts and at the webhook`,
    );
  });
});
