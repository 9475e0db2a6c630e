import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka, Message } from 'kafkajs';
import { decodeEvent, type AcceptedEvent } from '@slawatch/core';
import { alertMessages, BatchingProducer, deadLetter } from '@slawatch/kafka';
import { updateTickets, type UpdateDeps } from '@slawatch/store';
import type { Logger } from '@slawatch/telemetry';

export interface TrackerOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly dlqTopic: string;
  readonly alertsTopic: string;
  readonly groupId: string;
  readonly maxEventBytes: number;
  /** Everything `updateTickets` needs except `announce`, which the tracker provides. */
  readonly update: Omit<UpdateDeps, 'announce'>;
  readonly log: Logger;
  /** Clock of the service; tests may pin it. */
  readonly now?: () => number;
  /** Overrides of the consumer settings (session timeout, ...). */
  readonly consumerConfig?: Partial<ConsumerConfig>;
}

export interface Tracker {
  start(): Promise<void>;
  /** Finishes the batch in hand, commits its offsets and disconnects. */
  stop(): Promise<void>;
  readonly stats: { events: number; deadLettered: number; batches: number };
}

/**
 * The tracker: a consumer-group member that validates each Kafka batch, folds it into the
 * tickets' records in Redis, and commits the batch's offsets only once Redis, the timers
 * and the alert topic hold its effects (at-least-once in, idempotent apply).
 */
export function createTracker(options: TrackerOptions): Tracker {
  const { kafka, log } = options;
  const now = options.now ?? Date.now;
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    // Live latency: don't let the broker hold fetches for seconds (kafkajs#370).
    maxWaitTimeInMs: 100,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    ...options.consumerConfig,
  });
  const producer = new BatchingProducer(kafka);
  const stats = { events: 0, deadLettered: 0, batches: 0 };
  const deps: UpdateDeps = {
    ...options.update,
    announce: (events) => producer.send(options.alertsTopic, alertMessages(events)),
  };

  async function handleBatch(payload: EachBatchPayload) {
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    const dead: Message[] = [];
    const byTicket = new Map<string, AcceptedEvent[]>();
    for (const m of batch.messages) {
      const source = {
        topic: batch.topic,
        partition: batch.partition,
        offset: m.offset,
        key: m.key,
        value: m.value,
        headers: m.headers,
      };
      if (m.value === null || m.value.length === 0) {
        dead.push(deadLetter(source, 'empty message: a ticket event is a JSON CloudEvent'));
        continue;
      }
      if (m.value.length > options.maxEventBytes) {
        dead.push(
          deadLetter(
            source,
            `message of ${m.value.length} bytes is over the ${options.maxEventBytes}-byte limit (SLAWATCH_MAX_EVENT_BYTES)`,
          ),
        );
        continue;
      }
      const r = decodeEvent(m.value.toString('utf8'));
      if (!r.ok) {
        dead.push(deadLetter(source, r.reason));
        continue;
      }
      const list = byTicket.get(r.event.subject) ?? [];
      list.push({ event: r.event, time: r.time, seq: Number(m.offset) });
      byTicket.set(r.event.subject, list);
    }
    if (dead.length > 0) {
      await producer.send(options.dlqTopic, dead);
      await options.update.metrics.series.countDeadLetters(dead.length);
      log.warn(
        { count: dead.length, topic: batch.topic, partition: batch.partition },
        'invalid events sent to the dead-letter topic',
      );
    }
    await updateTickets(deps, byTicket, now());
    const last = batch.messages.at(-1)!.offset;
    await consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    payload.resolveOffset(last);
    stats.events += batch.messages.length - dead.length;
    stats.deadLettered += dead.length;
    stats.batches += 1;
    await payload.heartbeat();
  }

  return {
    stats,
    async start() {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic: options.topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: handleBatch,
      });
      log.info({ topic: options.topic, groupId: options.groupId }, 'tracker consuming');
    },
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
      log.info(stats, 'tracker stopped');
    },
  };
}
