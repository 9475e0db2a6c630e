import type { RedisClient } from './redis-client.js';
import type { PolicySet } from '@slawatch/core';
import type { Keys } from './keys.js';
import { LiveIndex } from './live/live-index.js';
import { DEFAULT_LIST_SCAN_LIMIT, LiveLists } from './live/live-lists.js';
import { MetricWindows } from './metrics/metric-windows.js';
import { NotificationLog } from './notifications/notification-log.js';
import { NotificationQueue, type DeliveryPolicy } from './notifications/notification-queue.js';
import { TicketStore } from './tickets/ticket-store.js';
import { TimerQueue } from './timers/timer-queue.js';
import { waitForReplicas } from './wait-for-replicas.js';
import type { UpdateDeps } from './tickets/update-tickets.js';

export interface StoreAdapterOptions {
  /** How long closed and deleted tickets are kept (SLAWATCH_RETENTION). */
  readonly retentionMs: number;
  /**
   * Queue the receivers' notifications when the policy document names receivers (default
   * true). `slawatch rebuild` passes false: a replay must not page anyone a second time
   * about what was announced the first time.
   */
  readonly notify?: boolean;
  /** The retry policy of queued notifications (default DEFAULT_DELIVERY). */
  readonly delivery?: DeliveryPolicy;
  /** Most list entries one filtered read examines (SLAWATCH_LIST_SCAN_LIMIT). */
  readonly listScanLimit?: number;
  /**
   * Replicas that must hold a batch's writes before it counts as done
   * (SLAWATCH_REDIS_MIN_REPLICAS; default 0, no wait), and how long to wait for them.
   */
  readonly minReplicas?: number;
  readonly replicaTimeoutMs?: number;
}

/**
 * Everything `updateTickets` folds through except `announce`, which belongs to Kafka,
 * and what the gateway reads beside the records and metrics: the lists and deliveries.
 */
export type StoreAdapters = Omit<UpdateDeps, 'announce'> & {
  readonly store: TicketStore;
  readonly timers: TimerQueue;
  readonly metrics: MetricWindows;
  readonly notifications?: NotificationQueue;
  readonly lists: LiveLists;
  readonly deliveries: NotificationLog;
  /** Closes the BullMQ queues the adapters opened; the Redis client stays the caller's. */
  close(): Promise<void>;
};

/**
 * Builds the store adapters of one Redis and key prefix, so that the program, `rebuild`,
 * the test rigs and the benchmarks fold tickets through the same wiring. The notification
 * queue exists only with receivers configured: without one, alerts go to `sla.alerts`
 * alone, and no BullMQ queue is opened for nothing.
 */
export function createStoreAdapters(
  redis: RedisClient,
  keys: Keys,
  policies: PolicySet,
  options: StoreAdapterOptions,
): StoreAdapters {
  const notifications =
    (options.notify ?? true) && policies.alerting.receivers.length > 0
      ? new NotificationQueue(redis, keys, options.delivery)
      : undefined;
  const timers = new TimerQueue(redis, keys);
  const metrics = new MetricWindows(redis, keys, policies.metrics);
  return {
    ...(notifications ? { notifications } : {}),
    store: new TicketStore(redis, keys),
    index: new LiveIndex(redis, keys, options.retentionMs),
    timers,
    metrics,
    lists: new LiveLists(redis, keys, metrics, options.listScanLimit ?? DEFAULT_LIST_SCAN_LIMIT),
    deliveries: new NotificationLog(redis, keys),
    policies,
    retentionMs: options.retentionMs,
    ...(options.minReplicas
      ? {
          replicated: () =>
            waitForReplicas(redis, options.minReplicas!, options.replicaTimeoutMs ?? 1_000),
        }
      : {}),
    async close() {
      await timers.close();
      await notifications?.close();
    },
  };
}
