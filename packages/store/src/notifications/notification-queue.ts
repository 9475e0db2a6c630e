import { createHash } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import { duplicateClient, type RedisClient } from '../redis-client.js';
import type { Notification } from '@slawatch/core';
import type { Keys } from '../keys.js';
import { notificationQueueName } from '../queue-names.js';

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

/** Job ids are the notification ids hashed: BullMQ refuses ":" in them, marks have it. */
export const notificationJobId = (id: string): string =>
  `n-${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;

/**
 * The notifications to deliver, one BullMQ queue per receiver (so each has its own rate
 * limit). A notification is added under a job id derived from its idempotency id, so a
 * batch replayed after a crash adds nothing new while the job is kept (a day after it
 * completes); the receivers get the id too, for what the queue no longer remembers.
 * Jobs wait until `deliverAt` (quiet hours).
 */
export class NotificationQueue {
  private readonly queues = new Map<string, Queue<Notification>>();
  private readonly connection: RedisClient;

  constructor(
    redis: RedisClient,
    private readonly keys: Keys,
    private readonly delivery: DeliveryPolicy = DEFAULT_DELIVERY,
  ) {
    this.connection = duplicateClient(redis, { maxRetriesPerRequest: null });
  }

  queue(receiver: string): Queue<Notification> {
    let q = this.queues.get(receiver);
    if (!q) {
      q = new Queue<Notification>(notificationQueueName(receiver), {
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
    const byReceiver = new Map<string, Notification[]>();
    for (const n of notifications) {
      const list = byReceiver.get(n.receiver);
      if (list) list.push(n);
      else byReceiver.set(n.receiver, [n]);
    }
    await Promise.all(
      [...byReceiver].map(([receiver, list]) =>
        this.queue(receiver).addBulk(
          list.map((n) => ({
            name: n.action,
            data: n,
            opts: this.jobOptions(notificationJobId(n.id), n.deliverAt - now),
          })),
        ),
      ),
    );
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
