import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, quietKafka, uniqueGroupId, uniqueTopic } from '../harness/index.js';
import { event } from './support/events.js';
import { startLocalHook, type LocalHook } from './support/local-hook.js';
import { parseSamples, sumOf } from './support/prometheus-text.js';
import { startService, waitForOutput, type ServiceProcess } from './support/service-process.js';
import { waitUntil } from './support/wait-until.js';

// A 2-second first response, so the deadline passes while the test waits.
const POLICIES = `
policies: [{ id: fast, targets: { firstResponse: 2s } }]
alerting:
  receivers: [{ id: hook, type: webhook, urlEnv: E2E_NOTIFIER_HOOK_URL }]
  route: { receivers: [hook] }
`;

describe('slawatch run notifier: deliveries in a process of their own', () => {
  let hook: LocalHook;
  let producer: Producer;
  const running: ServiceProcess[] = [];
  const kafka = quietKafka(inject('kafkaBrokers'), 'notifier-process-test');

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

  it('delivers what an alerter with SLAWATCH_ALERTER_DELIVERS=false queues, and reports its workers in /readyz and /metrics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slawatch-notifier-'));
    writeFileSync(join(dir, 'policies.yaml'), POLICIES);
    const topic = uniqueTopic('notifier-events');
    const env = {
      SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SLAWATCH_REDIS_URL: inject('redisUrl'),
      SLAWATCH_POLICIES: join(dir, 'policies.yaml'),
      SLAWATCH_TOPIC: topic,
      SLAWATCH_ALERTS_TOPIC: uniqueTopic('notifier-alerts'),
      SLAWATCH_GROUP_ID: uniqueGroupId('notifier'),
      SLAWATCH_KEY_PREFIX: `ntf-${Math.random().toString(36).slice(2, 8)}`,
      SLAWATCH_HTTP_HOST: '127.0.0.1',
      E2E_NOTIFIER_HOOK_URL: hook.url,
    };
    const [alerterPort, notifierPort] = [await freePort(), await freePort()];
    const alerter = startService('alerter', {
      ...env,
      SLAWATCH_ALERTER_DELIVERS: 'false',
      SLAWATCH_OPS_PORT: String(alerterPort),
    });
    const notifier = startService('notifier', { ...env, SLAWATCH_OPS_PORT: String(notifierPort) });
    const tracker = startService('tracker', { ...env, SLAWATCH_OPS_PORT: '0' });
    running.push(alerter, notifier, tracker);
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

    await producer.send({
      topic,
      messages: [
        {
          key: 'NP-1',
          value: JSON.stringify(
            event('NP-1', Date.now(), 'ticket.created', { priority: 'high', channel: 'chat' }),
          ),
        },
      ],
    });
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
    const received = hook.received as {
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
