import type { Redis } from 'ioredis';
import type { PolicySet } from '@slawatch/core';
import {
  LiveIndex,
  MetricWindows,
  NotificationQueue,
  TicketStore,
  TimerQueue,
  type DeliveryPolicy,
  type Keys,
  type UpdateDeps,
} from '@slawatch/store';

/** The store adapters `updateTickets` folds through, as the tracker and `rebuild` build them. */
export type StoreAdapters = Omit<UpdateDeps, 'announce'> & {
  readonly store: TicketStore;
  readonly timers: TimerQueue;
  readonly metrics: MetricWindows;
  readonly notifications?: NotificationQueue;
};

/**
 * Builds the adapters of one Redis and key prefix. With `notify` (and receivers in the
 * policy document) transitions also queue notifications; `rebuild` passes false, so a
 * replay does not page anyone about what was announced the first time.
 */
export function storeAdapters(
  redis: Redis,
  keys: Keys,
  policySet: PolicySet,
  retentionMs: number,
  notify = true,
  delivery?: DeliveryPolicy,
): StoreAdapters {
  const notifications =
    notify && policySet.alerting.receivers.length > 0
      ? new NotificationQueue(redis, keys, delivery)
      : undefined;
  return {
    ...(notifications ? { notifications } : {}),
    store: new TicketStore(redis, keys),
    index: new LiveIndex(redis, keys, retentionMs),
    timers: new TimerQueue(redis, keys),
    metrics: new MetricWindows(redis, keys, policySet.metrics),
    policies: policySet,
    retentionMs,
  };
}
