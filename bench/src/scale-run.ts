import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import { ensureTopics } from './ensure-topics.js';
import { takeKeyCensus, type KeyCensus } from './key-census.js';
import { groupLag, producePaced } from './paced-producer.js';
import { progress } from './progress.js';
import { readRedisWork, workBetween, type RedisWork } from './redis-work.js';
import type { ScaleMessages } from './scale-messages.js';
import type { NodeAddress, ScaleTarget } from './scale-target.js';
import { startSettledTrackers } from './tracker-fleet.js';

/** One catch-up run: what was asked. */
export interface ScaleRunOptions {
  /** A topic no run has used, made with its partitions before the broker started. */
  readonly topic: string;
  readonly trackers: number;
  readonly data: ScaleMessages;
  /** Most events left uncommitted while producing (paced-producer.ts). */
  readonly maxLag: number;
  /** MONITOR the masters this long after the start (0: no census); kept out of the figures. */
  readonly censusMs: number;
  readonly policiesPath: string;
}

/** One catch-up run: what was measured, over its window (after the census, if any). */
export interface ScaleRunResult {
  readonly target: string;
  readonly trackers: number;
  readonly partitions: number;
  /** Events committed within the window, and its length up to the last commit. */
  readonly events: number;
  readonly ms: number;
  readonly masters: readonly (NodeAddress & { readonly work: RedisWork })[];
  readonly replicasCpuSeconds: number;
  readonly trackerCpuMs: number;
  /** The smallest uncommitted backlog seen while producing (0: the trackers waited). */
  readonly smallestLag: number;
  readonly census?: KeyCensus;
}

const snapshot = (nodes: readonly NodeAddress[]) =>
  Promise.all(nodes.map((n) => readRedisWork(n.host, n.port)));

/**
 * Starts `trackers` × `slawatch run tracker` on `target`, waits until their group holds
 * every partition, then produces the data set and times them from the first message (or the
 * end of the census) to their last commit. Fresh topic, group and key prefix each run; the
 * target is flushed and its counters zeroed before.
 */
export async function runScale(
  kafka: Kafka,
  brokers: readonly string[],
  target: ScaleTarget,
  options: ScaleRunOptions,
): Promise<ScaleRunResult> {
  await target.reset();
  const { topic } = options;
  const [dlq, alerts] = [`${topic}-dlq`, `${topic}-alerts`];
  await ensureTopics(kafka, [topic, dlq, alerts]);
  const prefix = `bench-scale-${Date.now().toString(36)}`;
  const admin = kafka.admin();
  const producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  const partitions = (await admin.fetchTopicOffsets(topic)).length;
  progress(`${target.name}: starting ${options.trackers} tracker(s) on ${partitions} partitions`);
  const { fleet, groupId } = await startSettledTrackers(
    options.trackers,
    {
      ...target.env,
      SLAWATCH_KAFKA_BROKERS: brokers.join(','),
      SLAWATCH_POLICIES: options.policiesPath,
      SLAWATCH_TOPIC: topic,
      SLAWATCH_DLQ_TOPIC: dlq,
      SLAWATCH_ALERTS_TOPIC: alerts,
      SLAWATCH_KEY_PREFIX: prefix,
      SLAWATCH_HTTP_HOST: '127.0.0.1',
      // The smallest session timeout makes the mock broker's group joins quick (test/README).
      SLAWATCH_KAFKA_SESSION_TIMEOUT: '6000',
      SLAWATCH_LOG_LEVEL: 'info',
    },
    partitions,
  );
  try {
    let before = await snapshot([...target.masters, ...target.replicas]);
    let cpuBefore = fleet.cpuMs();
    let startedAt = Date.now();
    let committedBefore = 0;
    progress(
      `${target.name}, ${options.trackers} tracker(s): producing ${options.data.messages.length} events`,
    );
    const producing = producePaced(
      producer,
      admin,
      topic,
      groupId,
      options.data.messages,
      options.maxLag,
    );
    let census: KeyCensus | undefined;
    if (options.censusMs > 0) {
      await sleep(2_000);
      progress(`${target.name}: MONITOR on every master for ${options.censusMs} ms`);
      census = await takeKeyCensus(target.masters, prefix, options.censusMs);
      // The window starts after MONITOR: it slows the masters it watches.
      before = await snapshot([...target.masters, ...target.replicas]);
      cpuBefore = fleet.cpuMs();
      startedAt = Date.now();
      committedBefore = await committed(admin, topic, groupId);
    }
    const smallestLag = await producing;
    for (let lag = await groupLag(admin, topic, groupId); lag > 0;) {
      await sleep(200);
      lag = await groupLag(admin, topic, groupId);
    }
    const after = await snapshot([...target.masters, ...target.replicas]);
    const cpuAfter = fleet.cpuMs();
    const scraped = await fleet.scrape();
    const lastCommit = Math.max(
      ...scraped.map((m) => (m.get('slawatch_tracker_last_commit_timestamp_seconds') ?? 0) * 1000),
    );
    const taken = scraped.reduce(
      (sum, m) => sum + (m.get('slawatch_tracker_events_total') ?? 0),
      0,
    );
    if (taken < options.data.messages.length)
      throw new Error(`the trackers took ${taken} of ${options.data.messages.length} events`);
    const work = after.map((a, i) => workBetween(before[i]!, a));
    const masters = target.masters.map((node, i) => ({ ...node, work: work[i]! }));
    const replicasCpuSeconds = work
      .slice(target.masters.length)
      .reduce((sum, w) => sum + w.cpuSeconds, 0);
    return {
      target: target.name,
      trackers: options.trackers,
      partitions,
      events: options.data.messages.length - committedBefore,
      ms: lastCommit - startedAt,
      masters,
      replicasCpuSeconds,
      trackerCpuMs: cpuAfter - cpuBefore,
      smallestLag,
      ...(census ? { census } : {}),
    };
  } finally {
    await fleet.stop();
    await Promise.all([admin.disconnect(), producer.disconnect()]).catch(() => undefined);
  }
}

async function committed(
  admin: ReturnType<Kafka['admin']>,
  topic: string,
  groupId: string,
): Promise<number> {
  const [groups] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (groups?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}
