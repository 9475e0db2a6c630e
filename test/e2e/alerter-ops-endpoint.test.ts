import { describe, expect, it } from 'vitest';
import { freePort, promtoolCheck } from '../harness/index.js';
import { breachEnv, createdNow, useBreachRig } from './support/breach-rig.js';
import { parseSamples, sumOf } from './support/prometheus-text.js';
import { startService, waitForOutput } from './support/service-process.js';
import { waitUntil } from './support/wait-until.js';

describe('slawatch run alerter: the ops endpoint', () => {
  const rig = useBreachRig('alerter-ops-test');

  it('answers probes and counts the timers fired at a deadline, their lateness and the deliveries; a second process on its port runs on without one', async () => {
    const env = breachEnv('alerter-ops', rig.hook.url);
    const topic = env.SLAWATCH_TOPIC;
    const port = await freePort();
    const alerter = startService('alerter', { ...env, SLAWATCH_OPS_PORT: String(port) });
    rig.running.push(alerter);
    await waitForOutput(alerter, 'ops endpoint listening', 20_000);
    // The tracker sets the timers. Given the alerter's port, as two processes side by side
    // with the default would be, it runs on without an endpoint of its own.
    const tracker = startService('tracker', { ...env, SLAWATCH_OPS_PORT: String(port) });
    rig.running.push(tracker);
    const base = `http://127.0.0.1:${port}`;
    const scrape = async () => parseSamples(await (await fetch(`${base}/metrics`)).text());

    await waitForOutput(alerter, 'notifier delivering', 20_000);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { redis: 'ok', worker: 'ok', notifier: 'ok' },
    });
    let samples = await scrape();
    expect(sumOf(samples, 'slawatch_alerter_timers_fired_total')).toBe(0);
    expect(sumOf(samples, 'slawatch_alerter_deliveries_total', { receiver: 'hook' })).toBe(0);
    expect(samples.filter((s) => s.name === 'slawatch_alerter_deliveries_total')).toHaveLength(3);

    await waitForOutput(tracker, 'tracker consuming', 30_000);
    expect(tracker.output()).toContain('ops endpoint: port in use');
    await rig.producer.send({ topic, messages: [createdNow('AO-1')] });
    await waitUntil(
      async () =>
        sumOf(await scrape(), 'slawatch_alerter_deliveries_total', {
          receiver: 'hook',
          outcome: 'delivered',
        }) >= 1,
      20_000,
      'the breach to be delivered',
    );
    samples = await scrape();
    expect(sumOf(samples, 'slawatch_alerter_timers_fired_total')).toBeGreaterThanOrEqual(1);
    expect(sumOf(samples, 'slawatch_alerter_timer_lateness_seconds_count')).toBe(
      sumOf(samples, 'slawatch_alerter_timers_fired_total'),
    );
    expect(sumOf(samples, 'slawatch_alerter_due_timers')).toBe(0);
    expect(sumOf(samples, 'slawatch_build_info', { service: 'alerter' })).toBe(1);
    expect(await promtoolCheck(await (await fetch(`${base}/metrics`)).text())).toBe('');

    for (const p of [alerter, tracker]) p.child.kill('SIGTERM');
    expect(await alerter.exited).toEqual({ code: 0, signal: null });
    expect(await tracker.exited).toEqual({ code: 0, signal: null });
  });
});
