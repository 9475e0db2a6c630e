import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Notification } from '@slawatch/core';
import type { DeliveryPolicy, Keys, NotificationQueue } from '@slawatch/store';

/** The job that sends one team's grouped alerts to one receiver. */
export interface FlushJob {
  readonly flush: string | null;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/**
 * Alerts waiting to go out grouped: one Redis hash per receiver and team (notification id
 * → notification, so a retried job stashes nothing twice), and one flush job per window
 * (its id names the window, so any number of alerts schedule it once). The flush sends
 * what the hash holds and removes only that: alerts that arrive meanwhile wait for the
 * next window, and a failed flush leaves them all for its retry.
 */
export class AlertGroups {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly queue: NotificationQueue,
    private readonly windowMs: number,
    private readonly delivery: DeliveryPolicy,
    /** The cap's period: a receiver gets at most `ratePerMinute` messages per period. */
    private readonly capPeriodMs = 60_000,
  ) {}

  private key(receiver: string, team: string | null): string {
    return `${this.keys.notifyPrefix}:g:${receiver}:${JSON.stringify(team)}`;
  }

  async stash(n: Notification, now: number): Promise<void> {
    await this.redis.hset(this.key(n.receiver, n.labels.team), n.id, JSON.stringify(n));
    await this.schedule(n.receiver, n.labels.team, this.windowEnd(now), now);
  }

  private windowEnd(now: number): number {
    return (Math.floor(now / this.windowMs) + 1) * this.windowMs;
  }

  /**
   * Takes one message of the receiver's cap for the current period; false when it is
   * used up. Counted in Redis, so every alerter shares the cap.
   */
  async claim(receiver: string, cap: number, now: number): Promise<boolean> {
    const period = Math.floor(now / this.capPeriodMs);
    const key = `${this.keys.notifyPrefix}:cap:${receiver}:${period}`;
    const [[, used]] = (await this.redis
      .multi()
      .incr(key)
      .pexpire(key, 2 * this.capPeriodMs)
      .exec()) as [[Error | null, number]];
    return used <= cap;
  }

  /**
   * Holds `team`'s waiting alerts back until the next period: they go out then as one
   * message, which is the summary of what the cap held back.
   */
  async holdBack(receiver: string, team: string | null, now: number): Promise<void> {
    const next = (Math.floor(now / this.capPeriodMs) + 1) * this.capPeriodMs;
    // Its own id: the instant may also end a grouping window whose flush has run.
    await this.schedule(receiver, team, next, now, 'held');
  }

  /** The alerts waiting for `team`, oldest first. */
  async waiting(receiver: string, team: string | null): Promise<Notification[]> {
    const hash = await this.redis.hgetall(this.key(receiver, team));
    return Object.values(hash)
      .map((text) => JSON.parse(text) as Notification)
      .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
  }

  /** Forgets what was sent; what arrived meanwhile gets the next window's flush. */
  async sent(receiver: string, team: string | null, ids: readonly string[], now: number) {
    const key = this.key(receiver, team);
    if (ids.length > 0) await this.redis.hdel(key, ...ids);
    if ((await this.redis.hlen(key)) > 0)
      await this.schedule(receiver, team, this.windowEnd(now) + this.windowMs, now);
  }

  /** Adds the flush at instant `at` (once: the job id names the receiver, team and instant). */
  private async schedule(
    receiver: string,
    team: string | null,
    at: number,
    now: number,
    why = 'window',
  ) {
    const data: FlushJob = { flush: team };
    await this.queue.queue(receiver).add('flush', data as unknown as Notification, {
      jobId: `flush-${hash(`${receiver}\n${String(team)}`)}-${why}-${at}`,
      delay: Math.max(0, at - now),
      attempts: this.delivery.attempts,
      backoff: { type: 'jittered', delay: this.delivery.baseDelayMs },
      removeOnComplete: { age: 86_400 },
      removeOnFail: false,
    });
  }
}
