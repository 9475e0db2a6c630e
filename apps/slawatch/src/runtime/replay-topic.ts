import { randomBytes } from 'node:crypto';
import type { AcceptedEvent } from '@slawatch/core';
import type { createKafka } from '@slawatch/kafka';
import { acceptMessage } from '@slawatch/tracker';

// The kafkajs types, through @slawatch/kafka (the CLI does not depend on kafkajs itself).
type Kafka = ReturnType<typeof createKafka>;
type EachBatchPayload = Parameters<
  NonNullable<Parameters<ReturnType<Kafka['consumer']>['run']>[0]>['eachBatch'] & {}
>[0];

export interface ReplayOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  /** The live trackers' group: the replay's own group is named after it. */
  readonly groupId: string;
  /** What the replay is for, in its group's name (`<groupId>.<purpose>.<random>`). */
  readonly purpose: string;
  /**
   * Fold only messages written (their Kafka timestamp) at or after this instant; null: all.
   * The earlier ones are read and skipped rather than sought past: a broker's offsets by
   * timestamp assume timestamps in order, and librdkafka's mock broker answers them with the
   * end of the log.
   */
  readonly from: number | null;
  readonly maxEventBytes: number;
  /**
   * The tracker's SLAWATCH_MAX_EVENT_FUTURE (0: none). The tracker measured it from its clock
   * when it read the message; the replay from the message's timestamp, that moment's best
   * record, so an event dead-lettered then is not folded now.
   */
  readonly maxFutureMs: number;
  /** Takes each batch's valid events, by ticket (the rebuild folds them into the store). */
  apply(byTicket: Map<string, AcceptedEvent[]>): Promise<void>;
  /** Called after every folded batch, and once before the first. */
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** Stops the replay, which then rejects with the signal's reason (a cancelled backtest). */
  readonly signal?: AbortSignal;
}

export interface ReplayProgress {
  /** Messages read so far, of `total`: those between the start offsets and the high watermarks. */
  readonly done: number;
  readonly total: number;
}

export interface ReplaySummary {
  readonly messages: number;
  /** Valid events folded (duplicates included: the fold drops them by id). */
  readonly events: number;
  /** Invalid messages skipped: the tracker sent them to the dead-letter topic the first time. */
  readonly invalid: number;
  /** Messages written before `from`, read and skipped. */
  readonly earlier: number;
  readonly tickets: number;
  readonly partitions: number;
}

interface PartitionRange {
  readonly partition: number;
  readonly start: bigint;
  /** The high watermark when the replay started: it stops there. */
  readonly end: bigint;
}

/**
 * Replays the events topic, validated by the tracker's own rules, batch by batch into
 * `apply` (for the rebuild: `updateTickets`, the tracker's own fold), from the oldest
 * message kept up to the high watermarks taken at the start. It reads in a consumer group of its own and never commits, so the live trackers'
 * group, assignments and offsets are untouched; the fold's compare-and-set and event-id
 * idempotency let it run beside them.
 */
export async function replayTopic(options: ReplayOptions): Promise<ReplaySummary> {
  const { kafka, topic } = options;
  const ranges = await partitionRanges(kafka, topic);
  const total = ranges.reduce((sum, r) => sum + Number(r.end - r.start), 0);
  const summary = {
    messages: 0,
    events: 0,
    invalid: 0,
    earlier: 0,
    tickets: 0,
    partitions: ranges.length,
  };
  const tickets = new Set<string>();
  options.signal?.throwIfAborted();
  options.onProgress?.({ done: 0, total });
  const pending = new Map(ranges.filter((r) => r.end > r.start).map((r) => [r.partition, r]));
  if (pending.size === 0) return summary;

  const groupId = `${options.groupId}.${options.purpose}.${randomBytes(4).toString('hex')}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, sessionTimeout: 30_000 });
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) fail(payload.error);
  });

  // Handled here too: a failure may come before `finished` is awaited (while connecting).
  finished.catch(() => undefined);
  const stop = () => fail(options.signal?.reason as Error);
  options.signal?.addEventListener('abort', stop, { once: true });

  const handleBatch = async (payload: EachBatchPayload) => {
    if (options.signal?.aborted === true) return;
    const { batch } = payload;
    const range = pending.get(batch.partition);
    if (!range) return;
    // Messages written after the start belong to the live trackers: stop at the watermark.
    const messages = batch.messages.filter((m) => BigInt(m.offset) < range.end);
    const byTicket = new Map<string, AcceptedEvent[]>();
    for (const m of messages) {
      if (options.from !== null && Number(m.timestamp) < options.from) {
        summary.earlier++;
        continue;
      }
      // The tracker's own rules, as of when the message was written.
      const r = acceptMessage(m.value, options, Number(m.timestamp));
      if (!r.ok) {
        summary.invalid++;
        continue;
      }
      const list = byTicket.get(r.event.subject) ?? [];
      list.push({ event: r.event, time: r.time, seq: Number(m.offset) });
      byTicket.set(r.event.subject, list);
      tickets.add(r.event.subject);
      summary.events++;
    }
    await options.apply(byTicket);
    summary.messages += messages.length;
    const last = messages.at(-1);
    if (last) payload.resolveOffset(last.offset);
    if (BigInt(batch.lastOffset()) + 1n >= range.end) pending.delete(batch.partition);
    options.onProgress?.({ done: summary.messages, total });
    await payload.heartbeat();
    if (pending.size === 0) finish();
  };

  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: handleBatch });
    await finished;
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await consumer.disconnect();
    await deleteGroup(kafka, groupId);
  }
  return { ...summary, tickets: tickets.size };
}

/** Each partition's oldest kept offset and its high watermark now. */
async function partitionRanges(kafka: Kafka, topic: string): Promise<PartitionRange[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const listed = await admin.listTopics();
    if (!listed.includes(topic))
      throw new Error(`topic "${topic}" does not exist on the brokers (SLAWATCH_TOPIC)`);
    const watermarks = await admin.fetchTopicOffsets(topic);
    return watermarks
      .map((w) => ({ partition: w.partition, start: BigInt(w.low), end: BigInt(w.high) }))
      .sort((a, b) => a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}

/** Removes the replay's group; a broker that cannot is left to expire it (it never committed). */
async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // Best effort: an empty group without offsets expires on the broker by itself.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
