import { describe, expect, it } from 'vitest';
import { freePort } from '../harness/index.js';
import { breachEnv, createdNow, useBreachRig } from './support/breach-rig.js';
import { parseSamples, sumOf } from './support/prometheus-text.js';
import { startService, waitForOutput } from './support/service-process.js';
import { waitUntil } from './support/wait-until.js';

describe('slawatch run notifier: deliveries in a process of their own', () => {
  const rig = useBreachRig('notifier-process-test');

  it('delivers what an alerter with SLAWATCH_ALERTER_DELIVERS=false queues, and reports its workers in /readyz and /metrics', async () => {
    const env = breachEnv('notifier', rig.hook.url);
    const topic = env.SLAWATCH_TOPIC;
    const [alerterPort, notifierPort] = [await freePort(), await freePort()];
    const alerter = startService('alerter', {
      ...env,
      SLAWATCH_ALERTER_DELIVERS: 'false',
      SLAWATCH_OPS_PORT: String(alerterPort),
    });
    const notifier = startService('notifier', { ...env, SLAWATCH_OPS_PORT: String(notifierPort) });
    const tracker = startService('tracker', { ...env, SLAWATCH_OPS_PORT: '0' });
    rig.running.push(alerter, notifier, tracker);
    await waitForOutput(notifier, 'notifier delivering', 20_000);
    await waitForOutput(alerter, 'ops endpoint listening', 20_000);
    await waitForOutput(tracker, 'tracker consuming', 30_000);

    const readyz = await fetch(`http://127.0.0.1:${notifierPort}/readyz`);
    expect(readyz.status).toBe(200);
    expect(await readyz.json()).toEqual({
      status: 'ready',
      checks: { redis: 'ok', notifier: 'ok' },
    });
    const alerterReady = await fetch(`http://127.0.0.1:${alerterPort}/readyz`);
    expect(await alerterReady.json()).toEqual({
      status: 'ready',
      checks: { redis: 'ok', worker: 'ok' },
    });

    await rig.producer.send({ topic, messages: [createdNow('NP-1')] });
    const scrape = async (port: number) =>
      parseSamples(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
    await waitUntil(
      async () =>
        sumOf(await scrape(notifierPort), 'slawatch_alerter_deliveries_total', {
          receiver: 'hook',
          outcome: 'delivered',
        }) >= 1,
      20_000,
      'the breach to be delivered by the notifier',
    );
    const received = rig.hook.received as {
      action: string;
      alert: { ticketId: string; level: string };
    }[];
    expect(
      received
        .filter((b) => b.alert.ticketId === 'NP-1' && b.action === 'trigger')
        .map((b) => b.alert.level),
    ).toEqual(['breach']);
    // The alerter fired the timer; it delivered nothing itself.
    const alerterSamples = await scrape(alerterPort);
    expect(sumOf(alerterSamples, 'slawatch_alerter_timers_fired_total')).toBeGreaterThanOrEqual(1);
    expect(alerterSamples.some((s) => s.name === 'slawatch_alerter_deliveries_total')).toBe(false);
    expect(alerter.output()).not.toContain('notifier delivering');
    expect(sumOf(await scrape(notifierPort), 'slawatch_build_info', { service: 'notifier' })).toBe(
      1,
    );

    for (const p of [notifier, alerter, tracker]) p.child.kill('SIGTERM');
    for (const p of [notifier, alerter, tracker])
      expect(await p.exited).toEqual({ code: 0, signal: null });
  });
});
