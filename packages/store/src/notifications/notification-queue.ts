import { Queue, type JobsOptions } from 'bullmq';
import { duplicateClient, type RedisClient } from '../redis-client.js';
import type { Notification } from '@slawatch/core';
import type { Keys } from '../keys.js';
import { notificationQueueName } from '../queue-names.js';
import { batchJobId, handOverJobId, notificationJobId } from './notification-job-id.js';

/** How a notification job is retried: long enough to outlast a receiver down for minutes. */
export interface DeliveryPolicy {
  /** Attempts in all (the first included). */
  readonly attempts: number;
  /** First retry after about this long (ms); each next one twice as long, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_DELIVERY: DeliveryPolicy = {
  attempts: 15,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
};

/**
 * The data of a notification's own job. A batch hands a notification over to one when its
 * first attempt failed or the receiver's cap held it back: `from` is the batch's job id
 * (which still owns it, DeliveryClaims), `attemptsBefore` the attempts made in the batch,
 * `refused` the receiver's answer when it refused for good (the job only records it
 * among the dead letters).
 */
export type QueuedNotification = Notification & {
  readonly from?: string;
  readonly attemptsBefore?: number;
  readonly refused?: string;
};

/** The data of a job delivering several notifications due now to one receiver. */
export interface NotificationBatch {
  readonly batch: readonly Notification[];
}

/**
 * The most notifications one batch job carries: enough that a burst is a few dozen jobs,
 * few enough that a batch cut short by a crash holds back little until it runs again.
 */
export const BATCH_MAX = 50;

/**
 * The notifications to deliver, one BullMQ queue per receiver (so each has its own cap).
 * Notifications due now go to a receiver several at a time, one job per batch of up to
 * BATCH_MAX (a job each topped out near 2,700 a second, bench:notify); one alone, or one
 * held until `deliverAt` (quiet hours), gets a job of its own. Job ids derive from the
 * notifications' idempotency ids, so a batch replayed after a crash adds nothing new while
 * the job is kept (a day after it completes); DeliveryClaims make sure a notification
 * carried by two jobs is delivered by one, and the receivers get the id too.
 */
export class NotificationQueue {
  private readonly queues = new Map<string, Queue<QueuedNotification>>();
  private readonly connection: RedisClient;

  constructor(
    redis: RedisClient,
    private readonly keys: Keys,
    private readonly delivery: DeliveryPolicy = DEFAULT_DELIVERY,
  ) {
    this.connection = duplicateClient(redis, { maxRetriesPerRequest: null });
  }

  queue(receiver: string): Queue<QueuedNotification> {
    let q = this.queues.get(receiver);
    if (!q) {
      q = new Queue<QueuedNotification>(notificationQueueName(receiver), {
        connection: this.connection,
        prefix: this.keys.notifyPrefix,
      });
      this.queues.set(receiver, q);
    }
    return q;
  }

  /** The options of every delivery job: its id, when it is due, how it is retried. */
  jobOptions(jobId: string, delayMs: number): JobsOptions {
    return {
      jobId,
      delay: Math.max(0, delayMs),
      attempts: this.delivery.attempts,
      backoff: { type: 'jittered', delay: this.delivery.baseDelayMs },
      removeOnComplete: { age: 86_400 },
      // Kept: the failed set is the dead-letter list, with each job's last error.
      removeOnFail: false,
    };
  }

  async enqueue(notifications: readonly Notification[], now: number): Promise<void> {
    const byReceiver = new Map<string, { due: Notification[]; held: Notification[] }>();
    for (const n of notifications) {
      let lists = byReceiver.get(n.receiver);
      if (!lists) byReceiver.set(n.receiver, (lists = { due: [], held: [] }));
      (n.deliverAt <= now ? lists.due : lists.held).push(n);
    }
    await Promise.all(
      [...byReceiver].map(([receiver, { due, held }]) => {
        const alone = due.length === 1 ? [...held, ...due] : held;
        const jobs: { name: string; data: QueuedNotification; opts: JobsOptions }[] = alone.map(
          (n) => ({
            name: n.action,
            data: n,
            opts: this.jobOptions(notificationJobId(n.id), n.deliverAt - now),
          }),
        );
        for (let i = 0; due.length > 1 && i < due.length; i += BATCH_MAX) {
          const batch = due.slice(i, i + BATCH_MAX);
          const data: NotificationBatch = { batch };
          jobs.push({
            name: 'batch',
            // Typed as its queue's notifications, like the grouping's flush jobs.
            data: data as unknown as QueuedNotification,
            opts: this.jobOptions(batchJobId(batch.map((n) => n.id)), 0),
          });
        }
        return this.queue(receiver).addBulk(jobs);
      }),
    );
  }

  /**
   * Gives a notification of batch `from` a job of its own (handOverJobId): to retry it
   * after `delayMs`, with `attemptsBefore` attempts made; or, with `refused`, to keep it
   * among the dead letters with the receiver's answer.
   */
  async handOver(
    n: Notification,
    from: string,
    how: { readonly attemptsBefore: number; readonly delayMs: number; readonly refused?: string },
  ): Promise<void> {
    const data: QueuedNotification = {
      ...n,
      from,
      attemptsBefore: how.attemptsBefore,
      ...(how.refused === undefined ? {} : { refused: how.refused }),
    };
    const opts = this.jobOptions(handOverJobId(n.id), how.delayMs);
    await this.queue(n.receiver).add(n.action, data, {
      ...opts,
      attempts: Math.max(1, (opts.attempts ?? 1) - how.attemptsBefore),
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit();
  }
}

/**
 * The delay before retry `attemptsMade` (1 for the first retry): exponential from
 * `baseDelayMs`, capped, then jittered between half and all of it, so a receiver coming
 * back is not hit by every held notification at the same instant.
 */
export function retryDelay(
  attemptsMade: number,
  delivery: DeliveryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(delivery.maxDelayMs, delivery.baseDelayMs * 2 ** (attemptsMade - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
