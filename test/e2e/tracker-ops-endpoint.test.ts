import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  freePort,
  promtoolCheck,
  quietKafka,
  startRedis,
  uniqueGroupId,
  uniqueTopic,
  type RedisServer,
} from '../harness/index.js';
import { event } from './support/events.js';
import { parseSamples, sumOf } from './support/prometheus-text.js';
import { startService, waitForOutput, type ServiceProcess } from './support/service-process.js';
import { waitUntil } from './support/wait-until.js';

describe('slawatch run tracker: the ops endpoint', () => {
  // A Redis of its own: the test pauses it to hold the tracker back.
  let redis: RedisServer;
  let producer: Producer;
  let tracker: ServiceProcess | undefined;
  const topic = uniqueTopic('ops-events');
  const kafka = quietKafka(inject('kafkaBrokers'), 'ops-test');

  beforeAll(async () => {
    redis = await startRedis();
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
  });

  afterAll(async () => {
    tracker?.child.kill('SIGKILL');
    await producer?.disconnect();
    if (redis) process.kill(redis.pid, 'SIGCONT');
    await redis?.stop();
  });

  const produce = (values: (object | string)[]) =>
    producer.send({
      topic,
      messages: values.map((v, i) => ({
        key: typeof v === 'string' ? `bad-${i}` : (v as { subject: string }).subject,
        value: typeof v === 'string' ? v : JSON.stringify(v),
      })),
    });

  it('answers probes, counts events by outcome, and shows the lag while the tracker is held back and 0 once it caught up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slawatch-ops-'));
    writeFileSync(
      join(dir, 'policies.yaml'),
      'policies: [{ id: all, targets: { firstResponse: 1h } }]\n',
    );
    const port = await freePort();
    tracker = startService('tracker', {
      SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SLAWATCH_REDIS_URL: redis.url,
      SLAWATCH_POLICIES: join(dir, 'policies.yaml'),
      SLAWATCH_TOPIC: topic,
      SLAWATCH_DLQ_TOPIC: uniqueTopic('ops-dlq'),
      SLAWATCH_ALERTS_TOPIC: uniqueTopic('ops-alerts'),
      SLAWATCH_GROUP_ID: uniqueGroupId('ops'),
      SLAWATCH_KEY_PREFIX: 'ops',
      SLAWATCH_HTTP_HOST: '127.0.0.1',
      SLAWATCH_OPS_PORT: String(port),
    });
    const base = `http://127.0.0.1:${port}`;
    const scrape = async () => parseSamples(await (await fetch(`${base}/metrics`)).text());
    const readyz = async () => {
      const r = await fetch(`${base}/readyz`);
      return { status: r.status, body: (await r.json()) as { checks: Record<string, string> } };
    };
    const events = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) =>
        event(`OPS-${(from + i) % 7}`, Date.now(), 'ticket.commented', {
          author: 'customer',
          public: true,
        }),
      );

    await waitForOutput(tracker, 'ops endpoint listening', 15_000);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    await waitForOutput(tracker, 'tracker consuming', 30_000);
    await waitUntil(async () => (await readyz()).status === 200, 30_000, 'the tracker to be ready');
    expect((await readyz()).body.checks).toEqual({ redis: 'ok', tracker: 'ok' });

    // 40 events and 2 invalid messages; then 5 of the events again (a redelivery).
    const first = events(0, 40);
    await produce([...first, 'not json', '{"specversion":"1.0"}']);
    const counted = async (processed: number, duplicate: number) => {
      const s = await scrape();
      return (
        sumOf(s, 'slawatch_tracker_events_total', { outcome: 'processed' }) === processed &&
        sumOf(s, 'slawatch_tracker_events_total', { outcome: 'duplicate' }) === duplicate &&
        sumOf(s, 'slawatch_tracker_events_total', { outcome: 'dead_lettered' }) === 2 &&
        sumOf(s, 'slawatch_tracker_consumer_lag', { topic }) === 0
      );
    };
    await waitUntil(() => counted(40, 0), 20_000, '40 events processed, 2 dead-lettered, no lag');
    await produce(first.slice(0, 5));
    await waitUntil(() => counted(40, 5), 20_000, '5 duplicates counted, no lag');
    let samples = await scrape();
    expect(
      samples.filter((s) => s.name === 'slawatch_tracker_consumer_lag').length,
    ).toBeGreaterThan(0);
    expect(sumOf(samples, 'slawatch_tracker_batch_duration_seconds_count')).toBeGreaterThan(0);
    const lastCommit = sumOf(samples, 'slawatch_tracker_last_commit_timestamp_seconds');
    expect(Math.abs(lastCommit - Date.now() / 1000)).toBeLessThan(120);
    expect(sumOf(samples, 'slawatch_build_info', { service: 'tracker' })).toBe(1);
    expect(samples.some((s) => s.name === 'process_cpu_seconds_total')).toBe(true);
    expect(await promtoolCheck(await (await fetch(`${base}/metrics`)).text())).toBe('');

    // Redis paused: the tracker cannot apply the next 12, so they wait, uncommitted.
    process.kill(redis.pid, 'SIGSTOP');
    try {
      await produce(events(40, 12));
      await waitUntil(
        async () => sumOf(await scrape(), 'slawatch_tracker_consumer_lag', { topic }) === 12,
        20_000,
        'a lag of 12 while Redis is paused',
      );
      const notReady = await readyz();
      expect(notReady.status).toBe(503);
      expect(notReady.body.checks).toMatchObject({ redis: 'timed out', tracker: 'ok' });
    } finally {
      process.kill(redis.pid, 'SIGCONT');
    }
    await waitUntil(() => counted(52, 5), 20_000, 'all 52 processed and the lag back to 0');
    expect((await readyz()).status).toBe(200);
    samples = await scrape();
    expect(sumOf(samples, 'slawatch_tracker_consumer_lag', { topic })).toBe(0);

    tracker.child.kill('SIGTERM');
    expect(await tracker.exited).toEqual({ code: 0, signal: null });
  });
});
