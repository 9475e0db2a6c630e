import type { Redis } from 'ioredis';
import type { PolicySet } from '@slawatch/core';
import {
  createKeys,
  LiveIndex,
  MetricWindows,
  TicketStore,
  TimerQueue,
  type Keys,
  type UpdateDeps,
} from '@slawatch/store';
import { PhaseTimer } from './phase-timer.js';

// The product's adapters, with the time of each awaited Redis step added to a PhaseTimer.
// They inherit everything else, so the services run exactly the product code.
class TimedTicketStore extends TicketStore {
  constructor(
    redis: Redis,
    keys: Keys,
    private readonly timer: PhaseTimer,
    private readonly onLoad: (ticketIds: readonly string[]) => void,
  ) {
    super(redis, keys);
  }
  override load(ticketIds: readonly string[]) {
    this.onLoad(ticketIds);
    return this.timer.time('redis: load records', () => super.load(ticketIds));
  }
  override save(writes: Parameters<TicketStore['save']>[0]) {
    return this.timer.time('redis: save records', () => super.save(writes));
  }
}

class TimedTimerQueue extends TimerQueue {
  constructor(
    redis: Redis,
    keys: Keys,
    private readonly timer: PhaseTimer,
  ) {
    super(redis, keys);
  }
  override set(timers: Parameters<TimerQueue['set']>[0], now: number) {
    return this.timer.time('redis: set timers', () => super.set(timers, now));
  }
}

class TimedMetricWindows extends MetricWindows {
  constructor(
    redis: Redis,
    keys: Keys,
    policies: PolicySet,
    private readonly timer: PhaseTimer,
  ) {
    super(redis, keys, policies.metrics);
  }
  override apply(...args: Parameters<MetricWindows['apply']>) {
    return this.timer.time('redis: metrics', () => super.apply(...args));
  }
}

class TimedLiveIndex extends LiveIndex {
  constructor(
    redis: Redis,
    keys: Keys,
    retentionMs: number,
    private readonly timer: PhaseTimer,
  ) {
    super(redis, keys, retentionMs);
  }
  override record(...args: Parameters<LiveIndex['record']>) {
    return this.timer.time('redis: live index', () => super.record(...args));
  }
  override publish(...args: Parameters<LiveIndex['publish']>) {
    return this.timer.time('redis: live delta', () => super.publish(...args));
  }
}

export interface LiveDeps {
  readonly keys: Keys;
  readonly timers: TimerQueue;
  readonly update: Omit<UpdateDeps, 'announce'>;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * What `startServices` builds for the tracker and the alerter (apps/slawatch/src/runtime),
 * under the key prefix `prefix`, on one shared connection.
 */
export function createLiveDeps(
  redis: Redis,
  prefix: string,
  policies: PolicySet,
  timer = new PhaseTimer(),
  /** Told of every batch of records read (a tracker batch or an alerter round). */
  onLoad: (ticketIds: readonly string[]) => void = () => undefined,
): LiveDeps {
  const keys = createKeys(prefix);
  const timers = new TimedTimerQueue(redis, keys, timer);
  return {
    keys,
    timers,
    update: {
      store: new TimedTicketStore(redis, keys, timer, onLoad),
      index: new TimedLiveIndex(redis, keys, WEEK_MS, timer),
      timers,
      metrics: new TimedMetricWindows(redis, keys, policies, timer),
      policies,
      retentionMs: WEEK_MS,
    },
  };
}
