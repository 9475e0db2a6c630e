import type { PolicySet } from '@slawatch/core';
import {
  createKeys,
  LiveIndex,
  LiveLists,
  MetricWindows,
  TicketStore,
  TimerQueue,
  type RedisClient,
  type UpdateDeps,
} from '../src/index.js';
import { freshPrefix } from './store-targets.js';

/**
 * What the tracker updates tickets with, over a fresh key prefix (`lanes` metric lanes),
 * and the metrics and lists that read them. Its timer queue goes to `opened`, for the
 * test file to close after its tests.
 */
export function trackedStore(
  redis: RedisClient,
  lanes: number,
  policies: PolicySet,
  opened: TimerQueue[],
  name = 'tracked',
) {
  const keys = createKeys(freshPrefix(name), lanes);
  const timers = new TimerQueue(redis, keys);
  opened.push(timers);
  const metrics = new MetricWindows(redis, keys, policies.metrics);
  const deps: UpdateDeps = {
    store: new TicketStore(redis, keys),
    index: new LiveIndex(redis, keys, 7 * 86_400_000),
    timers,
    metrics,
    policies,
    retentionMs: 3_600_000,
    announce: () => Promise.resolve(),
  };
  return { keys, deps, metrics, lists: new LiveLists(redis, keys, metrics) };
}
