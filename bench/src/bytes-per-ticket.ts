import type { Producer } from 'kafkajs';
import { TIMER_QUEUE } from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import { deleteKeysByPrefix, uniqueGroupId, uniqueTopic } from '@slawatch/test';
import { createTracker, type Tracker } from '@slawatch/tracker';
import type { BenchEnv } from './bench-env.js';
import { ensureTopics } from './ensure-topics.js';
import { BENCH_POLICIES } from './generate-history.js';
import { createLiveDeps } from './live-deps.js';
import { loadPolicies } from './load-policies.js';
import { generateOpenTickets } from './open-tickets.js';
import { progress } from './progress.js';
import { memoryUsage, scanKeys, settledDataMemory } from './redis-memory.js';

export interface BytesPerTicketOptions {
  readonly tickets: number;
  readonly eventsPerTicket: number;
}

/** Keys of one kind: how many, their mean MEMORY USAGE and the Redis encoding of one. */
export interface Sampled {
  readonly keys: number;
  readonly avgBytes: number;
  readonly encoding: string;
}

export interface BytesPerTicketResult {
  readonly tickets: number;
  readonly events: number;
  /** Growth of Redis' data memory while the tickets were tracked. */
  readonly growth: number;
  readonly records: Sampled & { readonly avgLength: number };
  /** The due set: one member per ticket with a pending timer. */
  readonly timers: { readonly entries: number; readonly bytes: number; readonly encoding: string };
  /** The rolling metrics' keys: contributions, contact lists, buckets, gauges. */
  readonly metrics: { readonly keys: number; readonly bytes: number };
  /** Keys of the wake-up queue (its few jobs, event stream, ...) and the live index sets. */
  readonly shared: readonly { readonly key: string; readonly bytes: number }[];
}

const SAMPLE = 1_000;

/**
 * Redis bytes per open ticket: the tracker (real clock, the bench policies) takes `tickets`
 * open tickets on a fresh key prefix, and Redis' data memory is read before and after
 * (minus its script cache and client buffers). MEMORY USAGE of the ticket records, the
 * due set and the queue's and index's shared keys says where the bytes went.
 */
export async function measureBytesPerTicket(
  env: BenchEnv,
  options: BytesPerTicketOptions,
): Promise<BytesPerTicketResult> {
  const { kafka, redis } = env;
  const events = generateOpenTickets(options.tickets, options.eventsPerTicket, Date.now());
  const topic = uniqueTopic('bench-open-events');
  const alertsTopic = uniqueTopic('bench-open-alerts');
  const dlqTopic = uniqueTopic('bench-open-dlq');
  await ensureTopics(kafka, [topic, alertsTopic, dlqTopic]);
  const prefix = `bench-open-${Date.now().toString(36)}`;
  const deps = createLiveDeps(redis, prefix, loadPolicies(BENCH_POLICIES));
  const tracker: Tracker = createTracker({
    kafka,
    topic,
    dlqTopic,
    alertsTopic,
    groupId: uniqueGroupId('bench-open-tracker'),
    maxEventBytes: 65_536,
    update: deps.update,
    log: createLogger('bench-tracker', process.env.BENCH_LOG ?? 'silent'),
    consumerConfig: { sessionTimeout: 6_000, heartbeatInterval: 2_000 },
  });
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: true });
  try {
    progress('memory: starting a tracker on a fresh key prefix');
    await producer.connect();
    await tracker.start();
    const before = await settledDataMemory(redis);
    progress(`memory: tracking ${options.tickets} open tickets (${events.length} events)`);
    for (let at = 0; at < events.length; at += 2_000)
      await producer.send({
        topic,
        messages: events.slice(at, at + 2_000).map((e) => ({ key: e.subject, value: e.json })),
      });
    const until = Date.now() + 120_000;
    while (tracker.stats.events < events.length) {
      if (Date.now() > until)
        throw new Error(`the tracker took ${tracker.stats.events} of ${events.length} events`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const after = await settledDataMemory(redis);

    const recordKeys = await scanKeys(redis, `${deps.keys.ticket('*')}`);
    const sample = recordKeys.slice(0, SAMPLE);
    const recordBytes = await memoryUsage(redis, sample);
    const lengthPipeline = redis.pipeline();
    for (const key of sample) lengthPipeline.strlen(key);
    const lengths = ((await lengthPipeline.exec()) ?? []).map(([, n]) => Number(n));
    const [dueBytes] = await memoryUsage(redis, [deps.keys.due]);
    const encoding = async (key: string | undefined) =>
      key === undefined ? 'none' : String(await redis.object('ENCODING', key));
    const metricKeys = await scanKeys(redis, `{${prefix}:m}:*`);
    const metricBytes = (await memoryUsage(redis, metricKeys)).reduce((a, b) => a + b, 0);
    const sharedKeys = [
      ...(await scanKeys(redis, `${deps.keys.queuePrefix}:${TIMER_QUEUE}:*`)),
      deps.keys.breaches,
      deps.keys.atRisk,
    ];
    const sharedBytes = await memoryUsage(redis, sharedKeys);
    return {
      tickets: options.tickets,
      events: events.length,
      growth: after - before,
      records: {
        keys: recordKeys.length,
        avgBytes: mean(recordBytes),
        encoding: await encoding(recordKeys[0]),
        avgLength: mean(lengths),
      },
      metrics: { keys: metricKeys.length, bytes: metricBytes },
      timers: {
        entries: await deps.timers.size(),
        bytes: dueBytes ?? 0,
        encoding: await encoding(deps.keys.due),
      },
      shared: sharedKeys
        .map((key, i) => ({ key: key.slice(key.lastIndexOf(':') + 1), bytes: sharedBytes[i] ?? 0 }))
        .filter((k) => k.bytes > 0),
    };
  } finally {
    await tracker.stop().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await deps.timers.close();
    await deleteKeysByPrefix(redis, prefix);
    await deleteKeysByPrefix(redis, deps.keys.queuePrefix);
  }
}

const mean = (xs: readonly number[]) =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
