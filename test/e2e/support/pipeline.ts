import { Redis } from 'ioredis';
import type { Kafka, Producer } from 'kafkajs';
import { inject } from 'vitest';
import { parsePolicyDocument, type PolicySet } from '@slawatch/core';
import { createAlerter, createNotifier, type Alerter } from '@slawatch/alerter';
import {
  createKeys,
  createStoreAdapters,
  type Keys,
  type MetricWindows,
  type TicketStore,
  type TimerQueue,
} from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import { createTracker, type Tracker } from '@slawatch/tracker';
import { deleteKeysByPrefix, quietKafka, uniqueGroupId, uniqueTopic } from '../../harness/index.js';

export interface Pipeline {
  readonly kafka: Kafka;
  readonly redis: Redis;
  readonly keys: Keys;
  readonly store: TicketStore;
  readonly timers: TimerQueue;
  readonly metrics: MetricWindows;
  readonly policies: PolicySet;
  readonly topics: { events: string; dlq: string; alerts: string };
  readonly tracker: Tracker;
  readonly alerter: Alerter;
  produce(
    events: readonly object[] | readonly (string | Buffer)[],
    key?: (e: unknown) => string,
  ): Promise<void>;
  /** Starts the alerter of a pipeline started with `{ alerter: false }`. */
  startAlerter(): Promise<void>;
  /** Starts a new tracker in the same group (after a crash or a stop). */
  restartTracker(): Promise<Tracker>;
  stop(): Promise<void>;
}

/**
 * The live pipeline in this process on the harness's Redis and broker: a tracker and an
 * alerter with their own topics, consumer group and key prefix, so tests never meet.
 */
export async function startPipeline(
  name: string,
  policiesYaml: string,
  opts: {
    alerter?: boolean;
    now?: () => number;
    /** The receivers' secrets: with it, notifications are queued and delivered. */
    env?: NodeJS.ProcessEnv;
    /** The tracker's SLAWATCH_MAX_EVENT_BYTES (default 4096: small values in tests). */
    maxEventBytes?: number;
    /** The first this many metric writes fail, as if Redis refused them. */
    failedMetricWrites?: number;
  } = {},
): Promise<Pipeline> {
  const loaded = parsePolicyDocument(policiesYaml);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const kafka = quietKafka(inject('kafkaBrokers'), `e2e-${name}`);
  const redis = new Redis(inject('redisUrl'), {
    maxRetriesPerRequest: null,
    enableAutoPipelining: true,
  });
  const prefix = `e2e-${name}-${Math.random().toString(36).slice(2, 8)}`;
  const keys = createKeys(prefix);
  // A week, like the default: the tests' breaches stay listed, whatever their time.
  const update = createStoreAdapters(redis, keys, loaded.policySet, {
    retentionMs: 7 * 86_400_000,
    notify: opts.env !== undefined,
  });
  const { store, timers, metrics } = update;
  let failures = opts.failedMetricWrites ?? 0;
  const trackerUpdate =
    failures === 0
      ? update
      : {
          ...update,
          metrics: Object.assign(Object.create(metrics) as MetricWindows, {
            apply: (...args: Parameters<MetricWindows['apply']>) =>
              failures-- > 0
                ? Promise.reject(new Error('metric write refused (test)'))
                : metrics.apply(...args),
          }),
        };
  const topics = {
    events: uniqueTopic(`${name}-events`),
    dlq: uniqueTopic(`${name}-dlq`),
    alerts: uniqueTopic(`${name}-alerts`),
  };
  const groupId = uniqueGroupId(name);
  const log = createLogger(`e2e-${name}`, process.env.E2E_LOG ?? 'silent');
  const makeTracker = () =>
    createTracker({
      kafka,
      topic: topics.events,
      dlqTopic: topics.dlq,
      alertsTopic: topics.alerts,
      groupId,
      maxEventBytes: opts.maxEventBytes ?? 4096,
      update: trackerUpdate,
      finishRetryMs: 10,
      log,
      ...(opts.now ? { now: opts.now } : {}),
      consumerConfig: { sessionTimeout: 6_000, heartbeatInterval: 2_000 },
    });
  let tracker = makeTracker();
  const alerter = createAlerter({
    kafka,
    alertsTopic: topics.alerts,
    redis,
    queuePrefix: keys.queuePrefix,
    batchSize: 500,
    update,
    log,
  });
  const notifier = opts.env
    ? createNotifier({ redis, keys, settings: loaded.policySet.alerting, env: opts.env, log })
    : undefined;
  await notifier?.start();
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  await tracker.start();
  let alerterStarted = opts.alerter !== false;
  if (alerterStarted) await alerter.start();
  return {
    kafka,
    redis,
    keys,
    store,
    timers,
    metrics,
    policies: loaded.policySet,
    topics,
    get tracker() {
      return tracker;
    },
    alerter,
    async produce(events, key) {
      await producer.send({
        topic: topics.events,
        messages: events.map((e) => ({
          key: key
            ? key(e)
            : typeof e === 'object' && !Buffer.isBuffer(e)
              ? (e as { subject: string }).subject
              : 'x',
          value: typeof e === 'string' || Buffer.isBuffer(e) ? e : JSON.stringify(e),
        })),
      });
    },
    async startAlerter() {
      await alerter.start();
      alerterStarted = true;
    },
    async restartTracker() {
      tracker = makeTracker();
      await tracker.start();
      return tracker;
    },
    async stop() {
      await tracker.stop().catch(() => undefined);
      if (alerterStarted) await alerter.stop();
      await notifier?.stop();
      await producer.disconnect();
      await update.close();
      await deleteKeysByPrefix(redis, keys.notifyPrefix);
      await deleteKeysByPrefix(redis, prefix);
      await deleteKeysByPrefix(redis, keys.queuePrefix);
      await redis.quit();
    },
  };
}
