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

const OUTAGE_MS = 5 * 60_000;
/**
 * Retries wait at most 15 s here (SLAWATCH_DELIVERY_MAX_DELAY), with attempts enough to
 * outlast the outage; a resolve waits for its trigger, so the queue drains in a few waits.
 * With the default 5-minute wait the last delivery came 378 s after the receiver was back.
 */
const DELIVERY = { SLAWATCH_DELIVERY_MAX_DELAY: '15000', SLAWATCH_DELIVERY_ATTEMPTS: '60' };
const AFTER_MS = 3 * 60_000;

describe('a webhook receiver down for 5 minutes', () => {
  const rig = useFaultStack('receiver-down', { env: DELIVERY });

  it(
    'gets everything after it is back, each notification once by id, none dead-lettered',
    { timeout: OUTAGE_MS + AFTER_MS + 120_000 },
    async () => {
      const stream = floorStream(faultSeed('receiver down 5 min'), 10);
      const ref = referenceOf(stream, rig.stack.policies);
      await rig.receiver.down();
      const down = performance.now();
      await rig.stack.start('tracker');
      await rig.stack.start('alerter');
      await rig.stack.produce(stream.events);
      await rig.stack.waitCommitted(120_000);
      await expectViewsEqual(rig.stack.store, ref, rig.stack.policies);
      const queued = (await rig.stack.deliveries()).notDone;
      expect(queued).toBeGreaterThan(50);
      await new Promise((r) => setTimeout(r, OUTAGE_MS - (performance.now() - down)));
      expect(rig.receiver.received).toEqual([]);
      expect((await rig.stack.deliveries()).completed).toEqual([]);
      await rig.receiver.up();
      const up = performance.now();
      await waitUntil(
        async () => (await rig.stack.deliveries()).notDone === 0,
        AFTER_MS,
        'every delivery job to complete after the outage',
      ).catch(async (error: Error) => {
        const counts = await rig.stack.jobCounts();
        throw new Error(`${error.message}: jobs ${JSON.stringify(counts)}`);
      });
      const caughtUpMs = performance.now() - up;
      const { completed } = await rig.stack.deliveries();
      expect(completed).toHaveLength(queued);
      const counts = rig.receiver.counts();
      expect([...counts.keys()].sort()).toEqual([...completed].sort());
      expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
      await expectBreachesDelivered(ref, rig.stack.alerts, rig.receiver, 10_000);
      console.log(
        `receiver down ${OUTAGE_MS / 60_000} min: ${queued} notifications held, all delivered ` +
          `once each ${(caughtUpMs / 1000).toFixed(0)} s after it came back; ` +
          `${ref.breaches.size} breaches of the reference among them; none dead-lettered`,
      );
    },
  );
});
