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
import { familyCounts, parseSamples, sumOf } from './support/prometheus-text.js';
import { startService, waitForOutput, type ServiceProcess } from './support/service-process.js';
import { waitUntil } from './support/wait-until.js';

describe('slawatch run all: one /metrics', () => {
  let producer: Producer;
  let p: ServiceProcess | undefined;
  const kafka = quietKafka(inject('kafkaBrokers'), 'run-all-metrics-test');

  beforeAll(async () => {
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
  });

  afterAll(async () => {
    p?.child.kill('SIGKILL');
    await producer?.disconnect();
  });

  it('serves the tracker’s and the alerter’s series on the gateway’s /metrics, each family once, and opens no ops port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slawatch-all-metrics-'));
    writeFileSync(
      join(dir, 'policies.yaml'),
      'policies: [{ id: all, targets: { firstResponse: 1h } }]\n',
    );
    const topic = uniqueTopic('all-metrics-events');
    const [port, opsPort] = [await freePort(), await freePort()];
    p = startService('all', {
      SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SLAWATCH_REDIS_URL: inject('redisUrl'),
      SLAWATCH_POLICIES: join(dir, 'policies.yaml'),
      SLAWATCH_TOPIC: topic,
      SLAWATCH_ALERTS_TOPIC: uniqueTopic('all-metrics-alerts'),
      SLAWATCH_GROUP_ID: uniqueGroupId('all-metrics'),
      SLAWATCH_KEY_PREFIX: `allm-${Math.random().toString(36).slice(2, 8)}`,
      SLAWATCH_HTTP_HOST: '127.0.0.1',
      SLAWATCH_HTTP_PORT: String(port),
      SLAWATCH_OPS_PORT: String(opsPort),
    });
    await waitForOutput(p, 'gateway listening', 30_000);
    await waitForOutput(p, 'tracker consuming', 30_000);
    const metrics = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();

    await producer.send({
      topic,
      messages: ['AM-1', 'AM-2', 'AM-3'].map((id) => ({
        key: id,
        value: JSON.stringify(
          event(id, Date.now(), 'ticket.created', { priority: 'low', channel: 'email' }),
        ),
      })),
    });
    await waitUntil(
      async () =>
        sumOf(parseSamples(await metrics()), 'slawatch_tracker_events_total', {
          outcome: 'processed',
        }) === 3,
      20_000,
      'the 3 events on the gateway’s /metrics',
    );
    const text = await metrics();
    const samples = parseSamples(text);
    const families = familyCounts(text);
    for (const name of [
      'slawatch_tracker_events_total',
      'slawatch_tracker_consumer_lag',
      'slawatch_tracker_batch_duration_seconds',
      'slawatch_tracker_last_commit_timestamp_seconds',
      'slawatch_alerter_timers_fired_total',
      'slawatch_alerter_timer_lateness_seconds',
      'slawatch_alerter_due_timers',
      'slawatch_http_requests_total',
      'slawatch_build_info',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ])
      expect(families.get(name), name).toBe(1);
    expect([...families].filter(([, n]) => n > 1)).toEqual([]);
    for (const service of ['tracker', 'alerter', 'notifier', 'gateway'])
      expect(sumOf(samples, 'slawatch_build_info', { service }), service).toBe(1);
    expect(sumOf(samples, 'slawatch_tracker_consumer_lag', { topic })).toBe(0);
    expect(await promtoolCheck(text)).toBe('');
    // One process, one port: the gateway's.
    await expect(fetch(`http://127.0.0.1:${opsPort}/healthz`)).rejects.toThrow();
    expect(p.output()).not.toContain('ops endpoint listening');

    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
  });
});
