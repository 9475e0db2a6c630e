import type { Keys, RedisClient } from '@slawatch/store';

/**
 * A receiver's `ratePerMinute`: at most that many notifications a period (a minute but in
 * tests), counted in Redis for every alerter. Attempts take from it one at a time (a
 * notification's own job) or many at once (a batch), so one count covers both.
 */
export class ReceiverCap {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly receiver: string,
    private readonly perPeriod: number,
    private readonly periodMs = 60_000,
  ) {}

  /** Takes up to `count` attempts of the current period; resolves with how many it got. */
  async take(count: number, now: number): Promise<number> {
    const key = this.keys.receiverCap(this.receiver, Math.floor(now / this.periodMs));
    const [[, used]] = (await this.redis
      .multi()
      .incrby(key, count)
      .pexpire(key, 2 * this.periodMs)
      .exec()) as [[Error | null, number]];
    return Math.max(0, Math.min(count, this.perPeriod - (used - count)));
  }

  /** When the next period starts: what the cap held back goes then. */
  nextPeriod(now: number): number {
    return (Math.floor(now / this.periodMs) + 1) * this.periodMs;
  }
}
