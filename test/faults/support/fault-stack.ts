import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import type { Kafka, Producer } from 'kafkajs';
import { inject } from 'vitest';
import { parsePolicyDocument, type AlertCloudEvent, type PolicySet } from '@slawatch/core';
import {
  createKeys,
  createRedisClient,
  createStoreAdapters,
  DeliveryClaims,
  DELIVERED,
  type Keys,
  type MetricWindows,
  type NotificationBatch,
  type QueuedNotification,
  type RedisClient,
  type TicketStore,
} from '@slawatch/store';
import { freePort, quietKafka, uniqueGroupId, uniqueTopic } from '../../harness/index.js';
import {
  startService,
  waitForOutput,
  type ServiceProcess,
} from '../../e2e/support/service-process.js';
import { readTopic, type TopicReader } from '../../e2e/support/topic-reader.js';
import { waitUntil } from '../../e2e/support/wait-until.js';

const cliBin = fileURLToPath(new URL('../../../apps/slawatch/bin/slawatch.js', import.meta.url));
const demoPolicies = fileURLToPath(
  new URL('../../../packages/traffic/demo-policies.yaml', import.meta.url),
);

/**
 * The simulator's demo policies with one webhook receiver that is told every alert at
 * once (no grouping, no rate cap), so each breach is one delivery the test can count.
 */
const POLICIES = `${readFileSync(demoPolicies, 'utf8')}
alerting:
  groupWindow: 0s
  receivers: [{ id: hook, type: webhook, urlEnv: FAULT_HOOK_URL, ratePerMinute: 100000 }]
  route: { receivers: [hook] }
`;

/** A service process of the stack, with its own ops port (/readyz, /metrics). */
export interface StackProcess extends ServiceProcess {
  /** The ops endpoint of a tracker or alerter; a gateway's own port (API, /readyz, /metrics). */
  readonly opsUrl: string;
}

/** The services `slawatch run` starts one by one. */
export type StackService = 'tracker' | 'alerter' | 'gateway';

/** What each service logs once it runs. */
const RUNNING: Record<StackService, string> = {
  tracker: 'tracker consuming',
  alerter: 'notifier delivering',
  gateway: 'gateway listening',
};

/** The metric lanes of a stack on a cluster: set explicitly, the same in every process. */
const CLUSTER_LANES = 12;

export interface FaultStack {
  readonly env: Record<string, string>;
  readonly policies: PolicySet;
  readonly topics: { events: string; dlq: string; alerts: string };
  readonly groupId: string;
  readonly keys: Keys;
  /** One Redis, or a cluster client when the stack runs on a Redis Cluster. */
  readonly redis: RedisClient;
  readonly store: TicketStore;
  readonly metrics: MetricWindows;
  readonly kafka: Kafka;
  /** Everything produced to the alerts topic so far. */
  readonly alerts: AlertCloudEvent[];
  /** `slawatch run tracker` (or alerter, gateway), waiting until it says it runs. */
  start(service: StackService, env?: Record<string, string>): Promise<StackProcess>;
  /** `slawatch run <service>` without waiting. */
  spawn(service: StackService, env?: Record<string, string>): Promise<StackProcess>;
  produce(events: readonly object[]): Promise<void>;
  /** Waits until the trackers' group has committed every partition up to its end. */
  waitCommitted(ms: number): Promise<void>;
  /** Whether the group's committed offsets are at the topic's end now. */
  committed(): Promise<boolean>;
  /** How many events the group has committed, over all partitions. */
  committedCount(): Promise<number>;
  /**
   * The webhook's delivery jobs: how many are not done yet (waiting, active, delayed or
   * failed), and the notification ids of those completed.
   */
  deliveries(): Promise<{ notDone: number; completed: string[] }>;
  /** The webhook's delivery jobs by state, for failure messages. */
  jobCounts(): Promise<Record<string, number>>;
  /** Runs `slawatch rebuild` with `args` as an operator would, to its exit. */
  rebuild(args?: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

/** Where a fault stack runs: a Redis (or a Redis Cluster) and brokers the test owns. */
export interface FaultStackOptions {
  /** One Redis (`SLAWATCH_REDIS_URL`); ignored when `redisCluster` is given. */
  readonly redisUrl?: string;
  /** A Redis Cluster's seeds (`SLAWATCH_REDIS_CLUSTER`): every process and client use it. */
  readonly redisCluster?: string;
  /** The Kafka brokers (default: the run's). Topics the stack names are auto-created there. */
  readonly brokers?: readonly string[];
  /** The topics' names, when the brokers already hold them (made with a partition count). */
  readonly topics?: { readonly events: string; readonly dlq: string; readonly alerts: string };
  readonly hookUrl: string;
  readonly env?: Record<string, string>;
}

/**
 * Real `slawatch run tracker`, `run alerter` and `run gateway` processes on a Redis (or
 * Redis Cluster) the test owns and the run's broker (or the test's), under topics, a group
 * and a key prefix of their own, with the webhook receiver at `hookUrl`; plus the clients
 * a test reads the outcome with.
 */
export async function startFaultStack(
  name: string,
  options: FaultStackOptions,
): Promise<FaultStack> {
  const onCluster = options.redisCluster !== undefined;
  if (!onCluster && options.redisUrl === undefined)
    throw new Error('a fault stack needs redisUrl or redisCluster');
  const brokers = [...(options.brokers ?? inject('kafkaBrokers'))];
  const dir = mkdtempSync(join(tmpdir(), `slawatch-fault-${name}-`));
  const policyFile = join(dir, 'policies.yaml');
  writeFileSync(policyFile, POLICIES);
  const loaded = parsePolicyDocument(POLICIES);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const prefix = `fault-${name}`;
  const topics = options.topics ?? {
    events: uniqueTopic(`${name}-events`),
    dlq: uniqueTopic(`${name}-dlq`),
    alerts: uniqueTopic(`${name}-alerts`),
  };
  const groupId = uniqueGroupId(name);
  const env: Record<string, string> = {
    SLAWATCH_KAFKA_BROKERS: brokers.join(','),
    ...(onCluster
      ? {
          SLAWATCH_REDIS_CLUSTER: options.redisCluster,
          SLAWATCH_METRIC_LANES: String(CLUSTER_LANES),
        }
      : { SLAWATCH_REDIS_URL: options.redisUrl! }),
    SLAWATCH_POLICIES: policyFile,
    SLAWATCH_TOPIC: topics.events,
    SLAWATCH_DLQ_TOPIC: topics.dlq,
    SLAWATCH_ALERTS_TOPIC: topics.alerts,
    SLAWATCH_GROUP_ID: groupId,
    SLAWATCH_KEY_PREFIX: prefix,
    SLAWATCH_KAFKA_SESSION_TIMEOUT: '6000',
    SLAWATCH_LOG_LEVEL: 'info',
    FAULT_HOOK_URL: options.hookUrl,
    ...options.env,
  };
  const keys = createKeys(prefix, onCluster ? CLUSTER_LANES : 1);
  // On a cluster, the services' own client: it follows a failover (redis-client.ts).
  const redis: RedisClient = onCluster
    ? createRedisClient({ url: '', cluster: options.redisCluster.split(',') })
    : new Redis(options.redisUrl!, { maxRetriesPerRequest: null });
  const kafka = quietKafka(brokers, `fault-${name}`);
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  const alerts: TopicReader<AlertCloudEvent> = await readTopic(
    kafka,
    topics.alerts,
    (m) => JSON.parse(m.value!.toString()) as AlertCloudEvent,
  );
  // The topic exists before the first tracker subscribes, so it joins at once.
  const admin = kafka.admin();
  await admin.connect();
  await admin.fetchTopicMetadata({ topics: [topics.events] });
  const running: ServiceProcess[] = [];

  const spawn = async (service: StackService, extra: Record<string, string> = {}) => {
    const opsPort = await freePort();
    // A gateway answers /readyz and /metrics on its own port, which opsUrl then names.
    const port: Record<string, string> =
      service === 'gateway'
        ? { SLAWATCH_HTTP_HOST: '127.0.0.1', SLAWATCH_HTTP_PORT: String(opsPort) }
        : { SLAWATCH_OPS_PORT: String(opsPort) };
    const p = startService(service, { ...env, ...port, ...extra });
    running.push(p);
    return Object.assign(p, { opsUrl: `http://127.0.0.1:${opsPort}` });
  };

  const committed = async () => {
    const [ends, done] = await Promise.all([
      admin.fetchTopicOffsets(topics.events),
      admin.fetchOffsets({ groupId, topics: [topics.events] }),
    ]);
    const at = new Map(done[0]!.partitions.map((p) => [p.partition, BigInt(p.offset)]));
    return ends.every((e) => BigInt(e.high) === 0n || at.get(e.partition) === BigInt(e.high));
  };

  // The processes' own adapters, to read what they wrote (and the `hook` receiver's queue).
  const adapters = createStoreAdapters(redis, keys, loaded.policySet, {
    retentionMs: 7 * 86_400_000,
  });
  const { notifications } = adapters;
  if (!notifications) throw new Error('the fault policies must name the hook receiver');
  const committedCount = async () => {
    const [done] = await admin.fetchOffsets({ groupId, topics: [topics.events] });
    return done!.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
  };

  return {
    env,
    policies: loaded.policySet,
    topics,
    groupId,
    keys,
    redis,
    store: adapters.store,
    metrics: adapters.metrics,
    kafka,
    alerts: alerts.items.items,
    spawn,
    async start(service, extra) {
      const p = await spawn(service, extra);
      await waitForOutput(p, RUNNING[service], 30_000);
      return p;
    },
    async produce(events) {
      for (let i = 0; i < events.length; i += 500)
        await producer.send({
          topic: topics.events,
          messages: events
            .slice(i, i + 500)
            .map((e) => ({ key: (e as { subject: string }).subject, value: JSON.stringify(e) })),
        });
    },
    committed,
    committedCount,
    waitCommitted: (ms) => waitUntil(committed, ms, `group ${groupId} to commit every event`),
    async deliveries() {
      const queue = notifications.queue('hook');
      // Notifications due together share a batch job, which hands what fails over to a job
      // of its own (issue 18): counted one by one, and done once marked delivered.
      const ids = (jobs: readonly { data: QueuedNotification | NotificationBatch }[]) => [
        ...new Set(
          jobs.flatMap((j) => ('batch' in j.data ? j.data.batch.map((n) => n.id) : [j.data.id])),
        ),
      ];
      const pending = ids(
        await queue.getJobs(['waiting', 'active', 'delayed', 'failed', 'prioritized'], 0, -1),
      );
      const finished = ids(await queue.getJobs(['completed'], 0, -1));
      const owners = await new DeliveryClaims(redis, keys).owners(finished);
      return {
        notDone: pending.length,
        completed: finished.filter((_, i) => owners[i] === DELIVERED),
      };
    },
    jobCounts: () => notifications.queue('hook').getJobCounts(),
    async rebuild(args = []) {
      const run = promisify(execFile);
      try {
        const { stdout, stderr } = await run(process.execPath, [cliBin, 'rebuild', ...args], {
          env: { PATH: process.env.PATH ?? '', ...env },
          timeout: 300_000,
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code?: number; stdout?: string; stderr?: string };
        return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
      }
    },
    async stop() {
      for (const p of running) p.child.kill('SIGKILL');
      await Promise.all(running.map((p) => p.exited));
      await alerts.stop();
      await admin.disconnect();
      await producer.disconnect();
      await adapters.close();
      redis.disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
