import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  freePort,
  promtoolCheck,
  quietKafka,
  uniqueGroupId,
  uniqueTopic,
} from '../harness/index.js';
import { event } from './support/events.js';
import { startLocalHook, type LocalHook } from './support/local-hook.js';
import { parseSamples, sumOf } from './support/prometheus-text.js';
import { startService, waitForOutput, type ServiceProcess } from './support/service-process.js';
import { waitUntil } from './support/wait-until.js';

// A 2-second first response, so the deadline passes while the test waits.
const POLICIES = `
policies: [{ id: fast, targets: { firstResponse: 2s } }]
alerting:
  receivers: [{ id: hook, type: webhook, urlEnv: E2E_OPS_HOOK_URL }]
  route: { receivers: [hook] }
`;

describe('slawatch run alerter: the ops endpoint', () => {
  let hook: LocalHook;
  let producer: Producer;
  const running: ServiceProcess[] = [];
  const kafka = quietKafka(inject('kafkaBrokers'), 'alerter-ops-test');

  beforeAll(async () => {
    hook = await startLocalHook();
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
  });

  afterAll(async () => {
    for (const p of running) p.child.kill('SIGKILL');
    await producer?.disconnect();
    hook?.close();
  });

  it('answers probes and counts the timers fired at a deadline, their lateness and the deliveries; a second process on its port runs on without one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slawatch-alerter-ops-'));
    writeFileSync(join(dir, 'policies.yaml'), POLICIES);
    const topic = uniqueTopic('alerter-ops-events');
    const port = await freePort();
    const env = {
      SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SLAWATCH_REDIS_URL: inject('redisUrl'),
      SLAWATCH_POLICIES: join(dir, 'policies.yaml'),
      SLAWATCH_TOPIC: topic,
      SLAWATCH_ALERTS_TOPIC: uniqueTopic('alerter-ops-alerts'),
      SLAWATCH_GROUP_ID: uniqueGroupId('alerter-ops'),
      SLAWATCH_KEY_PREFIX: `aops-${Math.random().toString(36).slice(2, 8)}`,
      SLAWATCH_HTTP_HOST: '127.0.0.1',
      E2E_OPS_HOOK_URL: hook.url,
    };
    const alerter = startService('alerter', { ...env, SLAWATCH_OPS_PORT: String(port) });
    running.push(alerter);
    await waitForOutput(alerter, 'ops endpoint listening', 20_000);
    // The tracker sets the timers. Given the alerter's port, as two processes side by side
    // with the default would be, it runs on without an endpoint of its own.
    const tracker = startService('tracker', { ...env, SLAWATCH_OPS_PORT: String(port) });
    running.push(tracker);
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
    await producer.send({
      topic,
      messages: [
        {
          key: 'AO-1',
          value: JSON.stringify(
            event('AO-1', Date.now(), 'ticket.created', { priority: 'high', channel: 'chat' }),
          ),
        },
      ],
    });
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
