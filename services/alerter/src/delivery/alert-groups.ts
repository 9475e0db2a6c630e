import { createHash } from 'node:crypto';
import type { Notification } from '@slawatch/core';
import { type Keys, type NotificationQueue, type RedisClient } from '@slawatch/store';
import type { Receiver } from './receiver.js';
import type { ReceiverCap } from './receiver-cap.js';

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
 * next window, and a failed flush leaves them all for its retry. Each message takes one
 * of the receiver's `ratePerMinute` for the current period; a group over the cap waits
 * for the next period and goes out then as one message, the summary of what was held back.
 */
export class AlertGroups {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly queue: NotificationQueue,
    private readonly windowMs: number,
    /** The receiver's `ratePerMinute`: each message takes one. */
    private readonly cap: ReceiverCap,
  ) {}

  async stash(n: Notification, now: number): Promise<void> {
    await this.redis.hset(this.keys.alertGroup(n.receiver, n.labels.team), n.id, JSON.stringify(n));
    await this.schedule(n.receiver, n.labels.team, this.windowEnd(now), now);
  }

  /**
   * Sends `team`'s waiting alerts to `receiver` as one message (an alert alone as usual),
   * within the cap; resolves with what was sent (none when held back or nothing waits).
   */
  async flush(
    to: { readonly id: string; readonly receiver: Receiver },
    team: string | null,
    now: number,
  ): Promise<Notification[]> {
    const items = await this.waiting(to.id, team);
    if (items.length === 0) return [];
    if ((await this.cap.take(1, now)) === 0) {
      // Its own id: the instant may also end a grouping window whose flush has run.
      await this.schedule(to.id, team, this.cap.nextPeriod(now), now, 'held');
      return [];
    }
    if (items.length === 1) await to.receiver.deliver(items[0]!);
    else await to.receiver.deliverGroup!(items);
    const key = this.keys.alertGroup(to.id, team);
    await this.redis.hdel(key, ...items.map((n) => n.id));
    // What arrived meanwhile goes with the next window.
    if ((await this.redis.hlen(key)) > 0)
      await this.schedule(to.id, team, this.windowEnd(now) + this.windowMs, now);
    return items;
  }

  private windowEnd(now: number): number {
    return (Math.floor(now / this.windowMs) + 1) * this.windowMs;
  }

  /** The alerts waiting for `team`, oldest first. */
  private async waiting(receiver: string, team: string | null): Promise<Notification[]> {
    const stashed = await this.redis.hgetall(this.keys.alertGroup(receiver, team));
    return Object.values(stashed)
      .map((text) => JSON.parse(text) as Notification)
      .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
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
    const jobId = `flush-${hash(`${receiver}\n${String(team)}`)}-${why}-${at}`;
    await this.queue
      .queue(receiver)
      .add('flush', data as unknown as Notification, this.queue.jobOptions(jobId, at - now));
  }
}
