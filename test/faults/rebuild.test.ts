import { describe, expect, it } from 'vitest';
import { DIMENSIONS } from '@slawatch/core';
import { event } from '../e2e/support/events.js';
import { type StackProcess } from './support/fault-stack.js';
import { faultSeed } from './support/fault-seed.js';
import { floorStream } from './support/floor-stream.js';
import {
  expectBreachesDelivered,
  expectViewsEqual,
  referenceOf,
} from './support/reference-check.js';
import { waitUntil } from '../e2e/support/wait-until.js';
import { useFaultStack } from './support/use-fault-stack.js';

describe('Redis wiped, then slawatch rebuild', () => {
  const rig = useFaultStack('rebuild');

  /** Every window of every dimension, and the Prometheus series, as of `at`. */
  const metricsAt = async (at: number) => ({
    windows: await Promise.all(
      rig.stack.policies.metrics.windows.flatMap((w) =>
        DIMENSIONS.map((dimension) => rig.stack.metrics.query({ windowMs: w.ms, dimension }, at)),
      ),
    ),
    series: Object.fromEntries(
      Object.entries(await rig.stack.metrics.series.read()).map(([k, v]) => [
        k,
        // In the order Redis keeps the hash fields, which depends on when each was added.
        Array.isArray(v) ? v.map((x) => JSON.stringify(x)).sort() : v,
      ]),
    ),
  });

  const stopGracefully = async (p: StackProcess) => {
    p.child.kill('SIGTERM');
    expect((await p.exited).code).toBe(0);
  };

  it('replays the topic from the beginning: views and metrics come back equal, and nothing is announced again', async () => {
    const seed = faultSeed('rebuild');
    const stream = floorStream(seed, 20);
    const ref = referenceOf(stream, rig.stack.policies);
    let tracker = await rig.stack.start('tracker');
    let alerter = await rig.stack.start('alerter');
    await rig.stack.produce(stream.events);
    await rig.stack.waitCommitted(120_000);
    await expectViewsEqual(rig.stack.store, ref, rig.stack.policies);
    await expectBreachesDelivered(ref, rig.stack.alerts, rig.receiver, 60_000);
    const at = Date.now();
    const before = await metricsAt(at);
    expect(before.series.counts).not.toEqual([]);
    // Resolves wait for their triggers' delivery: let every first delivery land before the
    // count, or one landing after it would read as a repeat.
    await waitUntil(
      async () => (await rig.stack.deliveries()).notDone === 0,
      60_000,
      'every notification delivered before the wipe',
    );
    const announced = { alerts: rig.stack.alerts.length, deliveries: rig.receiver.received.length };

    // The operator's procedure: stop the services, rebuild, start them again. Their
    // consumer group's offsets live in Kafka, so the tracker resumes where it was.
    await stopGracefully(tracker);
    await stopGracefully(alerter);
    await rig.stack.redis.flushall();
    expect(await rig.stack.redis.dbsize()).toBe(0);
    const started = performance.now();
    const run = await rig.stack.rebuild();
    const rebuildMs = performance.now() - started;
    expect(run.stderr).toContain(`${stream.events.length}/${stream.events.length} messages`);
    expect(run.stdout).toMatch(
      new RegExp(`^rebuilt ${ref.views.size} tickets from ${stream.events.length} events`),
    );
    expect(run.code).toBe(0);

    await expectViewsEqual(rig.stack.store, ref, rig.stack.policies);
    expect(await metricsAt(at)).toEqual(before);

    // Back to service: a new ticket goes through the pipeline; the replay's transitions
    // were not produced or delivered again.
    tracker = await rig.stack.start('tracker');
    alerter = await rig.stack.start('alerter');
    const marker = floorStream(seed + 1, 1, 1);
    await rig.stack.produce(marker.events);
    await rig.stack.waitCommitted(60_000);
    await expectViewsEqual(
      rig.stack.store,
      referenceOf(marker, rig.stack.policies),
      rig.stack.policies,
    );
    const replayedAlerts = rig.stack.alerts
      .slice(announced.alerts)
      .filter((a) => ref.views.has(a.data.ticketId));
    const replayedDeliveries = rig.receiver.received
      .slice(announced.deliveries)
      .filter((b) => ref.views.has(b.alert.ticketId));
    expect(replayedAlerts).toEqual([]);
    expect(replayedDeliveries).toEqual([]);
    console.log(
      `rebuild: ${stream.events.length} events, ${ref.views.size} tickets rebuilt in ` +
        `${(rebuildMs / 1000).toFixed(1)} s (process start to exit); views and ` +
        `${before.windows.length} metric reports equal; 0 alerts or deliveries repeated\n${run.stdout}`,
    );
    await stopGracefully(tracker);
    await stopGracefully(alerter);
  });

  it('with --from replays only what was written since then', async () => {
    const seed = faultSeed('rebuild --from');
    const first = floorStream(seed, 3, 1);
    const second = floorStream(seed + 1, 3, 1);
    await rig.stack.produce(first.events);
    // Kafka's message timestamps are the producer's clock, in ms: leave one between.
    await new Promise((r) => setTimeout(r, 10));
    const from = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 10));
    await rig.stack.produce(second.events);
    // Dated past SLAWATCH_MAX_EVENT_FUTURE (a day) after it was written: the tracker
    // dead-letters it, so the replay skips it too.
    const future = event('FUTURE-1', Date.now() + 2 * 86_400_000, 'ticket.created', {
      priority: 'high',
      channel: 'email',
    });
    await rig.stack.produce([future]);
    await rig.stack.redis.flushall();
    const run = await rig.stack.rebuild(['--from', from]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`from ${second.events.length} events`);
    expect(run.stdout).toContain('1 invalid skipped');
    expect(run.stdout).toMatch(new RegExp(`; \\d+ written before ${from} skipped`));
    await expectViewsEqual(
      rig.stack.store,
      referenceOf(second, rig.stack.policies),
      rig.stack.policies,
    );
    const earlier = [...referenceOf(first, rig.stack.policies).views.keys()];
    const records = await rig.stack.store.load([...earlier, 'FUTURE-1']);
    expect([...records.values()].filter((r) => r.version > 0)).toEqual([]);
  });
});
