import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka, Message } from 'kafkajs';
import type { Registry } from 'prom-client';
import { DEFAULT_MAX_FUTURE_MS, type AcceptedEvent } from '@slawatch/core';
import { alertMessages, BatchingProducer, deadLetter } from '@slawatch/kafka';
import { finishUpdate, saveTickets, type SavedUpdate, type UpdateDeps } from '@slawatch/store';
import type { Logger } from '@slawatch/telemetry';
import { acceptMessage } from './accept-message.js';
import { BatchTails } from './batch-tails.js';
import { ConsumerLag } from './consumer-lag.js';
import { ConsumerSupervisor } from './consumer-supervisor.js';
import { storeFailure, type StoreFailure } from './store-failure.js';
import { TrackerMetrics } from './tracker-metrics.js';

export interface TrackerOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly dlqTopic: string;
  readonly alertsTopic: string;
  readonly groupId: string;
  readonly maxEventBytes: number;
  /**
   * Events dated more than this many ms after the tracker's clock go to the dead-letter
   * topic (default one day; 0: no check). Producers' clocks drift, but a ticket event from
   * next week is a bug, and its timers would wait for it.
   */
  readonly maxFutureMs?: number;
  /** Everything `updateTickets` needs except `announce`, which the tracker provides. */
  readonly update: Omit<UpdateDeps, 'announce'>;
  readonly log: Logger;
  /** Clock of the service; tests may pin it. */
  readonly now?: () => number;
  /** Overrides of the consumer settings (session timeout, ...). */
  readonly consumerConfig?: Partial<ConsumerConfig>;
  /** Where to register the tracker's Prometheus series (none: they are kept, not exposed). */
  readonly registry?: Registry;
  /**
   * The first wait before a batch's second part (metrics, live delta, commit) is tried
   * again; it doubles for each of 5 retries (default 300 ms, as kafkajs retries a batch).
   */
  readonly finishRetryMs?: number;
  /** No progress for this long and the consumer is replaced by a fresh one (default 60 s). */
  readonly stallTimeoutMs?: number;
  /** Replacements in a row that never got back into the group before `onFatal` (default 8). */
  readonly maxRestarts?: number;
  /**
   * The tracker gave up on its consumer: the process should exit non-zero so that its
   * supervisor restarts it. Default: only logged (and `/readyz` reports it).
   */
  readonly onFatal?: (error: Error) => void;
}

export interface Tracker {
  start(): Promise<void>;
  /** Finishes the batch in hand, commits its offsets and disconnects. */
  stop(): Promise<void>;
  readonly stats: { events: number; deadLettered: number; batches: number };
  /** Resolves while the consumer is in its group and consuming; rejects saying why not. */
  checkConsuming(): Promise<void>;
  /**
   * Resolves once every batch eachBatch has returned is finished (metrics, live delta,
   * commit; batch-tails.ts), or its failure is kept for the next batch.
   */
  finished(): Promise<void>;
}

/** What a batch's second part needs of it: its counts and where it ends. */
interface BatchDone {
  /** When the batch was received (performance.now()). */
  readonly received: number;
  readonly valid: number;
  readonly dead: number;
  readonly topic: string;
  readonly partition: number;
  readonly first: string;
  readonly last: string;
  readonly highWatermark: string;
}

const DEFAULT_STALL_TIMEOUT_MS = 60_000;
const DEFAULT_FETCH_BYTES = 2 * 1024 * 1024;
const DEFAULT_MAX_RESTARTS = 8;
/** A batch's second part is retried as kafkajs retries a batch: 5 times, from 300 ms, doubling. */
const FINISH_RETRIES = 5;
const DEFAULT_FINISH_RETRY_MS = 300;

/**
 * The tracker: a consumer-group member that validates each Kafka batch, folds it into the
 * tickets' records in Redis, and commits the batch's offsets only once Redis, the timers
 * and the alert topic hold its effects (at-least-once in, idempotent apply).
 */
export function createTracker(options: TrackerOptions): Tracker {
  const { kafka, log } = options;
  const now = options.now ?? Date.now;
  const producer = new BatchingProducer(kafka);
  const stats = { events: 0, deadLettered: 0, batches: 0 };
  const metrics = new TrackerMetrics(options.registry);
  const lag = new ConsumerLag(kafka, options.topic, options.groupId, options.registry, (err) =>
    log.warn({ err }, 'consumer lag: could not read the offsets from the brokers'),
  );
  /** The consumer of the current group membership; replaced by the supervisor. */
  let consumer: Consumer | null = null;
  /** The second parts of `consumer`'s batches (batch-tails.ts). */
  let tails = new BatchTails();
  /** Set by stop: a batch then finishes whole before eachBatch returns. */
  let stopping = false;
  const consumerConfig = {
    // Live latency: don't let the broker hold fetches for seconds (kafkajs#370).
    maxWaitTimeInMs: 100,
    // A tracker catching up folds each fetch as one batch: twice kafkajs' 1 MiB default
    // halves the times a ticket's record and contribution are read, folded and written
    // over a backlog (bench:pipeline, issue 18). Live batches are small whatever this is.
    maxBytesPerPartition: DEFAULT_FETCH_BYTES,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    ...options.consumerConfig,
  };
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const supervisor = new ConsumerSupervisor({
    topic: options.topic,
    stallTimeoutMs,
    // A new member's join may wait out the old member's session.
    startTimeoutMs: stallTimeoutMs + consumerConfig.sessionTimeout,
    maxRestarts: options.maxRestarts ?? DEFAULT_MAX_RESTARTS,
    log,
    onFatal: options.onFatal ?? (() => undefined),
    onConsuming: (on) => metrics.consuming(on),
    onRestart: () => metrics.restarted(),
    onProgress: (at) => metrics.progressed(at),
    create() {
      const c = kafka.consumer({
        groupId: options.groupId,
        ...consumerConfig,
        // The supervisor is the only one to restart a consumer. kafkajs' own restart after a
        // crash first stops the consumer (STOP, which the supervisor answers with a
        // replacement) and then rejoins the old one anyway: two members per process, and
        // more on each crash, until the group never settles (a Redis failover's failed
        // batches set it off).
        retry: { retries: 5, restartOnFailure: () => Promise.resolve(false) },
      });
      c.on(c.events.GROUP_JOIN, ({ payload }) =>
        lag.assign(payload.memberAssignment[options.topic] ?? []),
      );
      consumer = c;
      tails = new BatchTails();
      return c;
    },
    async begin(c) {
      await c.connect();
      await c.subscribe({ topic: options.topic, fromBeginning: true });
      await c.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        // Bound to its consumer: a replaced member's late batch must not commit through
        // the new one (the group may have given its partitions to another tracker).
        eachBatch: (payload) => handleBatch(c, payload),
      });
    },
  });
  const deps: UpdateDeps = {
    ...options.update,
    announce: (events) => producer.send(options.alertsTopic, alertMessages(events)),
  };

  /** The last batch's write to Redis failed (until one succeeds): readiness says why. */
  let failing: StoreFailure | null = null;

  /** A write of the batch to Redis; a failure is named, counted and kept for /readyz. */
  async function stored<T>(partition: number, offset: string, write: () => Promise<T>) {
    try {
      const result = await write();
      failing = null;
      return result;
    } catch (error) {
      failing = storeFailure(error);
      metrics.batchFailed(failing.reason);
      log.error({ partition, offset, reason: failing.reason }, failing.message);
      throw error;
    }
  }

  async function handleBatch(owner: Consumer, payload: EachBatchPayload) {
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    if (owner !== consumer) return;
    const mine = tails;
    mine.check();
    supervisor.batchStarted(batch.partition);
    const received = performance.now();
    const dead: Message[] = [];
    const byTicket = new Map<string, AcceptedEvent[]>();
    const limits = {
      maxEventBytes: options.maxEventBytes,
      maxFutureMs: options.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS,
    };
    const at = now();
    for (const m of batch.messages) {
      const r = acceptMessage(m.value, limits, at);
      if (!r.ok) {
        const { topic, partition } = batch;
        const { offset, key, value, headers } = m;
        dead.push(deadLetter({ topic, partition, offset, key, value, headers }, r.reason));
        continue;
      }
      const list = byTicket.get(r.event.subject) ?? [];
      list.push({ event: r.event, time: r.time, seq: Number(m.offset) });
      byTicket.set(r.event.subject, list);
    }
    const first = batch.messages[0]!.offset;
    if (dead.length > 0) {
      await producer.send(options.dlqTopic, dead);
      await stored(batch.partition, first, () =>
        options.update.metrics.series.countDeadLetters(dead.length),
      );
      log.warn(
        { count: dead.length, topic: batch.topic, partition: batch.partition },
        'invalid events sent to the dead-letter topic',
      );
    }
    const savedAt = now();
    const saved = await stored(batch.partition, first, () => saveTickets(deps, byTicket, savedAt));
    // The previous batch's second part has had this batch's first part to run beside.
    await mine.settle();
    const last = batch.messages.at(-1)!.offset;
    // The second part keeps what it commits, not the batch: its messages would stay alive
    // beside the next batch's (issue 18, the young generation copying them again).
    const done = {
      received,
      valid: batch.messages.length - dead.length,
      dead: dead.length,
      topic: batch.topic,
      partition: batch.partition,
      first,
      last,
      highWatermark: batch.highWatermark,
    };
    mine.start(
      () => finishRetried(() => finishBatch(owner, saved, savedAt, done), owner),
      (err) => log.error({ err, partition: batch.partition, offset: first }, 'batch not finished'),
    );
    // kafkajs fetches on from here; the commit comes with the second part.
    payload.resolveOffset(last);
    if (stopping || !payload.isRunning()) await mine.settle();
    await payload.heartbeat();
  }

  /**
   * `finish` until it succeeds (it is idempotent: a metric update applied at its version is
   * not applied again), while `owner` is the consumer and the tracker is not stopping.
   */
  async function finishRetried(finish: () => Promise<void>, owner: Consumer) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await finish();
      } catch (error) {
        if (attempt >= FINISH_RETRIES || stopping || owner !== consumer) throw error;
        await sleep((options.finishRetryMs ?? DEFAULT_FINISH_RETRY_MS) * 2 ** attempt);
      }
    }
  }

  /** A batch's second part: metrics and live delta (finishUpdate), then its commit. */
  async function finishBatch(owner: Consumer, saved: SavedUpdate, at: number, done: BatchDone) {
    const { duplicates } = await stored(done.partition, done.first, () =>
      finishUpdate(deps, saved, at),
    );
    const next = BigInt(done.last) + 1n;
    await owner.commitOffsets([
      { topic: done.topic, partition: done.partition, offset: next.toString() },
    ]);
    metrics.batchCommitted(
      { processed: done.valid - duplicates, duplicate: duplicates, deadLettered: done.dead },
      (performance.now() - done.received) / 1000,
      Date.now(),
    );
    lag.committed(done.partition, next, done.highWatermark);
    supervisor.batchCommitted(done.partition);
    stats.events += done.valid;
    stats.deadLettered += done.dead;
    stats.batches += 1;
  }

  return {
    stats,
    finished: () => tails.idle(),
    checkConsuming: async () => {
      await supervisor.check();
      if (failing) throw new Error(failing.message);
    },
    async start() {
      await producer.connect();
      await supervisor.start();
      log.info({ topic: options.topic, groupId: options.groupId }, 'tracker consuming');
    },
    async stop() {
      stopping = true;
      // The batch already returned to kafkajs commits before its consumer leaves.
      await tails.idle();
      await supervisor.stop();
      await producer.disconnect();
      lag.clear();
      await lag.close();
      log.info(stats, 'tracker stopped');
    },
  };
}
